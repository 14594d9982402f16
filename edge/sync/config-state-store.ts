import { ConfigApplyReport, ConfigOverlay } from '../../shared/sync/sync-protocol';
import type { Database } from '../store/database';

export interface AppliedConfig {
  version: number;
  overlay: ConfigOverlay;
}

interface Row {
  config_version: number | null;
  config_overlay: string | null;
  rejected_config_version: number | null;
  pending_config_report: string | null;
}

/**
 * Which central config runs here, kept in `sync_state` so a restart re-applies it, and
 * the apply report central has not received yet, so it is not lost to an outage.
 */
export class ConfigStateStore {
  readonly #get;
  readonly #applied;
  readonly #rejected;
  readonly #reported;

  constructor(db: Database) {
    this.#get = db.prepare<[], Row>(
      'SELECT config_version, config_overlay, rejected_config_version, pending_config_report FROM sync_state WHERE id = 1',
    );
    this.#applied = db.prepare<[number, string, string]>(
      'UPDATE sync_state SET config_version = ?, config_overlay = ?, pending_config_report = ? WHERE id = 1',
    );
    this.#rejected = db.prepare<[number, string]>(
      'UPDATE sync_state SET rejected_config_version = ?, pending_config_report = ? WHERE id = 1',
    );
    this.#reported = db.prepare('UPDATE sync_state SET pending_config_report = NULL WHERE id = 1');
  }

  applied(): AppliedConfig | undefined {
    const row = this.#get.get();
    if (!row || row.config_version === null || row.config_overlay === null) return undefined;
    return { version: row.config_version, overlay: ConfigOverlay.parse(JSON.parse(row.config_overlay)) };
  }

  /** The version to ask central to beat: the newest it sent us, applied or not. */
  latestSeenVersion(): number {
    const row = this.#get.get();
    return Math.max(row?.config_version ?? 0, row?.rejected_config_version ?? 0);
  }

  pendingReport(): ConfigApplyReport | undefined {
    const text = this.#get.get()?.pending_config_report;
    return text ? ConfigApplyReport.parse(JSON.parse(text)) : undefined;
  }

  recordApplied(applied: AppliedConfig, report: ConfigApplyReport): void {
    this.#applied.run(applied.version, JSON.stringify(applied.overlay), JSON.stringify(report));
  }

  recordRejected(report: ConfigApplyReport): void {
    this.#rejected.run(report.version, JSON.stringify(report));
  }

  recordReported(): void {
    this.#reported.run();
  }
}
