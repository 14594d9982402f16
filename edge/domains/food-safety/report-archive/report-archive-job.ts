import type { ArchivedReportFormat } from '../../../../shared/central/food-safety-report-archive-api';
import type { Locale } from '../../../../shared/localized-text';
import { BackgroundJob } from '../../../../shared/server/runtime/background-job';
import type { Clock } from '../../../../shared/server/runtime/clock';
import type { Logger } from '../../../../shared/server/runtime/logger';
import type { Database } from '../../../store/database';
import { type BackoffPolicy, backoffDelay, type Random } from '../../../sync/backoff';
import type { CentralEndpoint } from '../../../sync/central-client';
import { type FoodSafetyReport, gatherFoodSafetyReport } from '../report/food-safety-report';
import type { FoodSafetyReportSource } from '../report/report-source';
import { ReportArchiveClient } from './archive-client';
import { ArchiveFileTooLargeError, renderArchiveFile } from './archive-file';
import { closedMonths, type StoreMonth } from './closed-months';
import { ReportUploadLog } from './upload-log';

/**
 * The files of each month: the PDF in both languages, and the CSV in both too. A store has
 * no single language (names, screens and reports are bilingual, and the regional manager
 * reading it may read either), and the CSV is the cheap one to make twice.
 */
export const ARCHIVE_FILES: readonly { format: ArchivedReportFormat; lang: Locale }[] = [
  { format: 'pdf', lang: 'zh-CN' },
  { format: 'pdf', lang: 'en' },
  { format: 'csv', lang: 'zh-CN' },
  { format: 'csv', lang: 'en' },
];

export interface ReportArchiveJobDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  source: FoodSafetyReportSource;
  /** the sync's central endpoint; without it the job does nothing */
  central: CentralEndpoint | undefined;
  /** how often to look for a closed month not yet archived (default 1 h) */
  intervalMs?: number;
  /** closed months looked back at, after downtime too (default 3) */
  monthsBack?: number;
  /** after a failed upload; doubles up to maxMs (default 1 min to 6 h) */
  backoff?: BackoffPolicy;
  random?: Random;
  timeoutMs?: number;
  /** how long after a month's end it is archived (default 15 min) */
  settleMs?: number;
}

export interface ArchiveRunSummary {
  uploaded: number;
  /** files central already held (a note lost on the box) */
  alreadyHeld: number;
  /** true when the run waited out a back-off or stopped at a failure */
  deferred: boolean;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Archives the box's own food-safety report at central: once a store month has closed (in
 * the store's zone), renders it and uploads each file with the store token, remembering
 * what central acknowledged. A failed upload backs off and the next run resumes where it
 * stopped; a box that was down catches up on the last `monthsBack` months. Files are made
 * one at a time with the event loop free between them, so ingest never waits on a report.
 */
export class ReportArchiveJob {
  readonly #deps: ReportArchiveJobDeps;
  readonly #log: Logger;
  readonly #uploads: ReportUploadLog;
  readonly #client: ReportArchiveClient | undefined;
  readonly #job: BackgroundJob<ArchiveRunSummary>;
  readonly #backoff: BackoffPolicy;
  #failures = 0;
  #failuresTotal = 0;
  /** files past the archive's bounds: not made again while the box runs (logged once each) */
  readonly #tooLarge = new Set<string>();
  #notBefore = 0;

  constructor(deps: ReportArchiveJobDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'food-safety.report-archive' });
    this.#uploads = new ReportUploadLog(deps.db);
    this.#client = deps.central
      ? new ReportArchiveClient(deps.central, deps.timeoutMs ?? 120_000)
      : undefined;
    this.#backoff = deps.backoff ?? { baseMs: 60_000, maxMs: 6 * 3_600_000 };
    this.#job = new BackgroundJob({
      clock: deps.clock,
      log: this.#log,
      intervalMs: deps.intervalMs ?? 3_600_000,
      run: (now) => this.#run(now),
    });
  }

  start(): void {
    if (this.#client) this.#job.start();
  }

  async stop(): Promise<void> {
    await this.#job.stop();
  }

  /** One pass at `now` (after any pass in progress). */
  runOnce(now?: number): Promise<ArchiveRunSummary> {
    return this.#job.runOnce(now);
  }

  get running(): boolean {
    return this.#job.busy;
  }

  /** Failed uploads since start, and when the next attempt may be made. */
  get status(): { failures: number; retryAt: number | null; tooLarge: number } {
    return {
      failures: this.#failuresTotal,
      retryAt: this.#failures > 0 ? this.#notBefore : null,
      tooLarge: this.#tooLarge.size,
    };
  }

  get uploads(): ReportUploadLog {
    return this.#uploads;
  }

  async #run(now: number): Promise<ArchiveRunSummary> {
    const summary: ArchiveRunSummary = { uploaded: 0, alreadyHeld: 0, deferred: false };
    const client = this.#client;
    if (!client) return summary;
    if (now < this.#notBefore) return { ...summary, deferred: true };
    const { source } = this.#deps;
    const store = source.store();
    // A month counts as closed a little after its last midnight: its last minutes are written as they close.
    const settled = now - (this.#deps.settleMs ?? 15 * 60_000);
    for (const month of closedMonths(settled, store.timeZone, this.#deps.monthsBack ?? 3)) {
      const missing = ARCHIVE_FILES.filter(
        (f) =>
          !this.#uploads.has(month.month, f.format, f.lang) &&
          !this.#tooLarge.has(`${month.month}/${f.format}/${f.lang}`),
      );
      if (missing.length === 0) continue;
      let report: FoodSafetyReport | undefined;
      for (const file of missing) {
        if (this.#job.stopping) return { ...summary, deferred: true };
        try {
          report ??= await gatherFoodSafetyReport(source, { from: month.from, to: month.to }, now);
          const ack = await this.#uploadOne(client, store.id, month, report, file.format, file.lang);
          if (ack) summary.uploaded++;
          else summary.alreadyHeld++;
        } catch (err) {
          if (err instanceof ArchiveFileTooLargeError) {
            // Central would refuse it every time: the other files go, this one is left out and said so.
            this.#tooLarge.add(`${month.month}/${file.format}/${file.lang}`);
            this.#log.error({ err, month: month.month, ...file }, 'monthly report file too large to archive');
            continue;
          }
          this.#failed(now, month, file, err);
          return { ...summary, deferred: true };
        }
        await turn();
      }
    }
    this.#failures = 0;
    return summary;
  }

  /** Renders, sends and notes one file; true when central stored it, false when it held it already. */
  async #uploadOne(
    client: ReportArchiveClient,
    storeId: string,
    month: StoreMonth,
    report: FoodSafetyReport,
    format: ArchivedReportFormat,
    lang: Locale,
  ): Promise<boolean> {
    const file = await renderArchiveFile(report, format, lang);
    const ack = await client.upload({
      storeId,
      month: month.month,
      format,
      lang,
      sha256: file.sha256,
      chainHead: { seq: report.chainHead.seq, hash: report.chainHead.hash },
      generatedAt: report.generatedAt,
      gzipBase64: file.gzip.toString('base64'),
    });
    this.#uploads.record({
      month: month.month,
      format,
      lang,
      sha256: file.sha256,
      bytes: file.bytes,
      chainSeq: report.chainHead.seq,
      uploadedAt: this.#deps.clock.now(),
    });
    this.#log.info(
      { month: month.month, format, lang, bytes: file.bytes, packed: file.gzip.length, stored: ack.stored },
      'monthly food-safety report archived at central',
    );
    return ack.stored;
  }

  #failed(now: number, month: StoreMonth, file: { format: string; lang: string }, err: unknown): void {
    this.#failures++;
    this.#failuresTotal++;
    const delay = backoffDelay(this.#failures, this.#backoff, this.#deps.random ?? Math.random);
    this.#notBefore = now + delay;
    this.#log.warn(
      { err, month: month.month, ...file, failures: this.#failures, retryInMs: delay },
      'monthly food-safety report not archived; trying again later',
    );
  }
}
