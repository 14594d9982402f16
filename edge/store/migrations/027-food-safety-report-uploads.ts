import type { Migration } from './index';

/**
 * What the box has archived at central of its monthly food-safety reports
 * (edge/domains/food-safety/report-archive/): one row per month, format and language once
 * central acknowledged the file, with the sha256 and chain head of what was sent. Not a
 * food-safety record (the records are in the chain): a delivery note, so a lost row only
 * means the month is rendered and sent again, which central keeps beside the first.
 */
export const m027FoodSafetyReportUploads: Migration = {
  version: 27,
  name: 'food-safety-report-uploads',
  sql: `
    CREATE TABLE food_safety_report_uploads (
      month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
      format TEXT NOT NULL CHECK (format IN ('pdf', 'csv')),
      lang TEXT NOT NULL CHECK (lang IN ('zh-CN', 'en')),
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      bytes INTEGER NOT NULL CHECK (bytes >= 0),
      chain_seq INTEGER NOT NULL CHECK (chain_seq >= 0),
      uploaded_at INTEGER NOT NULL,
      PRIMARY KEY (month, format, lang)
    ) WITHOUT ROWID;
  `,
};
