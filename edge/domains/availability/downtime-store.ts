import type { Database } from '../../store/database';

/** A unit down during an episode, as the availability reason named it. */
export interface EpisodeUnit {
  equipmentId: string;
  alarmId?: number;
  ticketId?: number;
}

export interface OpenEpisode {
  id: number;
  item: string;
  unitKey: string;
  units: EpisodeUnit[];
  startedAt: number;
}

export interface EpisodeClose {
  endedAt: number;
  currency: string;
  priceMinor: number | undefined;
  portionsMilli: number;
  amountMinor: number;
  bases: string[];
}

export interface ShareRow {
  equipmentId: string;
  ticketId: number | null;
  alarmId: number | null;
  portionsMilli: number;
  amountMinor: number;
}

export interface ClosedEpisodeRow {
  id: number;
  item: string;
  startedAt: number;
  endedAt: number;
  currency: string;
  priceMinor: number | null;
  portionsMilli: number;
  amountMinor: number;
  bases: string[];
}

interface EpisodeRow {
  id: number;
  item: string;
  unit_key: string;
  units: string;
  started_at: number;
  ended_at: number | null;
  currency: string | null;
  price_minor: number | null;
  portions_milli: number | null;
  amount_minor: number | null;
  rate_basis: string | null;
}

interface ShareDbRow {
  episode_id: number;
  equipment_id: string;
  ticket_id: number | null;
  alarm_id: number | null;
  portions_milli: number;
  amount_minor: number;
}

/** Rows of a ticket: recorded against it, or against an alarm alone that is now attached to it. */
const OF_TICKET = `(c.ticket_id = @ticket OR (c.ticket_id IS NULL AND c.alarm_id IN
  (SELECT alarm_id FROM ticket_alarms WHERE ticket_id = @ticket)))`;

/** The SQL of downtime episodes, their shares, and the sales history that prices them. */
export class DowntimeStore {
  readonly #open;
  readonly #allOpen;
  readonly #insert;
  readonly #close;
  readonly #share;
  readonly #autoTicket;
  readonly #firstOrder;
  readonly #sales;
  readonly #ofEquipment;
  readonly #ofTicket;
  readonly #shares;
  readonly #ticket;
  readonly #alarmsOfTicket;
  readonly #openOfEquipment;
  readonly #openOfTicket;

  constructor(db: Database) {
    this.#open = db.prepare<[string], EpisodeRow>(
      'SELECT * FROM downtime_episodes WHERE item = ? AND ended_at IS NULL',
    );
    this.#allOpen = db.prepare<[], EpisodeRow>('SELECT * FROM downtime_episodes WHERE ended_at IS NULL');
    this.#insert = db.prepare(
      'INSERT INTO downtime_episodes (item, unit_key, units, started_at) VALUES (?, ?, ?, ?)',
    );
    this.#close = db.prepare(
      `UPDATE downtime_episodes SET ended_at = @endedAt, currency = @currency, price_minor = @priceMinor,
         portions_milli = @portionsMilli, amount_minor = @amountMinor, rate_basis = @bases
       WHERE id = @id AND ended_at IS NULL`,
    );
    this.#share = db.prepare(
      `INSERT INTO downtime_costs (episode_id, equipment_id, ticket_id, alarm_id, portions_milli, amount_minor)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    // The automatic ticket an alarm opened (or was attached to): the first one it is linked with.
    this.#autoTicket = db.prepare<[number], { ticket_id: number }>(
      'SELECT ticket_id FROM ticket_alarms WHERE alarm_id = ? ORDER BY ticket_id LIMIT 1',
    );
    this.#firstOrder = db.prepare<[], { first: number | null }>(
      "SELECT min(placed_at) AS first FROM pos_orders WHERE status != 'voided'",
    );
    this.#sales = db.prepare<[string, number, number], { placedAt: number; portions: number }>(
      `SELECT o.placed_at AS placedAt,
         coalesce((SELECT sum(json_extract(l.value, '$.qty')) FROM json_each(o.body, '$.lines') l
                   WHERE json_extract(l.value, '$.item') = ?), 0) AS portions
       FROM pos_orders o
       WHERE o.placed_at >= ? AND o.placed_at < ? AND o.status != 'voided'`,
    );
    const closedIn = `e.ended_at IS NOT NULL AND e.ended_at >= @from AND e.ended_at < @to`;
    this.#ofEquipment = db.prepare<{ equipment: string; from: number; to: number }, EpisodeRow>(
      `SELECT DISTINCT e.* FROM downtime_episodes e JOIN downtime_costs c ON c.episode_id = e.id
       WHERE c.equipment_id = @equipment AND ${closedIn} ORDER BY e.ended_at, e.id`,
    );
    this.#ofTicket = db.prepare<{ ticket: number; from: number; to: number }, EpisodeRow>(
      `SELECT DISTINCT e.* FROM downtime_episodes e JOIN downtime_costs c ON c.episode_id = e.id
       WHERE ${OF_TICKET} AND ${closedIn} ORDER BY e.ended_at, e.id`,
    );
    this.#shares = db.prepare<[number], ShareDbRow>(
      'SELECT * FROM downtime_costs WHERE episode_id = ? ORDER BY equipment_id',
    );
    this.#ticket = db.prepare<[number], { id: number }>('SELECT id FROM tickets WHERE id = ?');
    this.#alarmsOfTicket = db.prepare<[number], { alarm_id: number }>(
      'SELECT alarm_id FROM ticket_alarms WHERE ticket_id = ?',
    );
    this.#openOfEquipment = db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM downtime_episodes e WHERE e.ended_at IS NULL AND EXISTS
         (SELECT 1 FROM json_each(e.units) u WHERE json_extract(u.value, '$.equipmentId') = ?)`,
    );
    this.#openOfTicket = db.prepare<{ ticket: number }, { n: number }>(
      `SELECT count(*) AS n FROM downtime_episodes e WHERE e.ended_at IS NULL AND EXISTS
         (SELECT 1 FROM json_each(e.units) u WHERE json_extract(u.value, '$.ticketId') = @ticket
            OR json_extract(u.value, '$.alarmId') IN (SELECT alarm_id FROM ticket_alarms WHERE ticket_id = @ticket))`,
    );
  }

  openEpisode(item: string): OpenEpisode | undefined {
    const row = this.#open.get(item);
    return row && toOpen(row);
  }

  openEpisodes(): OpenEpisode[] {
    return this.#allOpen.all().map(toOpen);
  }

  open(item: string, unitKey: string, units: EpisodeUnit[], at: number): number {
    return Number(this.#insert.run(item, unitKey, JSON.stringify(units), at).lastInsertRowid);
  }

  /** False when the episode was closed already: its shares are then not written twice. */
  close(id: number, c: EpisodeClose): boolean {
    return (
      this.#close.run({
        id,
        endedAt: c.endedAt,
        currency: c.currency,
        priceMinor: c.priceMinor ?? null,
        portionsMilli: c.portionsMilli,
        amountMinor: c.amountMinor,
        bases: JSON.stringify(c.bases),
      }).changes === 1
    );
  }

  addShare(episodeId: number, s: ShareRow): void {
    this.#share.run(episodeId, s.equipmentId, s.ticketId, s.alarmId, s.portionsMilli, s.amountMinor);
  }

  ticketOfAlarm(alarmId: number): number | undefined {
    return this.#autoTicket.get(alarmId)?.ticket_id;
  }

  ticketExists(id: number): boolean {
    return this.#ticket.get(id) !== undefined;
  }

  alarmsOfTicket(id: number): Set<number> {
    return new Set(this.#alarmsOfTicket.all(id).map((r) => r.alarm_id));
  }

  firstOrderAt(): number | undefined {
    return this.#firstOrder.get()?.first ?? undefined;
  }

  sales(item: string, from: number, to: number): { placedAt: number; portions: number }[] {
    return this.#sales.all(item, from, to);
  }

  closedOfEquipment(equipment: string, from: number, to: number): ClosedEpisodeRow[] {
    return this.#ofEquipment.all({ equipment, from, to }).map(toClosed);
  }

  closedOfTicket(ticket: number, from: number, to: number): ClosedEpisodeRow[] {
    return this.#ofTicket.all({ ticket, from, to }).map(toClosed);
  }

  shares(episodeId: number): ShareRow[] {
    return this.#shares.all(episodeId).map((r) => ({
      equipmentId: r.equipment_id,
      ticketId: r.ticket_id,
      alarmId: r.alarm_id,
      portionsMilli: r.portions_milli,
      amountMinor: r.amount_minor,
    }));
  }

  openCountOfEquipment(equipment: string): number {
    return this.#openOfEquipment.get(equipment)?.n ?? 0;
  }

  openCountOfTicket(ticket: number): number {
    return this.#openOfTicket.get({ ticket })?.n ?? 0;
  }
}

function toOpen(row: EpisodeRow): OpenEpisode {
  return {
    id: row.id,
    item: row.item,
    unitKey: row.unit_key,
    units: JSON.parse(row.units) as EpisodeUnit[],
    startedAt: row.started_at,
  };
}

function toClosed(row: EpisodeRow): ClosedEpisodeRow {
  return {
    id: row.id,
    item: row.item,
    startedAt: row.started_at,
    endedAt: row.ended_at ?? row.started_at,
    currency: row.currency ?? '',
    priceMinor: row.price_minor,
    portionsMilli: row.portions_milli ?? 0,
    amountMinor: row.amount_minor ?? 0,
    bases: JSON.parse(row.rate_basis ?? '[]') as string[],
  };
}
