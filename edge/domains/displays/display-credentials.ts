import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DISPLAY_CREDENTIAL_PATTERN, type DisplayView } from '../../../shared/api/displays';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Database } from '../../store/database';

/** A paired display as a request carrying its credential sees it. */
export interface PairedDisplay {
  id: string;
  name: string;
}

export interface IssuedDisplay {
  /** `gdc_<id>.<secret>`; returned once, stored only as the secret's hash. */
  credential: string;
  display: DisplayView;
}

interface DisplayRow {
  id: string;
  name: string;
  secret_hash: string | null;
  ticket_hash: string | null;
  ticket_expires_at: number | null;
  paired_by: string;
  paired_at: number;
  last_seen_at: number | null;
}

/** "Last seen" is for a manager's list, so it is written at most once a minute per display. */
const SEEN_RESOLUTION_MS = 60_000;
/** How long the one-time link `npm start` prints stays good. */
export const PAIRING_TICKET_TTL_MS = 24 * 3_600_000;

/**
 * Paired kitchen displays in the `displays` table. Only a manager's confirmation
 * (or someone with the data directory) makes one, and nothing anonymous removes
 * one, so no number of anonymous requests can log a display out. Secrets are 32
 * random bytes: an unsalted sha256 suffices and keeps verification a key lookup.
 */
export class DisplayCredentials {
  readonly #clock: Clock;
  readonly #insert;
  readonly #byId;
  readonly #byTicket;
  readonly #all;
  readonly #delete;
  readonly #seen;
  readonly #exchange;

  constructor(deps: { db: Database; clock: Clock }) {
    const { db } = deps;
    this.#clock = deps.clock;
    this.#insert = db.prepare<[string, string, string | null, string | null, number | null, string, number]>(
      `INSERT INTO displays (id, name, secret_hash, ticket_hash, ticket_expires_at, paired_by, paired_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#byId = db.prepare<[string], DisplayRow>('SELECT * FROM displays WHERE id = ?');
    this.#byTicket = db.prepare<[string], DisplayRow>('SELECT * FROM displays WHERE ticket_hash = ?');
    this.#all = db.prepare<[], DisplayRow>('SELECT * FROM displays ORDER BY paired_at, id');
    this.#delete = db.prepare<[string]>('DELETE FROM displays WHERE id = ?');
    this.#seen = db.prepare<[number, string]>('UPDATE displays SET last_seen_at = ? WHERE id = ?');
    this.#exchange = db.prepare<[string, string, string]>(
      `UPDATE displays SET secret_hash = ?, ticket_hash = NULL, ticket_expires_at = NULL
       WHERE id = ? AND ticket_hash = ?`,
    );
  }

  /** A newly paired display and its credential (after a manager confirmed its code). */
  pair(name: string, pairedBy: string): IssuedDisplay {
    const id = newDisplayId();
    const secret = newSecret();
    this.#insert.run(id, name, hashOf(secret), null, null, pairedBy, this.#clock.now());
    return { credential: credentialOf(id, secret), display: this.#view(this.#row(id)) };
  }

  /**
   * A display row whose secret is made when a screen opens the one-time link
   * `#pair=<ticket>`, for a box that pairs its own display (the demo). The ticket is
   * good once and for `PAIRING_TICKET_TTL_MS`.
   */
  issueTicket(name: string, pairedBy: string): { ticket: string; display: DisplayView } {
    const id = newDisplayId();
    const ticket = newSecret();
    const now = this.#clock.now();
    this.#insert.run(id, name, null, hashOf(ticket), now + PAIRING_TICKET_TTL_MS, pairedBy, now);
    return { ticket, display: this.#view(this.#row(id)) };
  }

  /** The credential for a one-time ticket, or undefined when it is unknown, used or expired. */
  exchangeTicket(ticket: string): IssuedDisplay | undefined {
    const ticketHash = hashOf(ticket);
    const row = this.#byTicket.get(ticketHash);
    if (!row || (row.ticket_expires_at ?? 0) <= this.#clock.now()) return undefined;
    const secret = newSecret();
    // Conditional on the ticket still being there: two screens opening the link at once get one credential.
    if (this.#exchange.run(hashOf(secret), row.id, ticketHash).changes !== 1) return undefined;
    return { credential: credentialOf(row.id, secret), display: this.#view(this.#row(row.id)) };
  }

  /** The display a credential belongs to, or undefined (malformed, unknown, revoked, wrong secret). */
  verify(credential: string): PairedDisplay | undefined {
    const match = DISPLAY_CREDENTIAL_PATTERN.exec(credential);
    if (!match) return undefined;
    const [, id = '', secret = ''] = match;
    const row = this.#byId.get(id);
    if (!row?.secret_hash) return undefined;
    const expected = Buffer.from(row.secret_hash, 'hex');
    const given = Buffer.from(hashOf(secret), 'hex');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const now = this.#clock.now();
    if (row.last_seen_at === null || now - row.last_seen_at >= SEEN_RESOLUTION_MS) this.#seen.run(now, id);
    return { id: row.id, name: row.name };
  }

  list(): DisplayView[] {
    return this.#all.all().map((row) => this.#view(row));
  }

  /** Returns whether a display was revoked; its credential stops working at once. */
  revoke(id: string): boolean {
    return this.#delete.run(id).changes > 0;
  }

  #row(id: string): DisplayRow {
    const row = this.#byId.get(id);
    if (!row) throw new Error(`display ${id} vanished right after it was written`);
    return row;
  }

  #view(row: DisplayRow): DisplayView {
    return {
      id: row.id,
      name: row.name,
      pairedBy: row.paired_by,
      pairedAt: row.paired_at,
      lastSeenAt: row.last_seen_at,
      state: row.secret_hash === null ? 'awaiting_screen' : 'paired',
    };
  }
}

function newDisplayId(): string {
  return randomBytes(8).toString('hex');
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

function credentialOf(id: string, secret: string): string {
  return `gdc_${id}.${secret}`;
}

function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
