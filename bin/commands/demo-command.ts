import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CentralService } from '../../cloud-sync/central/central-service';
import { EdgeApp } from '../../edge/app/edge-app';
import { DisplayCredentials } from '../../edge/domains/displays/display-credentials';
import { DEMO_CONTROL_PORT } from '../../firmware-sim/control-client';
import type { CommandIo } from '../../shared/server/command-io';
import { ConfigError, loadStoreConfig } from '../../shared/server/config/load-store-config';
import { systemClock } from '../../shared/server/runtime/clock';
import { containProcessFaults } from '../../shared/server/runtime/fault-containment';
import { createRootLogger } from '../../shared/server/runtime/logger';
import { demoBanner } from './demo-banner';
import { ensureDemoWebAppsBuilt } from './demo-build';
import { DEMO_CENTRAL_ADMIN, provisionDemoCentral } from './demo-central';
import { type DemoKitchen, startDemoKitchen } from './demo-kitchen';
import { backdateDemoMaintenance } from './demo-maintenance';
import { provisionSimulatedDevices, startDemoSerialLines } from './demo-provisioning';
import { type DemoRegion, startDemoRegion } from './demo-region';
import { type DemoSimulator, spawnDemoSimulator } from './demo-simulator';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GALLEY = join(ROOT, 'bin', 'galley.js');

function port(value: string | undefined, fallback: number): number {
  return value === undefined || value === '' ? fallback : Number(value);
}

const USAGE = `usage: galley demo   (npm start)
  The whole demo: the demo store's edge with its equipment simulated (control channel on for
  live faults), the kitchen display, a local central service with the regional page, and three
  small neighbouring stores syncing to it. Builds the display and the regional page when their
  sources changed since the last build. Data under ./data.

environment:
  GALLEY_CONFIG            the store config (default config/demo-store.yaml)
  GALLEY_DATA_DIR          data directory (default ./data)
  GALLEY_MQTT_PORT         edge MQTT (default 1883; 0 = a free port, printed)
  GALLEY_HTTP_PORT         edge HTTP: API and display (default 8080)
  GALLEY_CENTRAL_PORT      central service and regional page (default 8090)
  GALLEY_SIM_CONTROL_PORT  the simulator's fault-injection channel (default ${DEMO_CONTROL_PORT})
  GALLEY_DEMO_REGION=0     no neighbouring stores
  GALLEY_LOG_LEVEL         default warn
`;

/**
 * `npm start`: the edge on its embedded defaults, the demo store's equipment
 * simulated in a child process (the same program a device maker would run), the
 * display, and a local central service with the region's other stores — everything
 * under ./data.
 */
export async function runDemoCommand(argv: string[], io: CommandIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const configFile = process.env.GALLEY_CONFIG ?? join(ROOT, 'config', 'demo-store.yaml');
  const dataDir = resolve(process.env.GALLEY_DATA_DIR ?? 'data');
  const level = process.env.GALLEY_LOG_LEVEL ?? 'warn';
  // One process runs the store's three parts; each line still names the part that wrote it.
  const logger = createRootLogger('galley-edge', level);
  let config: ReturnType<typeof loadStoreConfig>;
  try {
    config = loadStoreConfig(configFile);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`${err.message}\n`);
    return 2;
  }
  // Before the servers start: each serves its page only if the build is there when it starts.
  ensureDemoWebAppsBuilt(ROOT, io);
  const host = process.env.GALLEY_HOST ?? '0.0.0.0';
  // The local central service regional operations would run; the store syncs to it like any other.
  const central = new CentralService({
    dataDir: join(dataDir, 'central'),
    port: port(process.env.GALLEY_CENTRAL_PORT, 8090),
    host,
    adminPassword: DEMO_CENTRAL_ADMIN.password,
    logger: createRootLogger('galley-central', level),
  });
  await central.start();
  let storeToken: string;
  try {
    storeToken = await provisionDemoCentral(central.central, config, dataDir);
  } catch (err) {
    await central.stop();
    throw err;
  }
  // Before the edge starts, so its serial ports open on the first try instead of after a back-off.
  const serialLines = await startDemoSerialLines(config, dataDir, createRootLogger('galley-sim', level));
  const edge = new EdgeApp({
    config: serialLines?.config ?? config,
    dataDir,
    logger,
    host,
    mqttPort: port(process.env.GALLEY_MQTT_PORT, 1883),
    httpPort: port(process.env.GALLEY_HTTP_PORT, 8080),
    central: { url: `http://127.0.0.1:${central.port}`, token: storeToken },
  });
  let ports: Awaited<ReturnType<EdgeApp['start']>>;
  try {
    ports = await edge.start();
  } catch (err) {
    await serialLines?.stop();
    await central.stop();
    throw err;
  }
  const { mqttPort, httpPort } = ports;
  // Only once running: a failure to start must still end the process with an error.
  containProcessFaults(logger);
  const backdated = backdateDemoMaintenance(config, edge.database, systemClock.now());
  if (backdated.length > 0) edge.maintenance.tick();
  const credentialsFile = provisionSimulatedDevices(config, edge.database, systemClock, dataDir);
  const pairLink = demoDisplayLink(edge.database);

  const sim = spawnDemoSimulator({
    galley: GALLEY,
    configFile,
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    credentialsFile,
    scenarioFile: join(ROOT, 'config', 'scenarios', 'demo.yaml'),
    serialDevicePath: serialLines?.devicePathTemplate,
    controlPort: port(process.env.GALLEY_SIM_CONTROL_PORT, DEMO_CONTROL_PORT),
    io,
  });
  let region: DemoRegion | undefined;
  let kitchen: DemoKitchen | undefined;
  const stopAll = async () => {
    await kitchen?.stop();
    await sim.stop();
    await region?.stop();
    await edge.stop();
    // Last: the edge would otherwise see its serial ports vanish and try to reopen them.
    await serialLines?.stop();
    await central.stop();
  };
  let controlPort: number;
  try {
    controlPort = await sim.controlPort;
    kitchen = await startDemoKitchen({ edge, config, httpPort, clock: systemClock, logger });
    // The neighbours only add rows to the regional page: a demo without them still shows everything else.
    region =
      process.env.GALLEY_DEMO_REGION === '0'
        ? undefined
        : await startDemoRegion(config, central, dataDir, logger).catch((err: unknown) => {
            logger.error({ err }, 'the neighbouring demo stores did not start; the demo store runs alone');
            return undefined;
          });
  } catch (err) {
    await stopAll();
    io.stderr.write(`${(err as Error).message}\n`);
    return 1;
  }

  io.stdout.write(
    demoBanner({
      config,
      dataDir,
      host,
      mqttPort,
      httpPort,
      centralPort: central.port,
      controlPort,
      pairLink,
      regionStores: region?.storeIds ?? [],
      backdated: backdated.length,
    }),
  );

  const exitCode = await waitForStop(sim, io);
  await stopAll();
  return exitCode;
}

/** Until Ctrl-C (or SIGTERM), or the simulator ending on its own: then the demo stops too. */
function waitForStop(sim: DemoSimulator, io: CommandIo): Promise<number> {
  return new Promise<number>((done) => {
    const onSignal = () => finish(0);
    const onSimExit = (code: number | null) => {
      io.stderr.write(`simulator exited (${code}); stopping\n`);
      finish(code === 0 ? 0 : 1);
    };
    function finish(code: number) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      sim.child.off('exit', onSimExit);
      done(code);
    }
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    sim.child.once('exit', onSimExit);
  });
}

/**
 * A one-time link that pairs the first screen opening it, so the demo's display can
 * acknowledge and sign off at once. Links of earlier runs nobody opened are dropped
 * first, so restarts do not pile up unpaired rows.
 */
function demoDisplayLink(db: EdgeApp['database']): string {
  const displays = new DisplayCredentials({ db, clock: systemClock });
  for (const d of displays.list()) {
    if (d.state === 'awaiting_screen' && d.pairedBy === 'demo') displays.revoke(d.id);
  }
  const { ticket } = displays.issueTicket('Demo kitchen display', 'demo');
  return `#pair=${encodeURIComponent(ticket)}`;
}
