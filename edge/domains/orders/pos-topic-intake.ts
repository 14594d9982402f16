import { PosOrderSubmission } from '../../../shared/api/orders';
import type { OrderIntakePort } from './order-intake-port';

/**
 * A POS terminal's publish on its orders topic: the same body as `POST /api/pos/orders`,
 * refused with why (and counted) when it is not one, stored before the PUBACK otherwise.
 */
export function posTopicIntake(intake: OrderIntakePort) {
  return (client: string, payload: Buffer): { ok: true } | { ok: false; detail: string } => {
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      const detail = 'a POS order must be JSON';
      intake.refused(client, undefined, detail);
      return { ok: false, detail };
    }
    const parsed = PosOrderSubmission.safeParse(body);
    if (!parsed.success) {
      const detail = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
        .join('; ');
      const source = (body as { source?: unknown } | null)?.source;
      intake.refused(client, typeof source === 'string' ? source.slice(0, 64) : undefined, detail);
      return { ok: false, detail };
    }
    intake.submit(client, parsed.data);
    return { ok: true };
  };
}
