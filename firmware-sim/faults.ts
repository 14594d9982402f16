import { z } from 'zod';
import { MetricName } from '../shared/ids';

/**
 * Faults the simulator can inject, each with its own parameters. One schema serves
 * the scenario files, the HTTP control channel and the `--inject` flag.
 */
const metric = MetricName.optional().describe("sensor to affect; defaults to the model's main sensor");
const empty = z.object({}).strict().default({});

export const FaultRequest = z.discriminatedUnion('fault', [
  z.object({ fault: z.literal('compressor_failure'), params: empty }),
  z.object({
    fault: z.literal('door_ajar'),
    params: z
      .object({
        opening: z.number().gt(0).max(1).default(1).describe('how far open: 1 = propped wide open'),
        switchDetects: z
          .boolean()
          .default(true)
          .describe(
            'false: the door is not latched but its switch still reads closed (a crate against the frame)',
          ),
      })
      .strict()
      .default({ opening: 1, switchDetects: true }),
  }),
  z.object({
    fault: z.literal('refrigerant_leak'),
    params: z
      .object({ capacityLossPerHour: z.number().positive().max(10).default(0.5) })
      .strict()
      .default({ capacityLossPerHour: 0.5 }),
  }),
  z.object({
    fault: z.literal('sensor_stuck'),
    params: z.object({ metric, value: z.number().optional() }).strict().default({}),
  }),
  z.object({
    fault: z.literal('sensor_drift'),
    params: z
      .object({ metric, ratePerHour: z.number().default(3) })
      .strict()
      .default({ ratePerHour: 3 }),
  }),
  z.object({
    fault: z.literal('sensor_noisy'),
    params: z
      .object({ metric, amplitude: z.number().positive().default(2) })
      .strict()
      .default({ amplitude: 2 }),
  }),
  z.object({ fault: z.literal('sensor_disconnected'), params: z.object({ metric }).strict().default({}) }),
  z.object({ fault: z.literal('heating_element_failure'), params: empty }),
  z.object({ fault: z.literal('thermostat_runaway'), params: empty }),
  z.object({
    fault: z.literal('low_rinse_temp'),
    params: z
      .object({ rinseTempC: z.number().min(20).max(82).default(74) })
      .strict()
      .default({ rinseTempC: 74 }),
  }),
  z.object({
    fault: z.literal('maker_fault'),
    params: z
      .object({
        code: z.string().min(1).max(64).optional().describe("maker's fault code; each model has a default"),
        message: z.string().max(1000).optional(),
      })
      .strict()
      .default({}),
  }),
  z.object({ fault: z.literal('fan_failure'), params: empty }),
  z.object({ fault: z.literal('network_loss'), params: empty }),
]);
export type FaultRequest = z.infer<typeof FaultRequest>;
export type FaultRequestInput = z.input<typeof FaultRequest>;
export type FaultName = FaultRequest['fault'];
export type FaultParams<F extends FaultName> = Extract<FaultRequest, { fault: F }>['params'];

export const FAULT_NAMES = FaultRequest.options.map((o) => o.shape.fault.value) as readonly FaultName[];

/** Faults every model supports: they act on the sensor, the firmware or the link, not the physics. */
export const COMMON_FAULTS = [
  'sensor_stuck',
  'sensor_drift',
  'sensor_noisy',
  'sensor_disconnected',
  'maker_fault',
  'network_loss',
] as const satisfies readonly FaultName[];

export class FaultError extends Error {
  constructor(
    readonly code: 'FAULT_UNSUPPORTED' | 'FAULT_INVALID' | 'EQUIPMENT_UNKNOWN',
    message: string,
  ) {
    super(message);
    this.name = 'FaultError';
  }
}

/** Parses `equipment:fault` (the `--inject` flag); params take their defaults. */
export function parseInjectFlag(text: string): { equipmentId: string; request: FaultRequest } {
  const [equipmentId, fault, ...rest] = text.split(':');
  if (!equipmentId || !fault || rest.length > 0) {
    throw new FaultError('FAULT_INVALID', `--inject expects EQUIPMENT:FAULT, got "${text}"`);
  }
  const parsed = FaultRequest.safeParse({ fault });
  if (!parsed.success) {
    throw new FaultError('FAULT_INVALID', `unknown fault "${fault}"; known: ${FAULT_NAMES.join(', ')}`);
  }
  return { equipmentId, request: parsed.data };
}
