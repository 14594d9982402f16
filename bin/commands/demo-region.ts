import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { CentralService } from '../../cloud-sync/central/central-service';
import { EdgeApp } from '../../edge/app/edge-app';
import { loadCredentials } from '../../firmware-sim/credentials';
import { Scenario } from '../../firmware-sim/scenario';
import { Simulation } from '../../firmware-sim/simulation';
import type { StoreConfig } from '../../shared/config/store-config';
import { systemClock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import { provisionDemoCentral } from './demo-central';
import { backdateDemoMaintenance } from './demo-maintenance';
import { provisionSimulatedDevices } from './demo-provisioning';

/** A neighbour of the demo store: a few of its pieces of equipment, maybe a problem. */
export interface RegionStoreSpec {
  id: string;
  name: string;
  /** ids of the demo store's MQTT equipment this store has */
  equipment: readonly string[];
  /** what goes wrong there, on the simulator's timeline */
  scenario: z.input<typeof Scenario>;
}

/**
 * The demo's region besides the full demo store: three small kitchens, one healthy,
 * one whose fryer reports oil above 200 °C (critical alarm and repair ticket
 * within half a minute) and one whose reach-in drops off the network (offline). Enough for the
 * regional page's table, light enough for a 2-core box.
 */
export const DEMO_REGION_STORES: readonly RegionStoreSpec[] = [
  {
    id: 'demo-sh-002',
    name: 'Galley Demo Kitchen · Shanghai Xuhui',
    equipment: ['wic-1', 'ric-1', 'fryer-1', 'hold-1'],
    scenario: { name: 'healthy', steps: [] },
  },
  {
    id: 'demo-sh-003',
    name: 'Galley Demo Kitchen · Shanghai Pudong',
    equipment: ['wic-1', 'ric-1', 'fryer-1', 'fryer-2', 'dish-1'],
    scenario: {
      name: 'fryer probe reads 215 °C',
      steps: [
        {
          at: '15s',
          equipmentId: 'fryer-2',
          fault: 'sensor_stuck',
          params: { metric: 'oil_temp_c', value: 215 },
        },
      ],
    },
  },
  {
    id: 'demo-hz-001',
    name: 'Galley Demo Kitchen · Hangzhou West Lake',
    equipment: ['wic-1', 'ric-1', 'ric-2', 'grill-1'],
    scenario: {
      name: 'reach-in off the network',
      steps: [{ at: '20s', equipmentId: 'ric-2', fault: 'network_loss' }],
    },
  },
];

/**
 * The demo store's config cut down to one neighbour: same region, equipment types,
 * rules, users and technicians; only its own equipment, and the maintenance plans
 * that still apply to some of it.
 */
export function regionStoreConfig(base: StoreConfig, spec: RegionStoreSpec): StoreConfig {
  const equipment = base.equipment.filter((e) => spec.equipment.includes(e.id) && e.protocol === 'mqtt');
  const ids = new Set(equipment.map((e) => e.id));
  const types = new Set(equipment.map((e) => e.type));
  const plans = base.maintenance.plans
    .map((plan) =>
      plan.equipment ? { ...plan, equipment: plan.equipment.filter((id) => ids.has(id)) } : plan,
    )
    .filter((plan) => plan.equipment?.length || plan.types?.some((t) => types.has(t)));
  return {
    ...base,
    store: { ...base.store, id: spec.id, name: spec.name },
    equipment,
    maintenance: { ...base.maintenance, plans },
  };
}

/** One neighbour running: a real edge (broker, rules, SQLite, sync) and its simulated equipment. */
class RegionStore {
  #edge: EdgeApp | undefined;
  #sim: Simulation | undefined;

  constructor(
    readonly config: StoreConfig,
    private readonly scenario: Scenario,
    private readonly dataDir: string,
    private readonly logger: Logger,
    private readonly seed: number,
  ) {}

  async start(central: CentralService): Promise<void> {
    mkdirSync(this.dataDir, { recursive: true });
    const token = await provisionDemoCentral(central.central, this.config, this.dataDir);
    const edge = new EdgeApp({
      config: this.config,
      dataDir: this.dataDir,
      logger: this.logger.child({ store: this.config.store.id }),
      host: '127.0.0.1',
      mqttPort: 0,
      httpPort: 0,
      central: { url: `http://127.0.0.1:${central.port}`, token },
    });
    this.#edge = edge;
    const { mqttPort } = await edge.start();
    if (backdateDemoMaintenance(this.config, edge.database, systemClock.now()).length > 0)
      edge.maintenance.tick();
    const credentials = provisionSimulatedDevices(this.config, edge.database, systemClock, this.dataDir);
    this.#sim = new Simulation({
      config: this.config,
      mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
      credentials: loadCredentials(credentials),
      logger: this.logger.child({ store: this.config.store.id, ns: 'sim' }),
      seed: this.seed,
      scenario: this.scenario,
    });
    await this.#sim.start();
  }

  async stop(): Promise<void> {
    await this.#sim?.stop();
    await this.#edge?.stop();
    this.#sim = undefined;
    this.#edge = undefined;
  }
}

export interface DemoRegion {
  storeIds: string[];
  stop(): Promise<void>;
}

/**
 * Starts the neighbours in this process, each with its data under
 * `<dataDir>/region/<storeId>/`, syncing to the demo's central like the demo store.
 */
export async function startDemoRegion(
  base: StoreConfig,
  central: CentralService,
  dataDir: string,
  logger: Logger,
  specs: readonly RegionStoreSpec[] = DEMO_REGION_STORES,
): Promise<DemoRegion> {
  const stores = specs.map(
    (spec, i) =>
      new RegionStore(
        regionStoreConfig(base, spec),
        Scenario.parse(spec.scenario),
        join(dataDir, 'region', spec.id),
        logger,
        i + 2,
      ),
  );
  const started: RegionStore[] = [];
  const stop = async () => {
    for (const store of started.reverse()) await store.stop();
  };
  try {
    for (const store of stores) {
      started.push(store);
      await store.start(central);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { storeIds: stores.map((s) => s.config.store.id), stop };
}
