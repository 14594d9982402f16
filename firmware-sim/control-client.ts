import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { CommandIo } from '../shared/server/command-io';
import { FAULT_NAMES, FaultRequest } from './faults';

/** The port `npm start` gives the simulator's control channel; `GALLEY_SIM_CONTROL_PORT` overrides it. */
export const DEMO_CONTROL_PORT = 8091;

export const CONTROL_USAGE = `Usage: galley sim inject [--port N | --url URL] EQUIPMENT FAULT [PARAM=VALUE …]
       galley sim clear  [--port N | --url URL] EQUIPMENT [FAULT]

Injects a fault into (or clears the faults of) a running simulator, through its
control channel (galley sim --control-port N; npm start opens one on ${DEMO_CONTROL_PORT}).

Options:
  --port N     the control channel on 127.0.0.1 (default $GALLEY_SIM_CONTROL_PORT or ${DEMO_CONTROL_PORT})
  --url URL    the control channel anywhere else, e.g. http://10.0.0.5:8091
  -h, --help   this help

Faults and their parameters (see firmware-sim/README.md for what each one does):
  compressor_failure | door_ajar [opening=1 switchDetects=true] | refrigerant_leak [capacityLossPerHour=0.5]
  sensor_stuck [metric=M value=N] | sensor_drift [metric=M ratePerHour=3] | sensor_noisy [metric=M amplitude=2]
  sensor_disconnected [metric=M] | heating_element_failure | thermostat_runaway | low_rinse_temp [rinseTempC=74]
  maker_fault [code=E34 message=TEXT] | fan_failure | network_loss

Examples:
  galley sim inject grill-1 network_loss          the grill drops off the network: offline alarm at once
  galley sim inject oven-1 maker_fault code=E10   the oven reports a sensor fault: critical alarm and ticket
  galley sim clear grill-1                        every fault of the grill cleared
`;

/** What the control channel answers on success. */
const FaultsAnswer = z.object({ equipmentId: z.string(), faults: z.array(z.object({ fault: z.string() })) });
const ErrorAnswer = z.object({ error: z.string(), details: z.unknown().optional() });

class UsageError extends Error {
  readonly code = 'USAGE';
}

/** `NAME=VALUE` → a param; numbers and true/false are typed, the rest stays text (`code=E10`). */
export function parseParam(text: string): [string, string | number | boolean] {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`parameters are NAME=VALUE, got "${text}"`);
  const name = text.slice(0, at);
  const raw = text.slice(at + 1);
  if (raw === 'true' || raw === 'false') return [name, raw === 'true'];
  const number = Number(raw);
  return [name, raw.trim() !== '' && Number.isFinite(number) ? number : raw];
}

interface ControlRequest {
  method: 'POST' | 'DELETE';
  path: string;
  body?: unknown;
}

/** Turns `inject …` / `clear …` arguments into the control channel's request, checked before sending. */
export function controlRequestOf(action: 'inject' | 'clear', positionals: string[]): ControlRequest {
  const [equipmentId, fault, ...rest] = positionals;
  if (!equipmentId) throw new UsageError(`${action} needs the equipment id`);
  if (action === 'clear') {
    if (rest.length > 0) throw new UsageError('clear takes EQUIPMENT [FAULT]');
    if (fault !== undefined && !(FAULT_NAMES as readonly string[]).includes(fault))
      throw new UsageError(`unknown fault "${fault}"; known: ${FAULT_NAMES.join(', ')}`);
    const query = fault === undefined ? '' : `?fault=${encodeURIComponent(fault)}`;
    return { method: 'DELETE', path: `/faults/${encodeURIComponent(equipmentId)}${query}` };
  }
  if (!fault) throw new UsageError('inject needs EQUIPMENT FAULT');
  const params = Object.fromEntries(rest.map(parseParam));
  // The same schema the simulator applies: a typo is caught here, with the fault's own rules.
  const checked = FaultRequest.safeParse({ fault, params });
  if (!checked.success) {
    const known = (FAULT_NAMES as readonly string[]).includes(fault);
    throw new UsageError(
      known
        ? `invalid parameters for ${fault}: ${checked.error.issues.map((i) => i.message).join('; ')}`
        : `unknown fault "${fault}"; known: ${FAULT_NAMES.join(', ')}`,
    );
  }
  return { method: 'POST', path: '/faults', body: { equipmentId, fault, params } };
}

/** `galley sim inject …` and `galley sim clear …`; returns the exit code. */
export async function runSimControlCommand(
  action: 'inject' | 'clear',
  argv: string[],
  io: CommandIo,
): Promise<number> {
  let request: ControlRequest;
  let base: string;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        url: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout.write(CONTROL_USAGE);
      return 0;
    }
    base = controlBaseUrl(values.port, values.url);
    request = controlRequestOf(action, positionals);
  } catch (err) {
    io.stderr.write(`galley sim ${action}: ${(err as Error).message}\n\n${CONTROL_USAGE}`);
    return 2;
  }
  let response: Response;
  try {
    response = await fetch(`${base}${request.path}`, {
      method: request.method,
      headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(5000),
    });
  } catch (err) {
    io.stderr.write(
      `galley sim ${action}: no simulator control channel at ${base} (${(err as Error).message}); ` +
        'is the demo (npm start) or `galley sim --control-port N` running?\n',
    );
    return 1;
  }
  const answer: unknown = await response.json().catch(() => undefined);
  const ok = FaultsAnswer.safeParse(answer);
  if (!response.ok || !ok.success) {
    const error = ErrorAnswer.safeParse(answer);
    io.stderr.write(
      `galley sim ${action}: ${response.status} ${error.success ? error.data.error : 'unexpected answer'}\n`,
    );
    return 1;
  }
  const now = ok.data.faults.map((f) => f.fault).join(', ') || 'none';
  io.stdout.write(`${ok.data.equipmentId}: faults now ${now}\n`);
  return 0;
}

function controlBaseUrl(port: string | undefined, url: string | undefined): string {
  if (url !== undefined) {
    if (port !== undefined) throw new UsageError('give --port or --url, not both');
    if (!/^https?:\/\//.test(url)) throw new UsageError(`--url must be http(s)://HOST:PORT, got "${url}"`);
    return url.replace(/\/+$/, '');
  }
  const text = port ?? process.env.GALLEY_SIM_CONTROL_PORT ?? String(DEMO_CONTROL_PORT);
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    throw new UsageError(`--port expects a port number, got "${text}"`);
  return `http://127.0.0.1:${value}`;
}
