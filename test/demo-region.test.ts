import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_CENTRAL_ADMIN } from '../bin/commands/demo-central';
import {
  DEMO_REGION_STORES,
  type DemoRegion,
  regionStoreConfig,
  startDemoRegion,
} from '../bin/commands/demo-region';
import { CentralService } from '../cloud-sync/central/central-service';
import { StoreConfig } from '../shared/config/store-config';
import { loadStoreConfig } from '../shared/server/config/load-store-config';
import { silentLogger } from '../shared/server/runtime/logger';

const demo = loadStoreConfig(join(import.meta.dirname, '..', 'config', 'demo-store.yaml'));

const StoreRows = z.array(
  z.object({
    id: z.string(),
    regionId: z.string(),
    lastHeardAt: z.number().nullable(),
    activeAlarms: z.object({ critical: z.number(), warning: z.number() }),
  }),
);

describe("the demo's region: small neighbouring stores beside the demo store", () => {
  it('cuts the demo config down to valid small stores in the same region', () => {
    for (const spec of DEMO_REGION_STORES) {
      const config = regionStoreConfig(demo, spec);
      expect(config.store).toMatchObject({ id: spec.id, region: demo.store.region });
      expect(config.equipment.map((e) => e.id)).toEqual(spec.equipment);
      // What the edge would refuse at start is refused here too: the cut config parses as a store config.
      const reparsed = StoreConfig.safeParse(config);
      expect(reparsed.success, JSON.stringify(reparsed.error?.issues)).toBe(true);
      for (const plan of config.maintenance.plans)
        for (const id of plan.equipment ?? []) expect(spec.equipment).toContain(id);
    }
  });

  describe('running', () => {
    let central: CentralService | undefined;
    let region: DemoRegion | undefined;
    let dataDir = '';
    afterEach(async () => {
      await region?.stop();
      await central?.stop();
      region = undefined;
      central = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('syncs real edges to central, and a neighbour that loses a device shows its alarm there', {
      timeout: 60_000,
    }, async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'galley-demo-region-'));
      central = new CentralService({
        dataDir: join(dataDir, 'central'),
        port: 0,
        adminPassword: DEMO_CENTRAL_ADMIN.password,
        logger: silentLogger(),
      });
      await central.start();
      region = await startDemoRegion(demo, central, dataDir, silentLogger(), [
        {
          id: 'demo-t-001',
          name: 'Quiet',
          equipment: ['wic-1', 'fryer-1'],
          scenario: { name: 'ok', steps: [] },
        },
        {
          id: 'demo-t-002',
          name: 'Trouble',
          equipment: ['ric-1', 'ric-2'],
          scenario: { name: 'offline', steps: [{ at: '2s', equipmentId: 'ric-2', fault: 'network_loss' }] },
        },
      ]);
      expect(region.storeIds).toEqual(['demo-t-001', 'demo-t-002']);

      const login = await fetch(`${central.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(DEMO_CENTRAL_ADMIN),
      });
      const { token } = z.object({ token: z.string() }).parse(await login.json());
      const stores = async () =>
        StoreRows.parse(
          await (
            await fetch(`${central?.url}/api/stores`, { headers: { authorization: `Bearer ${token}` } })
          ).json(),
        );
      let rows = await stores();
      const deadline = Date.now() + 40_000;
      while (Date.now() < deadline) {
        rows = await stores();
        const trouble = rows.find((r) => r.id === 'demo-t-002');
        if (rows.every((r) => r.lastHeardAt !== null) && trouble && trouble.activeAlarms.warning > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(rows.map((r) => [r.id, r.regionId])).toEqual([
        ['demo-t-001', demo.store.region],
        ['demo-t-002', demo.store.region],
      ]);
      expect(rows.every((r) => r.lastHeardAt !== null)).toBe(true);
      expect(rows.find((r) => r.id === 'demo-t-001')?.activeAlarms).toMatchObject({
        critical: 0,
        warning: 0,
      });
      expect(rows.find((r) => r.id === 'demo-t-002')?.activeAlarms.warning).toBe(1);
    });
  });
});
