import type { ArchivedReportFormat } from '../../../../shared/central/food-safety-report-archive-api';
import type { Locale } from '../../../../shared/localized-text';
import type { Database } from '../../../store/database';

export interface UploadedReport {
  month: string;
  format: ArchivedReportFormat;
  lang: Locale;
  sha256: string;
  bytes: number;
  chainSeq: number;
  uploadedAt: number;
}

/** The box's note of which monthly report files central has acknowledged (migration 027). */
export class ReportUploadLog {
  readonly #has;
  readonly #record;
  readonly #all;

  constructor(db: Database) {
    this.#has = db.prepare<[string, string, string], { one: number }>(
      'SELECT 1 AS one FROM food_safety_report_uploads WHERE month = ? AND format = ? AND lang = ?',
    );
    this.#record = db.prepare<[string, string, string, string, number, number, number]>(
      `INSERT INTO food_safety_report_uploads (month, format, lang, sha256, bytes, chain_seq, uploaded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (month, format, lang) DO UPDATE SET
         sha256 = excluded.sha256, bytes = excluded.bytes, chain_seq = excluded.chain_seq,
         uploaded_at = excluded.uploaded_at`,
    );
    this.#all = db.prepare<[], Record<string, string | number>>(
      `SELECT month, format, lang, sha256, bytes, chain_seq AS chainSeq, uploaded_at AS uploadedAt
       FROM food_safety_report_uploads ORDER BY month, format, lang`,
    );
  }

  has(month: string, format: ArchivedReportFormat, lang: Locale): boolean {
    return this.#has.get(month, format, lang) !== undefined;
  }

  record(upload: UploadedReport): void {
    this.#record.run(
      upload.month,
      upload.format,
      upload.lang,
      upload.sha256,
      upload.bytes,
      upload.chainSeq,
      upload.uploadedAt,
    );
  }

  all(): UploadedReport[] {
    return this.#all.all() as unknown as UploadedReport[];
  }
}
