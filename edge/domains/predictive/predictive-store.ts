import { PredictiveFinding } from '../../../shared/predictive/predictive-finding';
import type { Database } from '../../store/database';
import { BaselineSnapshot } from './baseline-snapshot';

interface AssetRow {
  equipment_id: string;
  learn_from: number;
  baseline_json: string | null;
}

interface FindingRow {
  id: number;
  equipment_id: string;
  finding_json: string;
  ticket_id: number | null;
  verified_at: number | null;
}

export interface StoredAsset {
  equipmentId: string;
  learnFrom: number;
  /** undefined while learning, or when the stored one no longer reads (then it is learned afresh) */
  baseline: BaselineSnapshot | undefined;
}

export interface StoredFinding {
  id: number;
  finding: PredictiveFinding;
  ticketId: number | null;
  verifiedAt: number | null;
}

/** SQL of the predictive domain (migration 028); rules live in the service. */
export class PredictiveStore {
  readonly #s;
  /** Stored rows that did not read back through their schema (kept, counted, not trusted). */
  readonly unreadable = { baselines: 0, findings: 0 };

  constructor(db: Database) {
    this.#s = {
      asset: db.prepare<[string], AssetRow>('SELECT * FROM predictive_assets WHERE equipment_id = ?'),
      beginLearning: db.prepare<[{ id: string; from: number; at: number }]>(
        `INSERT INTO predictive_assets (equipment_id, learn_from, baseline_json, baseline_saved_at, updated_at)
         VALUES (@id, @from, NULL, NULL, @at)
         ON CONFLICT (equipment_id) DO UPDATE SET learn_from = @from, baseline_json = NULL,
           baseline_saved_at = NULL, updated_at = @at`,
      ),
      saveBaseline: db.prepare<[{ id: string; json: string; at: number }]>(
        `UPDATE predictive_assets SET baseline_json = @json, baseline_saved_at = @at, updated_at = @at
         WHERE equipment_id = @id`,
      ),
      insertFinding: db.prepare<[string, string, number, string, number | null, number]>(
        `INSERT OR IGNORE INTO predictive_findings (equipment_id, cause, detected_at, finding_json, ticket_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      latestFinding: db.prepare<[string], FindingRow>(
        'SELECT * FROM predictive_findings WHERE equipment_id = ? ORDER BY detected_at DESC, id DESC LIMIT 1',
      ),
      lastVerifiedAt: db
        .prepare<[string], number | null>(
          'SELECT max(verified_at) FROM predictive_findings WHERE equipment_id = ? AND verified_at IS NOT NULL',
        )
        .pluck(),
      byTicket: db.prepare<[number], FindingRow>(
        'SELECT * FROM predictive_findings WHERE ticket_id = ? ORDER BY id DESC LIMIT 1',
      ),
      verify: db.prepare<[number, number]>(
        'UPDATE predictive_findings SET verified_at = ? WHERE ticket_id = ? AND verified_at IS NULL',
      ),
    };
  }

  asset(equipmentId: string): StoredAsset | undefined {
    const row = this.#s.asset.get(equipmentId);
    if (!row) return undefined;
    let baseline: BaselineSnapshot | undefined;
    if (row.baseline_json !== null) {
      const parsed = BaselineSnapshot.safeParse(safeJson(row.baseline_json));
      if (parsed.success) baseline = parsed.data;
      else this.unreadable.baselines++;
    }
    return { equipmentId: row.equipment_id, learnFrom: row.learn_from, baseline };
  }

  /** Learning starts (again) at `from`: any baseline kept is dropped. */
  beginLearning(equipmentId: string, from: number, at: number): void {
    this.#s.beginLearning.run({ id: equipmentId, from, at });
  }

  saveBaseline(equipmentId: string, baseline: BaselineSnapshot, at: number): void {
    this.#s.saveBaseline.run({ id: equipmentId, json: JSON.stringify(baseline), at });
  }

  /** Stored once per (asset, cause, time): a finding replayed after a restart is not a second one. */
  recordFinding(finding: PredictiveFinding, ticketId: number | null, at: number): boolean {
    const info = this.#s.insertFinding.run(
      finding.equipmentId,
      finding.cause,
      finding.detectedAt,
      JSON.stringify(finding),
      ticketId,
      at,
    );
    return info.changes > 0;
  }

  latestFinding(equipmentId: string): StoredFinding | undefined {
    const row = this.#s.latestFinding.get(equipmentId);
    return row && this.#finding(row);
  }

  findingOfTicket(ticketId: number): StoredFinding | undefined {
    const row = this.#s.byTicket.get(ticketId);
    return row && this.#finding(row);
  }

  /** The last verified repair of a finding on this asset, or undefined. */
  lastVerifiedAt(equipmentId: string): number | undefined {
    return this.#s.lastVerifiedAt.get(equipmentId) ?? undefined;
  }

  markVerified(ticketId: number, at: number): void {
    this.#s.verify.run(at, ticketId);
  }

  #finding(row: FindingRow): StoredFinding | undefined {
    const parsed = PredictiveFinding.safeParse(safeJson(row.finding_json));
    if (!parsed.success) {
      this.unreadable.findings++;
      return undefined;
    }
    return { id: row.id, finding: parsed.data, ticketId: row.ticket_id, verifiedAt: row.verified_at };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON at all: the schema refuses undefined and the caller counts it.
    return undefined;
  }
}
