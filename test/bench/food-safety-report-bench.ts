import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { complianceOfMinutes } from '../../edge/domains/food-safety/compliance';
import { FoodSafetyStore } from '../../edge/domains/food-safety/food-safety-store';
import { excursionView, intervalView, limitView } from '../../edge/domains/food-safety/food-safety-views';
import { gatherFoodSafetyReport } from '../../edge/domains/food-safety/report/food-safety-report';
import { renderReportCsv } from '../../edge/domains/food-safety/report/report-csv';
import { renderReportPdf } from '../../edge/domains/food-safety/report/report-pdf';
import type {
  FoodSafetyReportSource,
  ReportRange,
} from '../../edge/domains/food-safety/report/report-source';
import { localDayOf } from '../../edge/domains/maintenance-metrics/local-day';
import { openDatabase } from '../../edge/store/database';
import type {
  ControlPointView,
  ExcursionView,
  IntervalRecordView,
  LimitRecordView,
} from '../../shared/api/food-safety';

const MIN = 60_000;
const TZ = 'Asia/Shanghai';

export interface ReportBenchFigure {
  /** `store`: read through the food-safety store from SQLite; `synthetic`: made up on the fly, the report's own cost */
  source: 'store' | 'synthetic';
  controlPoints: number;
  days: number;
  records: number;
  csvSeconds: number;
  csvMiB: number;
  pdfSeconds: number;
  pdfPages: number;
  pdfKiB: number;
  rssMiB: number;
}

export interface BenchOptions {
  controlPoints?: number;
  days?: number;
  lang?: 'en' | 'zh-CN';
}

/** A 45-minute excursion every ten days per unit, at a different hour for each. */
const isOut = (t: number, from: number, unit: number): boolean => {
  const phase = (t - from - unit * 37 * MIN) % (10 * 1440 * MIN);
  return phase >= 0 && phase < 45 * MIN;
};
const worstCc = (t: number, out: boolean): number => (out ? 900 : 300 + ((t / MIN) % 17));

function controlPointViews(ids: readonly string[]): ControlPointView[] {
  return ids.map((cp) => ({
    id: cp,
    name: { en: `Cooler ${cp}`, 'zh-CN': `冷藏 ${cp}` },
    equipmentId: cp,
    metric: 'temp_c',
    pack: {
      id: 'gb-31654',
      title: { en: 'GB 31654', 'zh-CN': 'GB 31654' },
      authority: 'regulation',
      edition: '2021',
    },
    limit: {
      id: 'cold',
      title: { en: 'Cold holding', 'zh-CN': '冷藏' },
      bound: 'at_most',
      limitC: 5,
      clause: { ref: '4.5', title: { en: 'Temperature', 'zh-CN': '温度' }, quote: '…' },
    },
    alertDelayMin: 30,
    recordEveryMin: 1,
    excusedWhile: [],
    lastRecord: null,
    openExcursion: null,
  }));
}

const BENCH_STORE = { id: 'bench-store', name: { en: 'Bench store', 'zh-CN': '基准门店' }, timeZone: TZ };
const dayOf = (day: string) => localDayOf(Date.parse(`${day}T12:00:00+08:00`), TZ);

/**
 * The report made from the source as CSV (drained as the route streams it) and as PDF,
 * each from its own gathering, as two requests would.
 */
async function timeReport(
  source: FoodSafetyReportSource,
  range: ReportRange,
  lang: 'en' | 'zh-CN',
): Promise<Pick<ReportBenchFigure, 'csvSeconds' | 'csvMiB' | 'pdfSeconds' | 'pdfPages' | 'pdfKiB'>> {
  let started = performance.now();
  let bytes = 0;
  for (const chunk of renderReportCsv(await gatherFoodSafetyReport(source, range, range.to), lang))
    bytes += Buffer.byteLength(chunk);
  const csvSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const pdf = await renderReportPdf(await gatherFoodSafetyReport(source, range, range.to), lang);
  const pdfSeconds = (performance.now() - started) / 1000;
  return {
    csvSeconds,
    csvMiB: bytes / 2 ** 20,
    pdfSeconds,
    pdfPages: pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0,
    pdfKiB: pdf.length / 1024,
  };
}

/**
 * A month of a 20-unit store (864 000 minute records) in a real SQLite file, written
 * and read through the food-safety store, views and daily compliance as the service
 * uses them; filling the file is not timed.
 */
export async function benchReportFromStore(options: BenchOptions = {}): Promise<ReportBenchFigure> {
  const points = options.controlPoints ?? 20;
  const days = options.days ?? 30;
  const dir = mkdtempSync(join(tmpdir(), 'galley-report-bench-'));
  const db = openDatabase(dir);
  try {
    const from = localDayOf(Date.parse('2026-11-01T12:00:00+08:00'), TZ).start;
    const to = from + days * 1440 * MIN;
    const ids = Array.from({ length: points }, (_, i) => `cp-${String(i + 1).padStart(2, '0')}`);
    const store = new FoodSafetyStore(db, 'bench-store');
    db.transaction(() => {
      const limits = ids.map(
        (cp) =>
          store.appendLimit({
            control_point: cp,
            equipment_id: cp,
            metric: 'temp_c',
            pack: 'gb-31654',
            pack_edition: '2021',
            authority: 'regulation',
            limit_id: 'cold',
            clause: '4.5',
            bound: 'at_most',
            limit_cc: 500,
            alert_delay_min: 30,
            interval_min: 1,
            excused_while: '[]',
            at: from,
          }).seq,
      );
      ids.forEach((cp, i) => {
        const limitSeq = limits[i] ?? 1;
        for (let t = from; t < to; t += MIN) {
          const out = isOut(t, from, i);
          const worst = worstCc(t, out);
          store.appendInterval(
            {
              control_point: cp,
              start_ts: t,
              span_min: 1,
              status: out ? 1 : 0,
              worst_cc: worst,
              min_cc: worst - 20,
              max_cc: worst + 10,
              readings: 6,
              excused_by: null,
              limit_seq: limitSeq,
            },
            t + MIN,
          );
          if (out && !isOut(t - MIN, from, i))
            store.appendExcursion(t + 45 * MIN, (seq) => ({
              excursion_id: seq,
              amends: null,
              control_point: cp,
              equipment_id: cp,
              started_at: t,
              ended_at: t + 45 * MIN,
              minutes: 45,
              worst_cc: 900,
              limit_seq: limitSeq,
              at: t + 45 * MIN,
            }));
        }
      });
    })();
    // On the box records arrive a minute at a time and the WAL is checkpointed as it goes;
    // one huge fill would otherwise leave every read searching a WAL of it.
    db.pragma('wal_checkpoint(TRUNCATE)');

    const name = (cp: string) => ({ en: `Cooler ${cp}`, 'zh-CN': `冷藏 ${cp}` });
    const excursionOf = (id: number): ExcursionView[] => {
      const row = store.excursion(id);
      const limit = row && store.limit(row.limit_seq);
      return row && limit ? [excursionView(row, limit, name(row.control_point))] : [];
    };
    const views = controlPointViews(ids);
    const source: FoodSafetyReportSource = {
      store: () => BENCH_STORE,
      controlPoints: () => views,
      minuteLog: (cp, day) => {
        const bounds = dayOf(day);
        const rows = store.intervals(cp, bounds.start, bounds.end);
        const limitSeqs = [...new Set(rows.map((r) => r.limit_seq))];
        return {
          controlPointId: cp,
          day,
          from: bounds.start,
          to: bounds.end,
          limits: limitSeqs.flatMap((s) => {
            const row = store.limit(s);
            return row ? [limitView(row)] : [];
          }),
          records: rows.map(intervalView),
        };
      },
      compliance: (cp, day) => {
        const bounds = dayOf(day);
        const excursions = store
          .excursionsOverlapping(cp, bounds.start, bounds.end)
          .flatMap((row) => excursionOf(row.excursion_id));
        return complianceOfMinutes(
          cp,
          bounds,
          store.minutesByStatus(cp, bounds.start, bounds.end),
          excursions,
          to,
        );
      },
      excursions: (range) =>
        ids.flatMap((cp) =>
          store
            .excursionsOverlapping(cp, range.from, range.to)
            .flatMap((row) => excursionOf(row.excursion_id)),
        ),
      correctiveActions: () => [],
      chainHead: () => {
        const head = store.chain.head();
        return { seq: head.seq, hash: head.hash.toString('hex'), at: head.at };
      },
    };

    return {
      source: 'store',
      controlPoints: points,
      days,
      records: points * days * 1440,
      ...(await timeReport(source, { from, to }, options.lang ?? 'zh-CN')),
      rssMiB: process.memoryUsage().rss / 2 ** 20,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same month made up on the fly, a day at a time, with its compliance counted
 * from the same records: what the report itself costs, whatever the store costs.
 */
export function syntheticMonthSource(
  points = 20,
  days = 30,
): { source: FoodSafetyReportSource; range: ReportRange } {
  const from = localDayOf(Date.parse('2026-11-01T12:00:00+08:00'), TZ).start;
  const to = from + days * 1440 * MIN;
  const ids = Array.from({ length: points }, (_, i) => `cp-${String(i + 1).padStart(2, '0')}`);
  const views = controlPointViews(ids);
  const limits: LimitRecordView[] = ids.map((cp, i) => ({
    seq: i + 1,
    controlPointId: cp,
    equipmentId: cp,
    metric: 'temp_c',
    pack: 'gb-31654',
    packEdition: '2021',
    authority: 'regulation',
    limitId: 'cold',
    clause: '4.5',
    bound: 'at_most',
    limitC: 5,
    alertDelayMin: 30,
    recordEveryMin: 1,
    recordedAt: from,
  }));
  const excursionsOf = (cp: string, range: ReportRange): ExcursionView[] => {
    const unit = ids.indexOf(cp);
    const found: ExcursionView[] = [];
    for (let t = Math.max(from, range.from - 45 * MIN); t < range.to; t += MIN)
      if (isOut(t, from, unit) && !isOut(t - MIN, from, unit) && t + 45 * MIN > range.from)
        found.push({
          id: 1_000_000 + unit * 100 + found.length,
          controlPointId: cp,
          equipmentId: cp,
          startedAt: t,
          endedAt: t + 45 * MIN,
          minutes: 45,
          worstC: 9,
          limitSeq: unit + 1,
          bound: 'at_most',
          limitC: 5,
          alertDelayMin: 30,
          title: {
            en: `Cooler ${cp} above 5 °C for more than 30 min`,
            'zh-CN': `冷藏 ${cp} 高于 5 °C 超过 30 分钟`,
          },
        });
    return found;
  };
  const records = (
    cp: string,
    day: string,
  ): { bounds: ReturnType<typeof dayOf>; records: IntervalRecordView[] } => {
    const bounds = dayOf(day);
    const unit = ids.indexOf(cp);
    const out: IntervalRecordView[] = [];
    let seq = 100 + unit * days * 1440 + Math.round((bounds.start - from) / MIN);
    for (let t = bounds.start; t < bounds.end; t += MIN) {
      const bad = isOut(t, from, unit);
      const worst = worstCc(t, bad) / 100;
      out.push({
        seq: seq++,
        startTs: t,
        endTs: t + MIN,
        status: bad ? 'out_of_limit' : 'in_limit',
        valueC: worst,
        minC: worst - 0.2,
        maxC: worst + 0.1,
        readings: 6,
        excusedBy: null,
        limitSeq: unit + 1,
      });
    }
    return { bounds, records: out };
  };
  const source: FoodSafetyReportSource = {
    store: () => BENCH_STORE,
    controlPoints: () => views,
    minuteLog: (cp, day) => {
      const { bounds, records: rows } = records(cp, day);
      const limit = limits[ids.indexOf(cp)];
      return {
        controlPointId: cp,
        day,
        from: bounds.start,
        to: bounds.end,
        limits: limit ? [limit] : [],
        records: rows,
      };
    },
    compliance: (cp, day) => {
      const { bounds, records: rows } = records(cp, day);
      const outMin = rows.filter((r) => r.status === 'out_of_limit').length;
      const excursions = excursionsOf(cp, { from: bounds.start, to: bounds.end });
      const pct = Math.round(((rows.length - outMin) / rows.length) * 1000) / 10;
      return {
        controlPointId: cp,
        day,
        from: bounds.start,
        to: bounds.end,
        minutesInDay: 1440,
        inLimitMin: rows.length - outMin,
        excusedMin: 0,
        outOfLimitMin: outMin,
        noDataMin: 0,
        notYetMin: 0,
        compliancePct: pct,
        pass: excursions.length === 0,
        excursions,
        verdict: {
          en: excursions.length === 0 ? 'Pass' : 'Fail',
          'zh-CN': excursions.length === 0 ? '合格' : '不合格',
        },
      };
    },
    excursions: (range) => ids.flatMap((cp) => excursionsOf(cp, range)),
    correctiveActions: () => [],
    chainHead: () => ({ seq: 100 + points * days * 1440, hash: 'c0ffee'.padEnd(64, '0'), at: to }),
  };
  return { source, range: { from, to } };
}

export async function benchReportSynthetic(options: BenchOptions = {}): Promise<ReportBenchFigure> {
  const points = options.controlPoints ?? 20;
  const days = options.days ?? 30;
  const { source, range } = syntheticMonthSource(points, days);
  return {
    source: 'synthetic',
    controlPoints: points,
    days,
    records: points * days * 1440,
    ...(await timeReport(source, range, options.lang ?? 'zh-CN')),
    rssMiB: process.memoryUsage().rss / 2 ** 20,
  };
}

export function reportBenchRow(f: ReportBenchFigure): string {
  return (
    `food-safety report (${f.source}) ${f.controlPoints} control points × ${f.days} days = ${f.records} records: ` +
    `csv ${f.csvSeconds.toFixed(2)} s (${f.csvMiB.toFixed(1)} MiB), pdf ${f.pdfSeconds.toFixed(2)} s ` +
    `(${f.pdfPages} pages, ${f.pdfKiB.toFixed(0)} KiB), RSS ${f.rssMiB.toFixed(0)} MiB`
  );
}
