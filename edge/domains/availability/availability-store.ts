import type { AvailabilityDelivery, UnavailableReason } from '../../../shared/api/menu';
import type { Database } from '../../store/database';
import type { ManualStop } from './availability-rules';

export interface StoredAvailability {
  available: boolean;
  reasons: UnavailableReason[];
  since: number;
}

export interface DueDelivery {
  id: number;
  webhook: string;
  /** the OutgoingRequest as JSON: every retry sends the same bytes */
  request: string;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
}

interface DeliveryRow {
  id: number;
  webhook: string;
  item: string;
  available: number;
  idempotency_key: string;
  state: AvailabilityDelivery['state'];
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

/** The SQL of people's 86s, each item's last computed state and the deliveries of its changes. */
export class AvailabilityStore {
  readonly #manual;
  readonly #setManual;
  readonly #clearManual;
  readonly #states;
  readonly #saveState;
  readonly #outTickets;
  readonly #enqueue;
  readonly #due;
  readonly #delivered;
  readonly #failedAttempt;
  readonly #deliveries;

  constructor(db: Database) {
    this.#manual = db.prepare<[], { item: string; by: string; at: number; note: string | null }>(
      'SELECT item, by, at, note FROM menu_86',
    );
    this.#setManual = db.prepare(
      'INSERT INTO menu_86 (item, by, at, note) VALUES (?, ?, ?, ?) ON CONFLICT (item) DO UPDATE SET by = excluded.by, at = excluded.at, note = excluded.note',
    );
    this.#clearManual = db.prepare('DELETE FROM menu_86 WHERE item = ?');
    this.#states = db.prepare<[], { item: string; available: number; reasons: string; since: number }>(
      'SELECT item, available, reasons, since FROM menu_availability',
    );
    this.#saveState = db.prepare(
      `INSERT INTO menu_availability (item, available, reasons, since) VALUES (?, ?, ?, ?)
       ON CONFLICT (item) DO UPDATE SET available = excluded.available, reasons = excluded.reasons, since = excluded.since`,
    );
    this.#outTickets = db.prepare<[], { id: number; equipment_id: string; opened_at: number }>(
      `SELECT id, equipment_id, opened_at FROM tickets
       WHERE out_of_service = 1 AND status NOT IN ('verified', 'closed') ORDER BY opened_at`,
    );
    this.#enqueue = db.prepare(
      `INSERT INTO availability_deliveries (webhook, item, available, idempotency_key, body, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
    );
    // Each webhook's oldest pending delivery: later ones wait behind it, so changes arrive in order.
    this.#due = db.prepare<[], DueDelivery>(
      `SELECT id, webhook, body AS request, attempts, next_attempt_at AS nextAttemptAt, created_at AS createdAt
       FROM availability_deliveries
       WHERE id IN (SELECT min(id) FROM availability_deliveries WHERE state = 'pending' GROUP BY webhook)`,
    );
    this.#delivered = db.prepare(
      `UPDATE availability_deliveries SET state = 'delivered', attempts = attempts + 1, last_status = ?,
         last_error = NULL, delivered_at = ? WHERE id = ?`,
    );
    this.#failedAttempt = db.prepare(
      `UPDATE availability_deliveries SET attempts = attempts + 1, last_status = ?, last_error = ?,
         next_attempt_at = ?, state = ? WHERE id = ?`,
    );
    this.#deliveries = db.prepare<[number], DeliveryRow>(
      'SELECT * FROM availability_deliveries ORDER BY id DESC LIMIT ?',
    );
  }

  manualStops(): Map<string, ManualStop> {
    return new Map(
      this.#manual.all().map((r) => [r.item, { by: r.by, at: r.at, ...(r.note ? { note: r.note } : {}) }]),
    );
  }

  stop(item: string, stop: ManualStop): void {
    this.#setManual.run(item, stop.by, stop.at, stop.note ?? null);
  }

  release(item: string): boolean {
    return this.#clearManual.run(item).changes > 0;
  }

  states(): Map<string, StoredAvailability> {
    return new Map(
      this.#states.all().map((r) => [
        r.item,
        {
          available: r.available === 1,
          reasons: JSON.parse(r.reasons) as UnavailableReason[],
          since: r.since,
        },
      ]),
    );
  }

  saveState(item: string, state: StoredAvailability): void {
    this.#saveState.run(item, state.available ? 1 : 0, JSON.stringify(state.reasons), state.since);
  }

  outOfServiceTickets(): { ticketId: number; equipmentId: string; since: number }[] {
    return this.#outTickets
      .all()
      .map((r) => ({ ticketId: r.id, equipmentId: r.equipment_id, since: r.opened_at }));
  }

  enqueue(
    d: { webhook: string; item: string; available: boolean; idempotencyKey: string; request: string },
    at: number,
  ) {
    this.#enqueue.run(d.webhook, d.item, d.available ? 1 : 0, d.idempotencyKey, d.request, at, at);
  }

  heads(): DueDelivery[] {
    return this.#due.all();
  }

  markDelivered(id: number, status: number, at: number): void {
    this.#delivered.run(status, at, id);
  }

  markFailed(
    id: number,
    outcome: { status: number | null; error: string; retryAt: number; giveUp: boolean },
  ) {
    this.#failedAttempt.run(
      outcome.status,
      outcome.error,
      outcome.retryAt,
      outcome.giveUp ? 'failed' : 'pending',
      id,
    );
  }

  deliveries(limit: number): AvailabilityDelivery[] {
    return this.#deliveries.all(limit).map((r) => ({
      id: r.id,
      webhook: r.webhook,
      item: r.item,
      available: r.available === 1,
      idempotencyKey: r.idempotency_key,
      state: r.state,
      attempts: r.attempts,
      lastStatus: r.last_status,
      lastError: r.last_error,
      createdAt: r.created_at,
      deliveredAt: r.delivered_at,
    }));
  }
}
