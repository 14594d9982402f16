import { StoreArchiveAck } from '../../../shared/central/store-archive-api';
import type { Database } from '../../store/database';

/** How far this box's closing run got (table `store_closing`, migration 036). */
export interface ClosingRecord {
  startedAt: number;
  finalSeq: number | null;
  centralSeq: number | null;
  archiveDir: string | null;
  archiveAck: StoreArchiveAck | null;
  archivedAt: number | null;
  revokedAt: number | null;
  closedAt: number | null;
}

interface Row {
  started_at: number;
  final_seq: number | null;
  central_seq: number | null;
  archive_dir: string | null;
  archive_ack: string | null;
  archived_at: number | null;
  revoked_at: number | null;
  closed_at: number | null;
}

type Step =
  | { step: 'synced'; finalSeq: number; centralSeq: number }
  | { step: 'revoked'; at: number }
  | { step: 'archived'; dir: string; ack: StoreArchiveAck; at: number }
  | { step: 'closed'; at: number };

/** The closing run's own notes: each step recorded as it is done, so a run stopped half-way resumes. */
export class ClosingRecords {
  constructor(private readonly db: Database) {}

  read(): ClosingRecord | undefined {
    const row = this.db.prepare('SELECT * FROM store_closing WHERE id = 1').get() as Row | undefined;
    if (!row) return undefined;
    const ack = row.archive_ack === null ? null : StoreArchiveAck.safeParse(JSON.parse(row.archive_ack));
    return {
      startedAt: row.started_at,
      finalSeq: row.final_seq,
      centralSeq: row.central_seq,
      archiveDir: row.archive_dir,
      archiveAck: ack?.success ? ack.data : null,
      archivedAt: row.archived_at,
      revokedAt: row.revoked_at,
      closedAt: row.closed_at,
    };
  }

  start(at: number): void {
    this.db.prepare('INSERT OR IGNORE INTO store_closing (id, started_at) VALUES (1, ?)').run(at);
  }

  record(step: Step): void {
    const update = this.db.prepare.bind(this.db);
    switch (step.step) {
      case 'synced':
        update('UPDATE store_closing SET final_seq = ?, central_seq = ? WHERE id = 1').run(
          step.finalSeq,
          step.centralSeq,
        );
        return;
      case 'revoked':
        update('UPDATE store_closing SET revoked_at = coalesce(revoked_at, ?) WHERE id = 1').run(step.at);
        return;
      case 'archived':
        update('UPDATE store_closing SET archive_dir = ?, archive_ack = ?, archived_at = ? WHERE id = 1').run(
          step.dir,
          JSON.stringify(step.ack),
          step.at,
        );
        return;
      case 'closed':
        update('UPDATE store_closing SET closed_at = ? WHERE id = 1').run(step.at);
        return;
    }
  }
}
