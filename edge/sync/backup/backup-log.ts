import type BetterSqlite3 from 'better-sqlite3';

export interface BoxBackupNote {
  takenAt: number;
  seq: number;
  sha256: string;
  bytes: number;
  packedBytes: number;
  snapshotMs: number;
  uploadedAt: number;
}

/** The box's note of the copies central acknowledged (migration 035); the newest few are kept. */
export class BoxBackupLog {
  static readonly KEEP = 100;
  readonly #record;
  readonly #prune;
  readonly #latest;

  constructor(db: BetterSqlite3.Database) {
    this.#record = db.prepare<[number, number, string, number, number, number, number]>(
      `INSERT OR REPLACE INTO box_backup_uploads
         (taken_at, seq, sha256, bytes, packed_bytes, snapshot_ms, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#prune = db.prepare<[number]>(
      `DELETE FROM box_backup_uploads WHERE taken_at < (
         SELECT taken_at FROM box_backup_uploads ORDER BY taken_at DESC LIMIT 1 OFFSET ?)`,
    );
    this.#latest = db.prepare<[], BoxBackupNote>(
      `SELECT taken_at AS takenAt, seq, sha256, bytes, packed_bytes AS packedBytes,
              snapshot_ms AS snapshotMs, uploaded_at AS uploadedAt
       FROM box_backup_uploads ORDER BY taken_at DESC LIMIT 1`,
    );
  }

  record(note: BoxBackupNote): void {
    this.#record.run(
      note.takenAt,
      note.seq,
      note.sha256,
      note.bytes,
      note.packedBytes,
      note.snapshotMs,
      note.uploadedAt,
    );
    this.#prune.run(BoxBackupLog.KEEP - 1);
  }

  latest(): BoxBackupNote | undefined {
    return this.#latest.get();
  }
}
