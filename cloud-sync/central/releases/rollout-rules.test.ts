import { describe, expect, it } from 'vitest';
import type { BoxStatusView } from '../../../shared/central/edge-releases';
import { scopeRefusal } from './rollout-access';
import { advanceRefusal, storesInScope, waitingOn } from './rollout-rules';

const stores = [
  { id: 'sh-001', regionId: 'east', state: 'open' },
  { id: 'sh-002', regionId: 'east', state: 'open' },
  { id: 'bj-001', regionId: 'north', state: 'open' },
  { id: 'bj-old', regionId: 'north', state: 'closed' },
];

function box(
  storeId: string,
  version: string | null,
  healthy: boolean | null,
  extra: Partial<BoxStatusView> = {},
): BoxStatusView {
  return {
    storeId,
    regionId: 'east',
    version,
    healthy,
    checks: healthy === false ? { database: true, broker: false, sync: true } : {},
    supervised: true,
    reportedAt: version ? 1 : null,
    lastUpdate: null,
    ...extra,
  };
}

const advance = {
  halted: false,
  current: { stage: 'store' as const, target: 'sh-001' },
  next: { stage: 'region' as const, target: 'east' },
  currentStoreRegion: 'east',
  waiting: [],
  overrideReason: null,
  byAdmin: false,
};

describe('rollout stage rules', () => {
  it('scopes a stage to its store, its region or every store not closed', () => {
    expect(storesInScope({ stage: 'store', target: 'sh-002' }, stores)).toEqual(['sh-002']);
    expect(storesInScope({ stage: 'region', target: 'north' }, stores)).toEqual(['bj-001']);
    expect(storesInScope({ stage: 'all', target: null }, stores)).toEqual(['bj-001', 'sh-001', 'sh-002']);
  });

  it('waits on every box not yet healthy on the release, saying why', () => {
    const boxes = new Map([
      ['sh-001', box('sh-001', '2.0.0', true)],
      ['sh-002', box('sh-002', '2.0.0', false)],
      [
        'bj-001',
        box('bj-001', '1.0.0', true, {
          lastUpdate: {
            version: '2.0.0',
            rolloutId: 1,
            outcome: 'rolled_back',
            reason: 'healthz 503',
            at: 5,
          },
        }),
      ],
    ]);
    const waiting = waitingOn('2.0.0', ['bj-001', 'sh-001', 'sh-002', 'zz-new'], boxes);
    expect(waiting).toEqual([
      { storeId: 'bj-001', why: 'runs 1.0.0; the update to 2.0.0 was rolled back: healthz 503' },
      { storeId: 'sh-002', why: 'runs 2.0.0 but is not healthy (broker)' },
      { storeId: 'zz-new', why: 'its box has not reported yet' },
    ]);
  });

  it('advances store → region when the store is healthy on the release', () => {
    expect(advanceRefusal(advance)).toBeNull();
  });

  it('refuses to advance while a box of the stage is not healthy on the release', () => {
    const refusal = advanceRefusal({
      ...advance,
      waiting: [{ storeId: 'sh-001', why: 'runs 1.0.0, not 2.0.0 yet' }],
    });
    expect(refusal?.message).toContain('sh-001 (runs 1.0.0, not 2.0.0 yet)');
    expect(refusal?.code).toBe('rollout.stage_not_healthy');
    expect(refusal?.params).toEqual({ stage: 'store', stores: ['sh-001'] });
  });

  it('lets an admin override an unhealthy stage with a reason, never a regional manager', () => {
    const waiting = [{ storeId: 'sh-001', why: 'its box has not reported yet' }];
    expect(
      advanceRefusal({ ...advance, waiting, overrideReason: 'box offline for the refit', byAdmin: true }),
    ).toBeNull();
    expect(
      advanceRefusal({ ...advance, waiting, overrideReason: 'box offline for the refit', byAdmin: false }),
    ).toEqual({
      code: 'rollout.override_admin_only',
      params: {},
      message: 'only an admin may override a stage that is not healthy',
    });
  });

  it('never advances a halted rollout, never narrows, never jumps to another region', () => {
    expect(advanceRefusal({ ...advance, halted: true })?.message).toContain('halted');
    const narrowing = advanceRefusal({
      ...advance,
      current: { stage: 'region', target: 'east' },
      next: { stage: 'store', target: 'sh-001' },
    });
    expect(narrowing?.message).toContain('only widens');
    expect(narrowing).toMatchObject({
      code: 'rollout.only_widens',
      params: { current: 'region', next: 'store' },
    });
    const elsewhere = advanceRefusal({ ...advance, next: { stage: 'region', target: 'north' } });
    expect(elsewhere?.message).toContain('sh-001 is in east');
    expect(elsewhere).toMatchObject({
      code: 'rollout.region_must_hold_store',
      params: { store: 'sh-001', storeRegion: 'east', region: 'north' },
    });
    expect(advanceRefusal({ ...advance, next: { stage: 'all', target: null } })).toBeNull();
  });

  it('keeps a regional manager inside their region and away from "all"', () => {
    const rm = { username: 'li', role: 'regional_manager' as const, regionId: 'east', storeIds: [] };
    expect(scopeRefusal(rm, { stage: 'store', target: 'sh-001' }, 'east')).toBeNull();
    expect(scopeRefusal(rm, { stage: 'region', target: 'east' }, null)).toBeNull();
    const beyond = scopeRefusal(rm, { stage: 'store', target: 'bj-001' }, 'north');
    expect(beyond?.message).toContain('beyond your region');
    expect(beyond).toMatchObject({ code: 'rollout.beyond_region', params: { region: 'east' } });
    expect(scopeRefusal(rm, { stage: 'all', target: null }, null)?.message).toContain('only an admin');
    const tech = { username: 'wu', role: 'technician' as const, regionId: null, storeIds: ['sh-001'] };
    expect(scopeRefusal(tech, { stage: 'store', target: 'sh-001' }, 'east')?.message).toContain(
      'may not roll out',
    );
  });
});
