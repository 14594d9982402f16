import { z } from 'zod';
import type { Money } from '../../../shared/api/stock';
import type {
  DowntimeItemLoss,
  EquipmentDowntimeOverview,
  StoreEquipmentDowntime,
} from '../../../shared/central/downtime-api';
import type { LocalizedText } from '../../../shared/localized-text';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';
import type { CostShareRow } from '../ingest/downtime-cost-projection';
import { fromMilli } from '../ingest/stock-projection';
import { catalogNames } from '../queries/catalog-names';
import { equipmentLabels } from '../queries/equipment-labels';
import { episodesIn } from './eighty-six';
import { reasonsOf } from './regional-stock';
import { overlapMs, type StoreHeader, storesInScope } from './scoped-stores';

/** What the store's priced episodes lost, summed in thousandths so that sums stay exact. */
interface Loss {
  episodes: number;
  unpriced: number;
  portionsMilli: number;
  moneyMilli: Map<string, number>;
}

interface UnitTally {
  store: StoreHeader;
  equipmentId: string;
  name: LocalizedText | null;
  capability: string | null;
  intervals: [number, number][];
  items: Map<string, { offMs: number; loss: Loss }>;
  loss: Loss;
}

const Shares = z.array(
  z.object({
    equipmentId: z.string(),
    ticketId: z.number().nullable(),
    alarmId: z.number().nullable(),
    portionsMilli: z.number(),
    amountMilli: z.number(),
  }),
) satisfies z.ZodType<CostShareRow[]>;

const noLoss = (): Loss => ({ episodes: 0, unpriced: 0, portionsMilli: 0, moneyMilli: new Map() });

/**
 * Per store and unit, what its being out of service cost the menu in [from, to): the
 * time at least one item was off because of it and each item's time off, from the 86
 * episodes (`menu.availability`; an episode is put on every unit its equipment reasons
 * name as the store named them when the item went off), and the portions and money lost
 * as the store priced them (`downtime.cost`): each unit's share of every episode that
 * ended in the range, money summed per currency; items named by the store's catalogue. Central estimates nothing itself; an
 * episode still running is priced by the store when it ends.
 */
export async function equipmentDowntime(
  db: CentralDb,
  scope: StoreScope,
  from: number,
  to: number,
  now: number,
): Promise<EquipmentDowntimeOverview> {
  const stores = await storesInScope(db, scope);
  const storeOf = new Map(stores.map((s) => [s.storeId, s]));
  const episodes = await episodesIn(db, scope, from, to, true);
  const costs = await costsEndedIn(db, scope, from, to);
  const storeIds = [...new Set([...episodes.map((e) => e.store_id), ...costs.map((c) => c.store_id)])];
  const labelOf = await equipmentLabels(db, storeIds);
  const names = await catalogNames(db, storeIds, ['menu_item']);

  const units = new Map<string, UnitTally>();
  const unitOf = (store: StoreHeader, equipmentId: string, name?: LocalizedText): UnitTally => {
    const key = `${store.storeId}\u0000${equipmentId}`;
    const held = units.get(key);
    if (held) return held;
    const label = labelOf(store.storeId, equipmentId);
    const tally: UnitTally = {
      store,
      equipmentId,
      name: name ?? label.name,
      capability: label.type,
      intervals: [],
      items: new Map(),
      loss: noLoss(),
    };
    units.set(key, tally);
    return tally;
  };
  const itemOf = (tally: UnitTally, item: string) => {
    const held = tally.items.get(item) ?? { offMs: 0, loss: noLoss() };
    tally.items.set(item, held);
    return held;
  };

  for (const episode of episodes) {
    const store = storeOf.get(episode.store_id);
    if (!store) continue;
    const end = episode.ended_at ?? Math.max(now, episode.started_at);
    const off = { from: Math.max(episode.started_at, from), to: Math.min(end, to) };
    if (off.to <= off.from) continue;
    for (const reason of reasonsOf(episode.reasons)) {
      if (reason.kind !== 'equipment') continue;
      for (const unit of reason.units) {
        const tally = unitOf(store, unit.equipmentId, unit.name);
        // Episodes come newest first; one that named the unit names it, whichever that is.
        if (tally.name === null && unit.name) tally.name = unit.name;
        // The 86 names the type that was out of service, whatever the unit's registry says.
        tally.capability = reason.capability;
        tally.intervals.push([off.from, off.to]);
        itemOf(tally, episode.item).offMs += overlapMs(off.from, off.to, from, to);
      }
    }
  }

  for (const cost of costs) {
    const store = storeOf.get(cost.store_id);
    const shares = Shares.safeParse(JSON.parse(cost.shares));
    if (!store || !shares.success) continue;
    for (const share of shares.data) {
      const tally = unitOf(store, share.equipmentId);
      for (const loss of [tally.loss, itemOf(tally, cost.item).loss]) addShare(loss, cost, share);
    }
  }

  const rows = [...units.values()].map(
    (tally): StoreEquipmentDowntime => ({
      ...tally.store,
      equipmentId: tally.equipmentId,
      name: tally.name,
      capability: tally.capability,
      menuOffMs: unionMs(tally.intervals),
      ...lossAnswer(tally.loss),
      items: [...tally.items]
        .map(
          ([item, { offMs, loss }]): DowntimeItemLoss => ({
            item,
            name: names.name(tally.store.storeId, 'menu_item', item),
            offMs,
            ...lossAnswer(loss),
          }),
        )
        .sort((a, b) => b.offMs - a.offMs || b.portionsLost - a.portionsLost || a.item.localeCompare(b.item)),
    }),
  );
  return {
    from,
    to,
    equipment: rows.sort(
      (a, b) =>
        b.menuOffMs - a.menuOffMs ||
        b.portionsLost - a.portionsLost ||
        a.storeId.localeCompare(b.storeId) ||
        a.equipmentId.localeCompare(b.equipmentId),
    ),
  };
}

interface CostRow {
  store_id: string;
  item: string;
  currency: string;
  priced: boolean;
  shares: string;
}

/** The priced episodes of the stores in scope that ended in [from, to). */
async function costsEndedIn(db: CentralDb, scope: StoreScope, from: number, to: number): Promise<CostRow[]> {
  const rows = await db
    .selectFrom('downtime_costs as d')
    .innerJoin('stores', 'stores.id', 'd.store_id')
    .where((eb) => inScope(eb, scope))
    .where('d.ended_at', '>=', from)
    .where('d.ended_at', '<', to)
    .select(['d.store_id', 'd.item', 'd.currency', 'd.priced', 'd.shares'])
    .execute();
  return rows.map((r) => ({ ...r, priced: Number(r.priced) === 1 }));
}

function addShare(loss: Loss, cost: CostRow, share: CostShareRow): void {
  loss.episodes += 1;
  loss.portionsMilli += share.portionsMilli;
  if (!cost.priced) {
    loss.unpriced += 1;
    return;
  }
  loss.moneyMilli.set(cost.currency, (loss.moneyMilli.get(cost.currency) ?? 0) + share.amountMilli);
}

function lossAnswer(
  loss: Loss,
): Pick<StoreEquipmentDowntime, 'costedEpisodes' | 'portionsLost' | 'money' | 'unpricedEpisodes'> {
  return {
    costedEpisodes: loss.episodes,
    portionsLost: fromMilli(loss.portionsMilli),
    money: [...loss.moneyMilli]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, milli]): Money => ({ currency, amount: fromMilli(milli) })),
    unpricedEpisodes: loss.unpriced,
  };
}

/** Total length of intervals that may overlap (two items off for one fryer count once). */
export function unionMs(intervals: readonly [number, number][]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [start, stop] of sorted) {
    if (stop <= end) continue;
    total += stop - Math.max(start, end);
    end = stop;
  }
  return total;
}
