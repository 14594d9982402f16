import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import {
  ARCHIVED_REPORT_MAX_BYTES,
  ARCHIVED_REPORT_MAX_PACKED_BYTES,
  type ArchivedReportFormat,
} from '../../../../shared/central/food-safety-report-archive-api';
import type { Locale } from '../../../../shared/localized-text';
import type { FoodSafetyReport } from '../report/food-safety-report';
import { renderReportCsv } from '../report/report-csv';
import { renderReportPdf } from '../report/report-pdf';

/** One report file ready to send: its sha256 and size, and its bytes gzip-compressed. */
export interface ArchiveFile {
  sha256: string;
  bytes: number;
  gzip: Buffer;
}

/** A file past the archive's bounds: not sent, logged and counted; the month is tried again later. */
export class ArchiveFileTooLargeError extends Error {
  readonly code = 'ARCHIVE_FILE_TOO_LARGE';
  constructor(bytes: number, packed: number) {
    super(
      `the report file is ${bytes} bytes (${packed} packed); the archive takes at most ` +
        `${ARCHIVED_REPORT_MAX_BYTES} (${ARCHIVED_REPORT_MAX_PACKED_BYTES} packed)`,
    );
    this.name = 'ArchiveFileTooLargeError';
  }
}

/** Chunks of CSV text between turns of the event loop: the minute log is long. */
const CHUNKS_PER_TURN = 2000;

/**
 * Renders the report as a file and packs it, hashing the text as it goes: the CSV of a
 * month is tens of MB, so it never sits whole in memory, only packed.
 */
export async function renderArchiveFile(
  report: FoodSafetyReport,
  format: ArchivedReportFormat,
  lang: Locale,
): Promise<ArchiveFile> {
  const hash = createHash('sha256');
  const gzip = createGzip({ level: 6 });
  const packed: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => packed.push(chunk));
  const ended = once(gzip, 'end');
  let bytes = 0;
  const write = async (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
    if (!gzip.write(chunk)) await once(gzip, 'drain');
  };
  if (format === 'pdf') {
    await write(await renderReportPdf(report, lang));
  } else {
    let n = 0;
    for (const text of renderReportCsv(report, lang)) {
      await write(Buffer.from(text, 'utf8'));
      if (++n % CHUNKS_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  gzip.end();
  await ended;
  const gz = Buffer.concat(packed);
  if (bytes > ARCHIVED_REPORT_MAX_BYTES || gz.length > ARCHIVED_REPORT_MAX_PACKED_BYTES)
    throw new ArchiveFileTooLargeError(bytes, gz.length);
  return { sha256: hash.digest('hex'), bytes, gzip: gz };
}
