import type { PosOrderSubmission } from '../../shared/api/orders';
import type { Rng } from '../random';

/**
 * What real order feeds do to a receiver: the same event delivered again (Square
 * sends up to six `order.updated` for one checkout, and every webhook sender retries
 * what was not acknowledged in time), and versions of one order overtaking each
 * other on the way. The receiver must end in the same state either way.
 */
export interface DeliveryFaults {
  /** chance an event is delivered more than once */
  duplicate: number;
  /** extra copies of a duplicated event, at most (Square: up to 5 more) */
  maxExtraCopies: number;
  /** chance an event swaps places with the next one of the same order */
  reorder: number;
}

export const REALISTIC_FAULTS: DeliveryFaults = { duplicate: 0.08, maxExtraCopies: 5, reorder: 0.04 };
export const NO_FAULTS: DeliveryFaults = { duplicate: 0, maxExtraCopies: 0, reorder: 0 };

/** The events in the order and number they reach the receiver. Copies are the same object: same eventId. */
export function withDeliveryFaults(
  events: readonly PosOrderSubmission[],
  faults: DeliveryFaults,
  rng: Rng,
): PosOrderSubmission[] {
  const out = [...events];
  for (let i = 0; i < out.length - 1; i++) {
    const here = out[i]!;
    const laterSameOrder = out.findIndex((e, j) => j > i && e.order.externalId === here.order.externalId);
    if (laterSameOrder > i && rng.chance(faults.reorder)) {
      out[i] = out[laterSameOrder]!;
      out[laterSameOrder] = here;
    }
  }
  const delivered: PosOrderSubmission[] = [];
  for (const event of out) {
    delivered.push(event);
    if (faults.maxExtraCopies > 0 && rng.chance(faults.duplicate)) {
      const copies = 1 + Math.floor(rng.next() * faults.maxExtraCopies);
      for (let c = 0; c < copies; c++) delivered.push(event);
    }
  }
  return delivered;
}
