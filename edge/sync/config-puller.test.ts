import { afterEach, describe, expect, it } from 'vitest';
import type { StoreConfig } from '../../shared/config/store-config';
import { silentLogger } from '../../shared/server/runtime/logger';
import { withStoredOverlay } from './stored-overlay';
import { SyncRig } from './testing/sync-test-kit';

let rig: SyncRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** The walk-in cooler's high-temperature threshold in a config. */
function coolerLimit(config: StoreConfig): unknown {
  const rule = config.equipmentTypes.walk_in_cooler?.rules?.find((r) => r.id === 'temp_high');
  return rule && 'raise' in rule && 'value' in rule.raise ? rule.raise.value : undefined;
}

function withCoolerLimit(config: StoreConfig, value: number): StoreConfig['equipmentTypes'] {
  const types = structuredClone(config.equipmentTypes);
  const rule = types.walk_in_cooler?.rules?.find((r) => r.id === 'temp_high');
  if (!rule || !('raise' in rule) || !('value' in rule.raise))
    throw new Error('demo cooler has no temp_high threshold');
  rule.raise.value = value;
  return types;
}

describe('config pull-down', () => {
  it('applies a valid central config, reports it, and keeps it across a restart', async () => {
    rig = await SyncRig.start();
    const r = rig;
    expect(coolerLimit(r.fileConfig)).toBe(5);
    r.central.pushConfig(r.storeId, { equipmentTypes: withCoolerLimit(r.fileConfig, 6) });
    await r.service.configPuller?.pollOnce();

    expect(r.applied).toHaveLength(1);
    expect(coolerLimit(r.applied[0] as StoreConfig)).toBe(6);
    expect(r.applied[0]?.equipment).toEqual(r.fileConfig.equipment); // sections not pushed stay local
    expect(r.central.reports(r.storeId)).toEqual([
      expect.objectContaining({ version: 1, outcome: 'applied' }),
    ]);
    expect(r.service.health().configVersion).toBe(1);

    await r.service.configPuller?.pollOnce(); // nothing newer: 204, nothing applied again
    expect(r.applied).toHaveLength(1);
    expect(r.central.wire.at(-1)).toMatchObject({ path: '/api/sync/config?after=1', status: 204 });

    await r.restart();
    expect(coolerLimit(withStoredOverlay(r.db, r.fileConfig, silentLogger()))).toBe(6);
    expect(r.service.health().configVersion).toBe(1);
  });

  it('rejects an invalid config with every path and reason, and keeps the old one', async () => {
    rig = await SyncRig.start();
    const r = rig;
    r.central.pushConfig(r.storeId, { equipmentTypes: withCoolerLimit(r.fileConfig, 6) });
    await r.service.configPuller?.pollOnce();
    const bad = structuredClone(r.fileConfig.equipment);
    bad.push({ ...(bad[0] as StoreConfig['equipment'][number]), id: 'wic-9', type: 'space_heater' });
    bad.push({ ...(bad[0] as StoreConfig['equipment'][number]) }); // duplicate id
    r.central.pushConfig(r.storeId, { equipment: bad, alarms: { repeatIntervalS: 'often' } });
    await r.service.configPuller?.pollOnce();

    expect(r.applied).toHaveLength(1); // only version 1 ever reached the edge's rules
    const report = r.central.reports(r.storeId).at(-1);
    expect(report).toMatchObject({ version: 2, outcome: 'rejected' });
    const paths = report?.errors.map((e) => e.path) ?? [];
    expect(paths).toContain('equipment[wic-9].type');
    expect(paths).toContain(`equipment[${bad.length - 1}].id`); // a duplicated id is named by position
    expect(paths.some((p) => p.startsWith('alarms'))).toBe(true);
    expect(report?.errors.find((e) => e.path.endsWith('.type'))?.message).toMatch(/unknown equipment type/);
    expect(r.service.health().configVersion).toBe(1);
    expect(coolerLimit(withStoredOverlay(r.db, r.fileConfig, silentLogger()))).toBe(6);

    await r.service.configPuller?.pollOnce(); // asks after=2: the rejected version is not fetched again
    expect(r.central.reports(r.storeId)).toHaveLength(2);
  });
});
