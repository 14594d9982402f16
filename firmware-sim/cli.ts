import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Equipment } from '../shared/config/equipment';
import type { StoreConfig } from '../shared/config/store-config';
import type { CommandIo } from '../shared/server/command-io';
import { loadStoreConfig } from '../shared/server/config/load-store-config';
import { createRootLogger } from '../shared/server/runtime/logger';
import { runSimControlCommand } from './control-client';
import { type CredentialSource, loadCredentials } from './credentials';
import { type FaultRequest, parseInjectFlag } from './faults';
import { ProgressMeter, scaleConfig } from './scale';
import { loadScenario, type Scenario } from './scenario';
import { Simulation } from './simulation';

const DEFAULT_CONFIG = 'config/demo-store.yaml';

const USAGE = `Usage: galley sim [options]
       galley sim inject [--port N] EQUIPMENT FAULT [PARAM=VALUE …]   (a running simulator; see inject --help)
       galley sim clear [--port N] EQUIPMENT [FAULT]

Simulated kitchen equipment publishing to an MQTT broker (the edge), with faults.

Options:
  --config FILE          store config, YAML or JSON (default ${DEFAULT_CONFIG}; env GALLEY_CONFIG)
  --mqtt-url URL         broker URL (default mqtt://127.0.0.1:$GALLEY_MQTT_PORT or :1883; env GALLEY_MQTT_URL)
  --credentials FILE     JSON {"equipmentId": "secret", …}; equipment without a secret is not simulated
  --scenario FILE        fault timeline, YAML or JSON (e.g. config/scenarios/demo.yaml)
  --speed N              sim seconds per wall second (default 1 = real time; 60 = an hour a minute)
  --seed N               random seed: the same seed replays the same store (default 1)
  --control-port N       HTTP control channel: POST /faults, DELETE /faults/{id}, GET /status (0 = any port)
  --inject EQ:FAULT      inject a fault at start, repeatable (e.g. wic-1:door_ajar)
  --scale N              load test: N synthetic devices (sim-00001…) instead of the store's equipment,
                         with a live progress line (connected, msg/s, errors)
  --duration S           stop after S wall seconds (default: run until Ctrl-C)
  --report-interval S    every device reports each S sim seconds (default: the type's reportIntervalS)
  --serial-device-path T play serial equipment on the line at T, where {path} is the equipment's
                         serial.path and {id} its id (e.g. "{path}.device", one end of a socat pty pair)
  --clock-skew-ms N      each device's clock is off by up to ± N ms (default 0)
  --ts-jitter-ms N       per-message timestamp jitter ± N ms (default 0)
  --buffer N             messages each device keeps while the broker is unreachable (default 1000)
  -h, --help             this help

Faults: compressor_failure, door_ajar, refrigerant_leak, sensor_stuck, sensor_drift, sensor_noisy,
sensor_disconnected, heating_element_failure, thermostat_runaway, low_rinse_temp, maker_fault,
fan_failure, network_loss.
`;

class UsageError extends Error {
  readonly code = 'USAGE';
}

interface SimArgs {
  config: StoreConfig;
  mqttUrl: string;
  credentials: CredentialSource;
  scenario?: Scenario;
  speed: number;
  seed: number;
  controlPort?: number;
  inject: Array<{ equipmentId: string; request: FaultRequest }>;
  scale?: number;
  durationS?: number;
  reportIntervalS?: number;
  serialDevicePath?: string;
  clockSkewMs: number;
  tsJitterMs: number;
  buffer?: number;
}

/** `galley sim …`: runs until stopped (signal, Ctrl-C or --duration); returns the exit code. */
export async function runSimCommand(argv: string[], io: CommandIo): Promise<number> {
  const [action, ...rest] = argv;
  if (action === 'inject' || action === 'clear') return runSimControlCommand(action, rest, io);
  let args: SimArgs | 'help';
  try {
    args = parseSimArgs(argv);
  } catch (err) {
    io.stderr.write(`galley sim: ${(err as Error).message}\n\nRun "galley sim --help" for the options.\n`);
    return 2;
  }
  if (args === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  return run(args, io);
}

async function run(args: SimArgs, io: CommandIo): Promise<number> {
  const scale = args.scale !== undefined;
  const logger = createRootLogger(
    'galley-sim',
    process.env.GALLEY_LOG_LEVEL ?? (scale ? 'warn' : 'info'),
    io.stderr,
  );
  const config = scale ? scaleConfig(args.config, args.scale ?? 0) : args.config;
  const sim = new Simulation({
    config,
    mqttUrl: args.mqttUrl,
    credentials: args.credentials,
    logger,
    seed: args.seed,
    speed: args.speed,
    scenario: args.scenario,
    initialFaults: args.inject,
    controlPort: args.controlPort,
    timing: { clockSkewMs: args.clockSkewMs, timestampJitterMs: args.tsJitterMs },
    bufferCapacity: args.buffer,
    reportIntervalMs: args.reportIntervalS === undefined ? undefined : args.reportIntervalS * 1000,
    serialDevicePath: serialPathTemplate(args.serialDevicePath),
  });
  try {
    await sim.start();
  } catch (err) {
    io.stderr.write(`galley sim: ${(err as Error).message}\n`);
    await sim.stop();
    return 1;
  }
  const { devices, serialLines } = sim.status().totals;
  if (devices + serialLines === 0) {
    io.stderr.write('galley sim: no equipment has credentials; pass --credentials FILE\n');
    await sim.stop();
    return 2;
  }
  io.stdout.write(
    `simulating ${devices} devices${serialLines > 0 ? ` and ${serialLines} serial lines` : ''} of ` +
      `${config.store.id} → ${args.mqttUrl} at ${args.speed}×\n`,
  );
  if (sim.controlPort !== null) io.stdout.write(`control http://127.0.0.1:${sim.controlPort}\n`);

  const meter = new ProgressMeter();
  const progress = scale
    ? setInterval(() => io.stdout.write(`\r${meter.line(sim.status().totals, Date.now())}   `), 1000)
    : null;
  await waitForStop(io.signal, args.durationS);
  if (progress) {
    clearInterval(progress);
    io.stdout.write(`\r${meter.line(sim.status().totals, Date.now())}\n`);
  }
  await sim.stop();
  return 0;
}

function waitForStop(signal: AbortSignal | undefined, durationS: number | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = durationS === undefined ? null : setTimeout(done, durationS * 1000);
    const onSignal = () => done();
    if (signal) signal.addEventListener('abort', onSignal, { once: true });
    else {
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
    }
    if (signal?.aborted) done();
    function done() {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onSignal);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    }
  });
}

function parseSimArgs(argv: string[]): SimArgs | 'help' {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  const configFile = v.config ?? process.env.GALLEY_CONFIG ?? DEFAULT_CONFIG;
  if (!existsSync(configFile)) throw new UsageError(`config file not found: ${configFile}`);
  const config = loadStoreConfig(configFile);
  const port = process.env.GALLEY_MQTT_PORT ?? '1883';
  const mqttUrl = checkMqttUrl(v['mqtt-url'] ?? process.env.GALLEY_MQTT_URL ?? `mqtt://127.0.0.1:${port}`);
  const credentials: CredentialSource = v.credentials ? loadCredentials(v.credentials) : () => undefined;
  const scale = optionalNumber(v.scale, '--scale', { integer: true, min: 1 });
  const inject = (v.inject ?? []).map(parseInjectFlag);
  if (scale === undefined) {
    const ids = new Set(config.equipment.map((e) => e.id));
    for (const { equipmentId } of inject) {
      if (!ids.has(equipmentId))
        throw new UsageError(`--inject: no equipment "${equipmentId}" in ${configFile}`);
    }
  }
  return {
    config,
    mqttUrl,
    credentials,
    scenario: v.scenario ? loadScenario(v.scenario) : undefined,
    speed: optionalNumber(v.speed, '--speed', { min: 0.001 }) ?? 1,
    seed: optionalNumber(v.seed, '--seed', { integer: true, min: 0 }) ?? 1,
    controlPort: optionalNumber(v['control-port'], '--control-port', { integer: true, min: 0 }),
    inject,
    scale,
    durationS: optionalNumber(v.duration, '--duration', { min: 0 }),
    reportIntervalS: optionalNumber(v['report-interval'], '--report-interval', { min: 0.01 }),
    serialDevicePath: v['serial-device-path'],
    clockSkewMs: optionalNumber(v['clock-skew-ms'], '--clock-skew-ms', { min: 0 }) ?? 0,
    tsJitterMs: optionalNumber(v['ts-jitter-ms'], '--ts-jitter-ms', { min: 0 }) ?? 0,
    buffer: optionalNumber(v.buffer, '--buffer', { integer: true, min: 1 }),
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: 'boolean', short: 'h' },
      config: { type: 'string' },
      'mqtt-url': { type: 'string' },
      credentials: { type: 'string' },
      scenario: { type: 'string' },
      speed: { type: 'string' },
      seed: { type: 'string' },
      'control-port': { type: 'string' },
      inject: { type: 'string', multiple: true },
      scale: { type: 'string' },
      duration: { type: 'string' },
      'report-interval': { type: 'string' },
      'serial-device-path': { type: 'string' },
      'clock-skew-ms': { type: 'string' },
      'ts-jitter-ms': { type: 'string' },
      buffer: { type: 'string' },
    },
  });
}

function optionalNumber(
  text: string | undefined,
  flag: string,
  rule: { integer?: boolean; min: number },
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < rule.min || (rule.integer && !Number.isInteger(value))) {
    throw new UsageError(
      `${flag} expects ${rule.integer ? 'an integer' : 'a number'} ≥ ${rule.min}, got "${text}"`,
    );
  }
  return value;
}

const MQTT_PROTOCOLS = ['mqtt:', 'mqtts:', 'tcp:', 'ws:', 'wss:'];

function checkMqttUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--mqtt-url is not a URL: "${text}"`);
  }
  if (!MQTT_PROTOCOLS.includes(url.protocol)) {
    throw new UsageError(`--mqtt-url must start with one of ${MQTT_PROTOCOLS.join(', ')}, got "${text}"`);
  }
  return text;
}

function serialPathTemplate(template: string | undefined) {
  if (template === undefined) return undefined;
  return (equipment: Equipment) =>
    equipment.serial
      ? template.replaceAll('{path}', equipment.serial.path).replaceAll('{id}', equipment.id)
      : undefined;
}
