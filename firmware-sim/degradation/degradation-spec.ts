import { z } from 'zod';

/**
 * Slow degradations (and one load change) the bench and the acceptance tests put on a
 * simulated asset. Times are hours after the simulation starts; `rampH` is how long the
 * fault takes to reach `severity` (linear), 0 = at once.
 */
export const DegradationKind = z.enum([
  'condenser_fouling',
  'refrigerant_loss',
  'door_seal_leak',
  'defrost_heater_failure',
  'fryer_element_weak',
  /** Not a fault: twice the door openings (a new menu, a busier season). Must raise nothing. */
  'door_openings_doubled',
]);
export type DegradationKind = z.infer<typeof DegradationKind>;

export const Degradation = z.strictObject({
  kind: DegradationKind,
  startsAtH: z
    .number()
    .min(0)
    .max(24 * 400),
  rampH: z
    .number()
    .min(0)
    .max(24 * 400)
    .default(0),
  /** When it is repaired (the condenser cleaned, the seal replaced): gone from this hour on. */
  endsAtH: z
    .number()
    .min(0)
    .max(24 * 400)
    .optional(),
  /**
   * How bad it gets: condenser fouling and refrigerant loss = share of the cooling capacity
   * lost (fouling at 24 °C kitchen air; it costs more when the kitchen is hotter); door seal =
   * extra heat leak through the walls as a share of the walls' own; fryer element = share of
   * the element's power lost. Unused by the heater failure and the door-openings change.
   */
  severity: z.number().min(0).max(1).default(1),
});
export type Degradation = z.input<typeof Degradation>;
export type DegradationParsed = z.infer<typeof Degradation>;

/** Whether the fault is present at that hour at all (for faults that have no level, like a dead heater). */
export function degradationActive(d: DegradationParsed, hours: number): boolean {
  return hours >= d.startsAtH && (d.endsAtH === undefined || hours < d.endsAtH);
}

/** 0 before the fault starts, rising linearly to `severity` over `rampH`. */
export function degradationLevel(d: DegradationParsed, hours: number): number {
  if (hours < d.startsAtH || (d.endsAtH !== undefined && hours >= d.endsAtH)) return 0;
  if (d.rampH === 0) return d.severity;
  return d.severity * Math.min(1, (hours - d.startsAtH) / d.rampH);
}

/** The level of every fault of one kind at the given hour (0 when none). */
export function levelOf(list: readonly DegradationParsed[], kind: DegradationKind, hours: number): number {
  let level = 0;
  for (const d of list) if (d.kind === kind) level = Math.max(level, degradationLevel(d, hours));
  return level;
}
