import { describe, expect, it } from 'vitest';
import { type StoreState, StoreState as StoreStateSchema } from '../../../../shared/central/api';
import { byUrgency, summarizeConfig } from './store-order';

function store(id: string, overrides: Partial<StoreState> = {}): StoreState {
  return StoreStateSchema.parse({
    id,
    name: id,
    regionId: 'east',
    regionName: 'East',
    activeAlarms: { critical: 0, warning: 0, info: 0 },
    openTickets: 0,
    oldestOpenTicketAgeS: null,
    lastHeardAt: 1,
    silentForMs: 10_000,
    syncLagMs: 500,
    highestSeq: 10,
    droppedRollups: 0,
    equipment: { total: 20, offline: 0 },
    config: { latestVersion: null, appliedVersion: null, lastReport: null },
    ...overrides,
  });
}

describe('stores by urgency', () => {
  it('critical alarms first, then silent stores, then warnings and tickets, then by name', () => {
    const stores = [
      store('a-quiet'),
      store('b-tickets', { openTickets: 2 }),
      store('c-warning', { activeAlarms: { critical: 0, warning: 1, info: 0 } }),
      store('d-silent', { silentForMs: 3 * 3600_000 }),
      store('e-never', { lastHeardAt: null, silentForMs: null }),
      store('f-critical', { activeAlarms: { critical: 1, warning: 0, info: 0 } }),
    ];
    expect(stores.sort(byUrgency).map((s) => s.id)).toEqual([
      'f-critical',
      'd-silent',
      'e-never',
      'c-warning',
      'b-tickets',
      'a-quiet',
    ]);
  });
});

describe('config applied against latest', () => {
  it('says what the store runs compared with what central holds', () => {
    expect(summarizeConfig({ latestVersion: null, appliedVersion: null, lastReport: null }).key).toBe(
      'config.none',
    );
    expect(summarizeConfig({ latestVersion: 3, appliedVersion: 3, lastReport: null })).toEqual({
      key: 'config.upToDate',
      values: { version: 3 },
      tone: 'ok',
    });
    expect(summarizeConfig({ latestVersion: 4, appliedVersion: 3, lastReport: null })).toEqual({
      key: 'config.pending',
      values: { applied: 3, latest: 4 },
      tone: 'warning',
    });
    expect(summarizeConfig({ latestVersion: 1, appliedVersion: null, lastReport: null }).key).toBe(
      'config.neverApplied',
    );
  });

  it('a rejected latest version is critical: the store keeps running the old one', () => {
    const rejected = summarizeConfig({
      latestVersion: 4,
      appliedVersion: 3,
      lastReport: {
        version: 4,
        outcome: 'rejected',
        errors: [{ path: 'equipment.0', message: 'bad' }],
        at: 1,
      },
    });
    expect(rejected).toEqual({ key: 'config.rejected', values: { version: 4 }, tone: 'critical' });
  });
});
