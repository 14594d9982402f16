import { afterEach, describe, expect, it } from 'vitest';
import { StoreConfig } from '../../../shared/config/store-config';
import { FoodSafetyError } from './food-safety-errors';
import { verifyChain } from './record-chain';
import { DAY, demoStoreConfig, FoodSafetyRig } from './testing/food-safety-kit';

let rig: FoodSafetyRig | undefined;
afterEach(() => {
  rig?.close();
  rig = undefined;
});

const warmFrom = (from: number) => (minute: number) => ({ 'wic-1': { temp_c: minute >= from ? 8 : 3 } });

const countRows = (r: FoodSafetyRig, table: string) =>
  (r.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('food-safety service', () => {
  it('an excursion in progress survives a restart: still one excursion, one action', () => {
    const r = new FoodSafetyRig();
    rig = r;
    r.run(50, warmFrom(10));
    expect(r.service.correctiveActions({ state: 'all', limit: 10 })).toHaveLength(1);
    r.restart();
    r.run(90, (m) => ({ 'wic-1': { temp_c: m < 80 ? 8 : 3 } }));
    const day = r.service.compliance('wic-1-cold', DAY);
    expect(day.excursions).toHaveLength(1);
    // The minute still open at the stop (49) is lost with the process: recorded as no data, not as warm.
    expect(day.excursions[0]).toMatchObject({ startedAt: r.at(10), endedAt: r.at(80), minutes: 69 });
    const lost = r.service.minuteLog('wic-1-cold', DAY).records.filter((rec) => rec.status === 'no_data');
    expect(lost.map((rec) => [rec.startTs, rec.endTs])).toEqual([[r.at(49), r.at(50)]]);
    expect(r.service.correctiveActions({ state: 'all', limit: 10 })).toHaveLength(1);
    expect(verifyChain(r.db)).toMatchObject({ ok: true });
  });

  it('minutes the box was off are one no-data record per stretch, not invented readings', () => {
    const r = new FoodSafetyRig();
    rig = r;
    r.run(10, () => ({ 'wic-1': { temp_c: 3 } }));
    r.service.stop();
    r.clock.advance(30 * 60_000);
    r.restart();
    r.run(60, () => ({ 'wic-1': { temp_c: 3 } }));
    const records = r.service.minuteLog('wic-1-cold', DAY).records;
    const gap = records.filter((rec) => rec.status === 'no_data');
    expect(gap).toHaveLength(1);
    // From the minute still open at the stop to the one the restart began in.
    expect(gap[0]).toMatchObject({ startTs: r.at(9), endTs: r.at(40), readings: 0, valueC: null });
    expect(records.at(-1)?.endTs).toBe(r.at(59));
  });

  it('an open action is due, then goes to the manager, then to central, each a new record', () => {
    const r = new FoodSafetyRig();
    rig = r;
    // Opens at the close of the 31st warm minute (00:41), due 30 min later, central 30 min after that.
    r.run(72, warmFrom(10));
    expect(r.service.correctiveActions({ state: 'open', limit: 10 })[0]).toMatchObject({
      escalation: 'manager',
    });
    r.run(103, warmFrom(10));
    const [action] = r.service.correctiveActions({ state: 'open', limit: 10 });
    expect(action).toMatchObject({ escalation: 'central', change: 'escalated' });
    const changes = r.db
      .prepare('SELECT change, escalation FROM food_safety_actions WHERE action_id = ? ORDER BY seq')
      .all(action?.id);
    expect(changes).toEqual([
      { change: 'opened', escalation: 'none' },
      { change: 'escalated', escalation: 'manager' },
      { change: 'escalated', escalation: 'central' },
    ]);
  });

  it('only the person in charge signs an action off', () => {
    const r = new FoodSafetyRig();
    rig = r;
    r.run(45, warmFrom(0));
    const [action] = r.service.correctiveActions({ state: 'open', limit: 10 });
    if (!action) throw new Error('no action opened');
    const request = {
      whatDone: 'Discarded the tray',
      disposition: 'discarded' as const,
      quantity: { amount: 3, unit: 'kg' as const },
    };
    expect(() => r.service.signOff(action.id, request, { id: 'staff-chen', roles: ['staff'] })).toThrow(
      FoodSafetyError,
    );
    const signed = r.service.signOff(action.id, request, { id: 'mgr-li', roles: ['manager'] });
    expect(signed).toMatchObject({ state: 'signed_off', by: 'mgr-li', quantity: { amount: 3, unit: 'kg' } });
    // What a report of the hour reads: the excursion, its action as signed, and the chain head.
    const hour = { from: r.at(0), to: r.at(60) };
    expect(r.service.excursionsIn(hour).map((e) => e.id)).toEqual([action.excursionId]);
    expect(r.service.correctiveActionsIn(hour)).toMatchObject([{ id: action.id, state: 'signed_off' }]);
    expect(r.service.excursionsIn({ from: r.at(60), to: r.at(120) })).toHaveLength(1);
    const verified = verifyChain(r.db);
    expect(verified.ok && verified.head?.hash).toBe(r.service.chainHead().hash);
  });

  it('a limit changed in the config is a new limit record; earlier minutes keep the one they were judged by', () => {
    const r = new FoodSafetyRig();
    rig = r;
    r.run(10, () => ({ 'wic-1': { temp_c: 4 } }));
    const base = demoStoreConfig();
    const stricter = StoreConfig.parse({
      ...base,
      foodSafety: {
        ...base.foodSafety,
        packs: [
          {
            id: 'store-cold-4',
            title: { en: 'Store standard', 'zh-CN': '门店标准' },
            authority: 'company_standard',
            source: { document: 'Store cold-holding rule', edition: '1', issuer: 'Store manager' },
            clauses: [
              {
                ref: 'S-1',
                title: { en: 'Cold holding', 'zh-CN': '冷藏' },
                quote: 'Store standard, not a regulation: the walk-in holds at 3 °C or below.',
              },
            ],
            limits: [
              {
                id: 'cold',
                kind: 'holding',
                title: { en: '≤ 3 °C', 'zh-CN': '≤ 3 °C' },
                clause: 'S-1',
                bound: 'at_most',
                tempC: 3,
              },
            ],
          },
        ],
        // The walk-in leaves the type-wide cold entry for one of its own, under the same control point id.
        controlPoints: [
          ...base.foodSafety.controlPoints.map((cp) =>
            cp.id === 'cold' ? { ...cp, types: ['reach_in_cooler'] } : cp,
          ),
          { id: 'wic-1-cold', equipment: 'wic-1', pack: 'store-cold-4', limit: 'cold' },
        ],
      },
    });
    const limitsBefore = countRows(r, 'food_safety_limits');
    r.service.reload(stricter);
    expect(countRows(r, 'food_safety_limits')).toBe(limitsBefore + 1);
    r.run(20, () => ({ 'wic-1': { temp_c: 4 } }));
    const log = r.service.minuteLog('wic-1-cold', DAY);
    expect(log.limits.map((l) => l.limitC)).toEqual([5, 3]);
    const byLimit = (limitC: number) => {
      const seq = log.limits.find((l) => l.limitC === limitC)?.seq;
      return log.records.filter((rec) => rec.limitSeq === seq).map((rec) => rec.status);
    };
    expect(new Set(byLimit(5))).toEqual(new Set(['in_limit']));
    expect(new Set(byLimit(3))).toEqual(new Set(['out_of_limit']));
    expect(verifyChain(r.db)).toMatchObject({ ok: true });
  });
});
