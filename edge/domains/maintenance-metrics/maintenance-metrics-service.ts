import type {
  DailyMaintenanceMetrics,
  MaintenanceMetrics,
  MaintenanceMetricsQuery,
} from '../../../shared/api/maintenance-metrics';
import type { StoreConfig } from '../../../shared/config/store-config';
import { BackgroundJob } from '../../../shared/server/runtime/background-job';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { Database } from '../../store/database';
import { laneOf } from '../../sync/outbox-writer';
import {
  computeMaintenanceMetrics,
  type MetricsWindow,
  slaCompliance,
  slaOutcomes,
} from './compute-maintenance-metrics';
import { type LocalDay, localDayOf } from './local-day';
import { MetricsSource } from './metrics-source';

const DAY_MS = 86_400_000;
const LAST_DAY_KEY = 'maintenance_metrics.last_day_end';
/** After a long power-off, send at most this many missed days; the API still answers any window. */
const MAX_CATCH_UP_DAYS = 7;

export interface MaintenanceMetricsServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  storeId: string;
  config: StoreConfig;
  /** how often to look for a finished store day to send; default hourly */
  checkEveryMs?: number;
}

/**
 * Maintenance KPIs computed from what was recorded (ticket and work-order timestamps,
 * transitions, stock movements), on request for any window, and once per finished
 * store-local day as a low-priority `metrics.daily` outbox event for central.
 */
export class MaintenanceMetricsService {
  readonly #deps: MaintenanceMetricsServiceDeps;
  readonly #source: MetricsSource;
  readonly #job: BackgroundJob<number>;
  readonly #cursor;
  #config: StoreConfig;

  constructor(deps: MaintenanceMetricsServiceDeps) {
    this.#deps = deps;
    this.#config = deps.config;
    this.#source = new MetricsSource(deps.db);
    this.#job = new BackgroundJob({
      clock: deps.clock,
      log: deps.logger.child({ ns: 'maintenance-metrics' }),
      intervalMs: deps.checkEveryMs ?? 3_600_000,
      run: async (now) => this.sendFinishedDays(now),
    });
    const insertOutbox = deps.db.prepare(
      'INSERT INTO outbox (store_id, ts, type, entity_id, payload, priority) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#cursor = {
      get: deps.db.prepare<[string], { value: string }>('SELECT value FROM kv WHERE key = ?'),
      set: deps.db.prepare(
        'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      outbox: (ts: number, day: string, payload: DailyMaintenanceMetrics) =>
        insertOutbox.run(
          deps.storeId,
          ts,
          'metrics.daily',
          day,
          JSON.stringify(payload),
          laneOf('metrics.daily'),
        ),
    };
  }

  start(): void {
    this.#job.start();
  }

  stop(): Promise<void> {
    return this.#job.stop();
  }

  reload(config: StoreConfig): void {
    this.#config = config;
  }

  compute(query: MaintenanceMetricsQuery): MaintenanceMetrics {
    // `to` is exclusive: by default it is just after now, so what happened this very ms counts.
    const to = query.to ?? this.#deps.clock.now() + 1;
    const window = { from: query.from ?? to - 30 * DAY_MS, to };
    const types = new Map(this.#config.equipment.map((e) => [e.id, e.type]));
    const include = (id: string) =>
      (!query.equipmentId || id === query.equipmentId) && (!query.type || types.get(id) === query.type);
    const history = this.#source.read(window.from, window.to);
    return {
      ...window,
      groupBy: query.groupBy,
      groups: computeMaintenanceMetrics(history, this.#config, window, query.groupBy, include),
      byTechnician: this.#byTechnician(history, window, include),
    };
  }

  daily(day: LocalDay): DailyMaintenanceMetrics {
    const window = { from: day.start, to: day.end };
    const history = this.#source.read(window.from, window.to);
    const [store] = computeMaintenanceMetrics(history, this.#config, window, 'store');
    return {
      day: day.day,
      ...window,
      store: store!,
      byType: computeMaintenanceMetrics(history, this.#config, window, 'type'),
      byEquipment: computeMaintenanceMetrics(history, this.#config, window, 'equipment'),
      byTechnician: this.#byTechnician(history, window, () => true),
    };
  }

  /** Appends `metrics.daily` for each store day finished since the last one sent; returns how many. */
  sendFinishedDays(now: number): number {
    const timeZone = this.#config.store.timezone;
    const today = localDayOf(now, timeZone);
    const sentUpTo = Number(this.#cursor.get.get(LAST_DAY_KEY)?.value ?? Number.NaN);
    let start = Number.isFinite(sentUpTo) ? sentUpTo : localDayOf(today.start - 1, timeZone).start;
    start = Math.max(start, today.start - MAX_CATCH_UP_DAYS * DAY_MS);
    let sent = 0;
    while (start < today.start) {
      const day = localDayOf(start, timeZone);
      const payload = this.daily(day);
      this.#deps.db.transaction(() => {
        this.#cursor.outbox(day.end, day.day, payload);
        this.#cursor.set.run(LAST_DAY_KEY, String(day.end));
      })();
      sent++;
      start = day.end;
    }
    return sent;
  }

  #byTechnician(
    history: ReturnType<MetricsSource['read']>,
    window: MetricsWindow,
    include: (id: string) => boolean,
  ) {
    const outcomes = slaOutcomes(history, this.#config, window).filter((o) => include(o.equipmentId));
    const ids = [...new Set(outcomes.map((o) => o.technicianId))].sort();
    return ids.map((technicianId) => ({
      technicianId,
      ...slaCompliance(outcomes.filter((o) => o.technicianId === technicianId)),
    }));
  }
}
