import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CentralService } from '../../cloud-sync/central/central-service';
import { EdgeApp } from '../../edge/app/edge-app';
import { DisplayCredentials } from '../../edge/domains/displays/display-credentials';
import type { CommandIo } from '../../shared/server/command-io';
import { ConfigError, loadStoreConfig } from '../../shared/server/config/load-store-config';
import { systemClock } from '../../shared/server/runtime/clock';
import { containProcessFaults } from '../../shared/server/runtime/fault-containment';
import { createRootLogger } from '../../shared/server/runtime/logger';
import { DEMO_CENTRAL_ADMIN, demoRegionalManager, provisionDemoCentral } from './demo-central';
import { provisionSimulatedDevices, startDemoSerialLines } from './demo-provisioning';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GALLEY = join(ROOT, 'bin', 'galley.js');

function port(value: string | undefined, fallback: number): number {
  return value === undefined || value === '' ? fallback : Number(value);
}

/** Builds the kitchen display once, so a fresh checkout shows it without a separate step. */
function ensureDisplayBuilt(io: CommandIo): void {
  if (existsSync(join(ROOT, 'display', 'dist', 'index.html'))) return;
  if (!existsSync(join(ROOT, 'display', 'index.html'))) return;
  io.stdout.write('building the kitchen display (first run only)…\n');
  const built = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', 'display'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (built.status !== 0) io.stderr.write('display build failed; the API still runs\n');
}

function prefixOutput(child: ChildProcess, prefix: string, io: CommandIo): void {
  const forward = (out: CommandIo['stdout']) => (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line) out.write(`${prefix} ${line}\n`);
  };
  child.stdout?.on('data', forward(io.stdout));
  child.stderr?.on('data', forward(io.stderr));
}

/**
 * `npm start`: the edge on its embedded defaults, the demo store's equipment
 * simulated in a child process (the same program a device maker would run), and the
 * display — everything under ./data.
 */
export async function runDemoCommand(argv: string[], io: CommandIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(
      'usage: galley demo\n  the whole demo store; env GALLEY_CONFIG, GALLEY_DATA_DIR, GALLEY_MQTT_PORT, GALLEY_HTTP_PORT, GALLEY_CENTRAL_PORT\n',
    );
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
  ensureDisplayBuilt(io);
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
  const credentialsFile = provisionSimulatedDevices(config, edge.database, systemClock, dataDir);
  const pairLink = demoDisplayLink(edge.database);

  const sim = spawn(
    process.execPath,
    [
      GALLEY,
      'sim',
      '--config',
      configFile,
      '--mqtt-url',
      `mqtt://127.0.0.1:${mqttPort}`,
      '--credentials',
      credentialsFile,
      '--scenario',
      join(ROOT, 'config', 'scenarios', 'demo.yaml'),
      ...(serialLines ? ['--serial-device-path', serialLines.devicePathTemplate] : []),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GALLEY_LOG_LEVEL: process.env.GALLEY_LOG_LEVEL ?? 'warn' },
    },
  );
  prefixOutput(sim, '[sim]', io);

  io.stdout.write(
    [
      '',
      `Galley demo — ${config.store.name} (${config.equipment.length} pieces of equipment)`,
      `  kitchen display   http://127.0.0.1:${httpPort}/${pairLink}  (the link pairs one screen, once; the board alone: http://127.0.0.1:${httpPort}/)`,
      `  API               http://127.0.0.1:${httpPort}/api  (login: POST /api/session {"user":"admin","pin":"1234"})`,
      `  API description   http://127.0.0.1:${httpPort}/api/openapi.json`,
      `  metrics           http://127.0.0.1:${httpPort}/metrics`,
      `  MQTT              mqtt://127.0.0.1:${mqttPort}  ·  ws://127.0.0.1:${httpPort}/mqtt`,
      `  regional ops      http://127.0.0.1:${central.port}/  (login: ${demoRegionalManager(config).username} / ${demoRegionalManager(config).password}; admin / ${DEMO_CENTRAL_ADMIN.password})`,
      `  data              ${dataDir}`,
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );

  const exitCode = await new Promise<number>((done) => {
    const onSignal = () => finish(0);
    const onSimExit = (code: number | null) => {
      io.stderr.write(`simulator exited (${code}); stopping\n`);
      finish(code === 0 ? 0 : 1);
    };
    function finish(code: number) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      sim.off('exit', onSimExit);
      done(code);
    }
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    sim.once('exit', onSimExit);
  });
  const simExited =
    sim.exitCode === null && sim.signalCode === null
      ? new Promise<void>((resolve) => sim.once('exit', () => resolve()))
      : Promise.resolve();
  sim.kill('SIGTERM');
  const killTimer = setTimeout(() => sim.kill('SIGKILL'), 5000);
  await simExited;
  clearTimeout(killTimer);
  await edge.stop();
  // Last: the edge would otherwise see its serial ports vanish and try to reopen them.
  await serialLines?.stop();
  await central.stop();
  return exitCode;
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
