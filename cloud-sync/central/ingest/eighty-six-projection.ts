import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import { UnavailableReason } from '../../../shared/api/menu';
import { MenuAvailabilityPayload } from '../../../shared/central/stock-events';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { inPieces } from '../db/rows-per-statement';
import type { CentralTables } from '../db/schema';
import type { Versioned } from './latest-by-seq';
import { invalid, type ProjectionOutcome } from './projection-outcome';

type Trx = Transaction<CentralTables>;

type Change = Versioned<MenuAvailabilityPayload>;

interface ChangeRow {
  seq: number;
  at: number;
  available: number;
  reasons: string;
}

interface EpisodeRow {
  open_seq: number;
  started_at: number;
  close_seq: number | null;
  ended_at: number | null;
  reasons: string;
  equipment: number;
}

/**
 * 86 episodes from `menu.availability`: an item going off the menu opens an episode with
 * the reasons it gave, coming back closes it. Every change is kept by the store's seq
 * and an item's episodes are rebuilt from its changes after the last episode closed
 * before the earliest new one, so a change arriving out of order takes its place in
 * history instead of rolling the item back; a change that repeats the state the item is
 * already in (a restart telling it again) neither opens nor closes anything.
 */
export class EightySixProjection {
  readonly #changes: Change[] = [];

  static projects(type: string): boolean {
    return type === 'menu.availability';
  }

  add(storeId: string, event: SyncEvent): ProjectionOutcome {
    const parsed = MenuAvailabilityPayload.safeParse(event.payload);
    if (!parsed.success) return invalid(parsed.error);
    this.#changes.push({ storeId, seq: event.seq, value: parsed.data });
    return { kind: 'projected' };
  }

  async apply(trx: Trx): Promise<void> {
    if (this.#changes.length === 0) return;
    await inPieces(this.#changes, (rows) => insertChanges(trx, rows));
    const earliest = new Map<string, { storeId: string; item: string; seq: number }>();
    for (const { storeId, seq, value } of this.#changes) {
      const key = `${storeId}\u0000${value.item}`;
      const held = earliest.get(key);
      if (!held || seq < held.seq) earliest.set(key, { storeId, item: value.item, seq });
    }
    for (const touched of earliest.values()) await rebuildEpisodes(trx, touched);
  }
}

async function insertChanges(trx: Trx, rows: Change[]): Promise<void> {
  const values = rows.map(
    ({ storeId, seq, value: c }) =>
      sql`(${storeId}, ${c.item}, ${seq}, ${c.at}, ${c.available ? 1 : 0}, ${JSON.stringify(c.reasons)})`,
  );
  await sql`
    insert into menu_availability_changes (store_id, item, seq, at, available, reasons)
    values ${sql.join(values)}
    on conflict (store_id, item, seq) do nothing`.execute(trx);
}

async function rebuildEpisodes(
  trx: Trx,
  { storeId, item, seq }: { storeId: string; item: string; seq: number },
): Promise<void> {
  const settled = await trx
    .selectFrom('eighty_six_episodes')
    .select((eb) => eb.fn.max('close_seq').as('seq'))
    .where('store_id', '=', storeId)
    .where('item', '=', item)
    .where('close_seq', '<', seq)
    .executeTakeFirst();
  const after = settled?.seq === null || settled?.seq === undefined ? -1 : Number(settled.seq);
  await trx
    .deleteFrom('eighty_six_episodes')
    .where('store_id', '=', storeId)
    .where('item', '=', item)
    .where('open_seq', '>', after)
    .execute();
  const changes = await trx
    .selectFrom('menu_availability_changes')
    .select(['seq', 'at', 'available', 'reasons'])
    .where('store_id', '=', storeId)
    .where('item', '=', item)
    .where('seq', '>', after)
    .orderBy('seq')
    .execute();
  const episodes = foldEpisodes(changes);
  if (episodes.length === 0) return;
  await trx
    .insertInto('eighty_six_episodes')
    .values(episodes.map((e) => ({ store_id: storeId, item, ...e })))
    .execute();
}

/** Changes in seq order, starting from an item on the menu, to the episodes they make. */
export function foldEpisodes(changes: readonly ChangeRow[]): EpisodeRow[] {
  const episodes: EpisodeRow[] = [];
  let open: EpisodeRow | undefined;
  for (const change of changes) {
    if (!change.available) {
      if (open) continue;
      open = {
        open_seq: Number(change.seq),
        started_at: Number(change.at),
        close_seq: null,
        ended_at: null,
        reasons: change.reasons,
        equipment: hasEquipmentReason(change.reasons) ? 1 : 0,
      };
    } else if (open) {
      // A store clock that stepped back must not make a negative episode.
      episodes.push({
        ...open,
        close_seq: Number(change.seq),
        ended_at: Math.max(Number(change.at), open.started_at),
      });
      open = undefined;
    }
  }
  if (open) episodes.push(open);
  return episodes;
}

const Reasons = z.array(UnavailableReason);

function hasEquipmentReason(json: string): boolean {
  const parsed = Reasons.safeParse(JSON.parse(json));
  return parsed.success && parsed.data.some((reason) => reason.kind === 'equipment');
}
