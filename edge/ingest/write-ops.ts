import type { ReadingValue } from '../../shared/device-messages';
import type { EdgeEvents } from '../runtime/event-bus';

/**
 * One accepted message as plain data. Group commit gathers these into one
 * transaction; being plain data they can also be handed to another thread.
 */
export type WriteOp =
  | {
      kind: 'readings';
      equipmentId: string;
      ts: number;
      readings: Record<string, ReadingValue>;
      /** edge clock when it arrived */
      receivedAt: number;
    }
  | {
      kind: 'event';
      equipmentId: string;
      ts: number;
      receivedAt: number;
      code: string;
      message: string | undefined;
    }
  | {
      kind: 'status';
      equipmentId: string;
      online: boolean;
      at: number;
      cause: EdgeEvents['deviceStatus']['cause'];
    };

/** What a committed op changed; `failed` when its own transaction failed too. */
export type WriteOutcome =
  | { kind: 'readings'; inserted: string[] }
  | { kind: 'event'; stored: boolean }
  | { kind: 'status'; changed: boolean }
  | { kind: 'failed'; message: string };

/** The result of committing a batch: one outcome per op, in order. */
export interface BatchOutcome {
  outcomes: WriteOutcome[];
  /** set when the shared transaction failed and each op was retried alone */
  batchError?: string;
  /** transactions committed for this batch */
  transactions: number;
}
