import { ChecklistItemId, CommissioningChecklist } from '../../../../shared/api/commissioning';
import type { SignedHandover } from '../../../../shared/api/commissioning-handover';
import type { Database } from '../../../store/database';

/** A reading as the series table keeps it. */
export interface SeriesReading {
  metric: string;
  ts: number;
  value: number;
}

interface SignatureRow {
  signed_by: string;
  signer_name: string;
  role: string;
  signed_at: number;
  complete: number;
  override_reason: string | null;
  open_items: string;
  checklist_json: string;
  checklist_sha256: string;
}

/**
 * What the handover reads and keeps in SQLite: each unit's first readings and when a cold
 * unit first reached its limit (from `series_readings`, the raw readings retention keeps),
 * when each unit's test alarm was first known at central, and the one signature.
 */
export class HandoverStore {
  readonly #firstReadings;
  readonly #firstAtOrBelow;
  readonly #seen;
  readonly #noteSeen;
  readonly #signature;
  readonly #sign;

  constructor(
    db: Database,
    private readonly storeId: string,
  ) {
    this.#firstReadings = db.prepare<[string], SeriesReading>(
      `SELECT s.metric AS metric, r.ts AS ts, r.value AS value
       FROM series s
       JOIN series_readings r ON r.series_id = s.id
         AND r.ts = (SELECT min(ts) FROM series_readings WHERE series_id = s.id)
       WHERE s.equipment_id = ?
       ORDER BY s.metric`,
    );
    this.#firstAtOrBelow = db.prepare<[string, string, number], { ts: number; value: number }>(
      `SELECT r.ts AS ts, r.value AS value FROM series s
       JOIN series_readings r ON r.series_id = s.id
       WHERE s.equipment_id = ? AND s.metric = ? AND r.value <= ?
       ORDER BY r.ts LIMIT 1`,
    );
    this.#seen = db.prepare<
      [],
      { equipment_id: string; alarm_id: number; raised_at: number; seen_at: number }
    >('SELECT equipment_id, alarm_id, raised_at, seen_at FROM handover_alarm_seen');
    this.#noteSeen = db.prepare(
      `INSERT INTO handover_alarm_seen (equipment_id, alarm_id, raised_at, seen_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (equipment_id) DO NOTHING`,
    );
    this.#signature = db.prepare<[], SignatureRow>('SELECT * FROM handover_signatures WHERE once = 1');
    this.#sign = db.prepare(
      `INSERT INTO handover_signatures (signed_by, signer_name, role, signed_at, complete, override_reason,
         open_items, checklist_json, checklist_sha256)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Each metric's oldest reading the box still holds for the unit. */
  firstReadings(equipmentId: string): SeriesReading[] {
    return this.#firstReadings.all(equipmentId);
  }

  /** When the metric first read at or below `limit` (the pull-down reached). */
  firstAtOrBelow(
    equipmentId: string,
    metric: string,
    limit: number,
  ): { ts: number; value: number } | undefined {
    return this.#firstAtOrBelow.get(equipmentId, metric, limit);
  }

  alarmsSeen(): Map<string, { alarmId: number; raisedAt: number; seenAt: number }> {
    return new Map(
      this.#seen
        .all()
        .map((r) => [r.equipment_id, { alarmId: r.alarm_id, raisedAt: r.raised_at, seenAt: r.seen_at }]),
    );
  }

  /** The first test alarm per unit known at central wins; later ones change nothing. */
  noteAlarmSeen(equipmentId: string, alarmId: number, raisedAt: number, seenAt: number): void {
    this.#noteSeen.run(equipmentId, alarmId, raisedAt, seenAt);
  }

  signature(): SignedHandover | undefined {
    const row = this.#signature.get();
    if (!row) return undefined;
    return {
      storeId: this.storeId,
      signedBy: row.signed_by,
      signerName: row.signer_name,
      role: row.role,
      signedAt: row.signed_at,
      complete: row.complete === 1,
      overrideReason: row.override_reason,
      openItems: ChecklistItemId.array().parse(JSON.parse(row.open_items)),
      checklistSha256: row.checklist_sha256,
      checklist: CommissioningChecklist.parse(JSON.parse(row.checklist_json)),
    };
  }

  /** Throws SQLITE_CONSTRAINT_UNIQUE when the store was already signed over. */
  sign(signed: Omit<SignedHandover, 'checklist'>, checklistJson: string): void {
    this.#sign.run(
      signed.signedBy,
      signed.signerName,
      signed.role,
      signed.signedAt,
      signed.complete ? 1 : 0,
      signed.overrideReason,
      JSON.stringify(signed.openItems),
      checklistJson,
      signed.checklistSha256,
    );
  }
}
