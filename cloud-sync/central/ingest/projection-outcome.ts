import { z } from 'zod';
import type { AlarmView } from '../../../shared/api/alarms';

/** What projecting one event found out, for the caller's notifications and counters. */
export type ProjectionOutcome =
  | { kind: 'alarm'; change: string; alarm: AlarmView }
  | { kind: 'projected' }
  | { kind: 'history' }
  | { kind: 'invalid'; problem: string };

export function invalid(error: z.ZodError): ProjectionOutcome {
  return { kind: 'invalid', problem: z.prettifyError(error).slice(0, 300) };
}
