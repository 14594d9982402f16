import { readFileSync } from 'node:fs';
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
  /** MQTT over TLS (when the store config has TLS on) */
  mqttsPort: number;
  /** HTTPS/WSS for the API, display and /mqtt (when the store config has TLS on) */
  httpsPort: number;
  host: string;
  /** the central service to sync with; absent = sync disabled */
  central?: { url: string; token: string };
}

export const EDGE_USAGE = `usage: galley edge --config FILE --data DIR [--mqtt-port N] [--http-port N] [--host ADDR]

  --config FILE     store config (YAML or JSON)            env GALLEY_CONFIG
  --data DIR        where the database lives               env GALLEY_DATA_DIR
  --mqtt-port N     MQTT over TCP, 0 = any free port       env GALLEY_MQTT_PORT (1883)
  --http-port N     API, display, MQTT over WebSocket at /mqtt; 0 = any free port
                                                           env GALLEY_HTTP_PORT (8080)
  --mqtts-port N    MQTT over TLS with the store CA        env GALLEY_MQTTS_PORT (8883)
  --https-port N    HTTPS/WSS: API, display, /mqtt         env GALLEY_HTTPS_PORT (8443)
                    (a TLS port not given is 0 too when its plain twin is 0;
                    TLS and the plain ports are switched in the store config, tls:)
  --host ADDR       address to listen on                   env GALLEY_HOST (0.0.0.0)
  --central-url URL central service to sync with (off when absent)
                                                           env GALLEY_CENTRAL_URL
  --central-token-file FILE
                    file holding the store token (gst_…)   or env GALLEY_CENTRAL_TOKEN
                    (the token itself is never taken on the command line)
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
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      'mqtt-port': { type: 'string' },
      'http-port': { type: 'string' },
      'mqtts-port': { type: 'string' },
      'https-port': { type: 'string' },
      host: { type: 'string' },
      'central-url': { type: 'string' },
      'central-token-file': { type: 'string' },
    },
    strict: false,
  });
  const unknown = Object.keys(values).filter((k) => !KNOWN_FLAGS.includes(k));
  if (unknown.includes('central-token')) {
    throw new UsageError(
      'the store token is not taken on the command line: use --central-token-file or GALLEY_CENTRAL_TOKEN',
    );
  }
  if (unknown.length > 0) throw new UsageError(`unknown option --${unknown[0]}`);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const str = (v: string | boolean | undefined, name: string): string | undefined => {
    if (typeof v === 'boolean') throw new UsageError(`--${name} needs a value`);
    return v;
  };
  const configFile = str(values.config, 'config') ?? env.GALLEY_CONFIG;
  const dataDir = str(values.data, 'data') ?? env.GALLEY_DATA_DIR;
  if (!configFile) throw new UsageError('--config FILE (or GALLEY_CONFIG) is required');
  if (!dataDir) throw new UsageError('--data DIR (or GALLEY_DATA_DIR) is required');
  const central = centralOptions(
    str(values['central-url'], 'central-url') ?? env.GALLEY_CENTRAL_URL,
    str(values['central-token-file'], 'central-token-file'),
    env,
  );
  const mqttPort = port(str(values['mqtt-port'], 'mqtt-port') ?? env.GALLEY_MQTT_PORT, 1883, '--mqtt-port');
  const httpPort = port(str(values['http-port'], 'http-port') ?? env.GALLEY_HTTP_PORT, 8080, '--http-port');
  // "Free ports" asked for the plain listeners means free ones for their TLS twins too,
  // so runs that share a machine (tests, several demos) never collide on 8883/8443.
  const mqttsPort = port(
    str(values['mqtts-port'], 'mqtts-port') ?? env.GALLEY_MQTTS_PORT,
    mqttPort === 0 ? 0 : 8883,
    '--mqtts-port',
  );
  const httpsPort = port(
    str(values['https-port'], 'https-port') ?? env.GALLEY_HTTPS_PORT,
    httpPort === 0 ? 0 : 8443,
    '--https-port',
  );
  return {
    configFile,
    dataDir,
    mqttPort,
    httpPort,
    mqttsPort,
    httpsPort,
    host: str(values.host, 'host') ?? env.GALLEY_HOST ?? '0.0.0.0',
    ...(central ? { central } : {}),
  };
}

const KNOWN_FLAGS = [
  'config',
  'data',
  'mqtt-port',
  'http-port',
  'mqtts-port',
  'https-port',
  'host',
  'central-url',
  'central-token-file',
];

function centralOptions(
  url: string | undefined,
  tokenFile: string | undefined,
  env: NodeJS.ProcessEnv,
): { url: string; token: string } | undefined {
  if (!url) {
    if (tokenFile) throw new UsageError('--central-token-file needs --central-url');
    return undefined;
  }
  if (!/^https?:\/\/[^/]/.test(url))
    throw new UsageError(`--central-url must be an http(s) URL, not "${url}"`);
  let token = env.GALLEY_CENTRAL_TOKEN;
  if (tokenFile) {
    try {
      token = readFileSync(tokenFile, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read --central-token-file ${tokenFile}: ${(err as Error).message}`);
    }
  }
  token = token?.trim();
  if (!token) {
    throw new UsageError(
      '--central-url needs the store token: GALLEY_CENTRAL_TOKEN or --central-token-file FILE',
    );
  }
  return { url, token };
}
