import { parseArgs } from 'node:util';

export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface EdgeCliOptions {
  configFile: string;
  dataDir: string;
  mqttPort: number;
  httpPort: number;
  host: string;
}

export const EDGE_USAGE = `usage: galley edge --config FILE --data DIR [--mqtt-port N] [--http-port N] [--host ADDR]

  --config FILE     store config (YAML or JSON)            env GALLEY_CONFIG
  --data DIR        where the database lives               env GALLEY_DATA_DIR
  --mqtt-port N     MQTT over TCP, 0 = any free port       env GALLEY_MQTT_PORT (1883)
  --http-port N     API, display, MQTT over WebSocket at /mqtt; 0 = any free port
                                                           env GALLEY_HTTP_PORT (8080)
  --host ADDR       address to listen on                   env GALLEY_HOST (0.0.0.0)
`;

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`${name} must be a port number 0–65535, not "${value}"`);
  return n;
}

/** Flags win over their environment twins, which win over the defaults. */
export function parseEdgeOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): EdgeCliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      'mqtt-port': { type: 'string' },
      'http-port': { type: 'string' },
      host: { type: 'string' },
    },
  });
  const configFile = values.config ?? env.GALLEY_CONFIG;
  const dataDir = values.data ?? env.GALLEY_DATA_DIR;
  if (!configFile) throw new UsageError('--config FILE (or GALLEY_CONFIG) is required');
  if (!dataDir) throw new UsageError('--data DIR (or GALLEY_DATA_DIR) is required');
  return {
    configFile,
    dataDir,
    mqttPort: port(values['mqtt-port'] ?? env.GALLEY_MQTT_PORT, 1883, '--mqtt-port'),
    httpPort: port(values['http-port'] ?? env.GALLEY_HTTP_PORT, 8080, '--http-port'),
    host: values.host ?? env.GALLEY_HOST ?? '0.0.0.0',
  };
}
