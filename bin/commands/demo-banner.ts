import type { StoreConfig } from '../../shared/config/store-config';
import { DEMO_CENTRAL_ADMIN, demoRegionalManager } from './demo-central';

export interface DemoBannerInput {
  config: StoreConfig;
  dataDir: string;
  /** the address the servers bound (0.0.0.0 by default) */
  host: string;
  mqttPort: number;
  httpPort: number;
  centralPort: number;
  controlPort: number;
  /** `#pair=…`: pairs the first screen that opens it */
  pairLink: string;
  /** the neighbouring stores syncing to the same central */
  regionStores: readonly string[];
  /** how many maintenance work orders the demo back-dated at start */
  backdated: number;
}

/** The equipment the printed inject command names: the grill when there is one (its offline alarm shows at once). */
export function demoFaultTarget(config: StoreConfig): string {
  const mqtt = config.equipment.filter((e) => e.protocol === 'mqtt');
  return (mqtt.find((e) => e.id === 'grill-1') ?? mqtt[0] ?? config.equipment[0])?.id ?? 'grill-1';
}

/** The ready-to-paste command that injects a fault into the running demo. */
export function demoInjectCommand(controlPort: number, equipmentId: string): string {
  return `npx galley sim inject --port ${controlPort} ${equipmentId} network_loss`;
}

/**
 * What `npm start` prints once everything runs: the bound ports as the contract's
 * log lines (so scripts read them as from any other process), then where to look.
 */
export function demoBanner(input: DemoBannerInput): string {
  const { config, httpPort, centralPort, controlPort } = input;
  const manager = demoRegionalManager(config);
  const target = demoFaultTarget(config);
  const storeCount = 1 + input.regionStores.length;
  const region =
    input.regionStores.length > 0
      ? ` and ${input.regionStores.length} neighbouring stores (${input.regionStores.join(', ')})`
      : '';
  return [
    `mqtt listening on ${input.host}:${input.mqttPort}`,
    `http listening on ${input.host}:${httpPort}`,
    `central listening on ${input.host}:${centralPort}`,
    '',
    `Galley demo — ${config.store.name} (${config.equipment.length} pieces of equipment)${region}`,
    `  kitchen display   http://127.0.0.1:${httpPort}/${input.pairLink}  (the link pairs one screen, once; the board alone: http://127.0.0.1:${httpPort}/)`,
    `  API               http://127.0.0.1:${httpPort}/api  (login: POST /api/session {"user":"admin","pin":"1234"})`,
    `  API description   http://127.0.0.1:${httpPort}/api/openapi.json`,
    `  metrics           http://127.0.0.1:${httpPort}/metrics`,
    `  MQTT              mqtt://127.0.0.1:${input.mqttPort}  ·  ws://127.0.0.1:${httpPort}/mqtt`,
    `  regional ops      http://127.0.0.1:${centralPort}/  (login: ${manager.username} / ${manager.password}; admin / ${DEMO_CENTRAL_ADMIN.password}) — ${storeCount} stores in ${config.store.region}`,
    `  kitchen orders    the display's 出餐屏 Orders mode: the demo POS (pos-demo / pos-demo-secret) posts orders to POST /api/pos/orders, demo cooks bump them`,
    `  inject a fault    ${demoInjectCommand(controlPort, target)}`,
    `                    clear it: npx galley sim clear --port ${controlPort} ${target}  ·  every fault: npx galley sim inject --help`,
    ...(input.backdated > 0
      ? [
          `  maintenance       ${input.backdated} work orders fell due before this start (overdue PM, today's tasks): the display's 维保 and tasks, the regional 维保 tab`,
        ]
      : []),
    `  data              ${input.dataDir}`,
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
}
