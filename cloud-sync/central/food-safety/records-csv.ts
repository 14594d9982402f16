import type { z } from 'zod';
import type { CoolingBatchView } from '../../../shared/api/food-safety';
import { FoodSafetyDayPayload, type StoreFoodSafetyDetail } from '../../../shared/central/food-safety-api';
import type { Locale } from '../../../shared/localized-text';
import type { CentralDb } from '../db/central-db';
import { recordsWordsFor } from './records-csv-words';
import { storeFoodSafetyDetail } from './store-food-safety';

type Cell = string | number | null;
const CRLF = '\r\n';
const MIN = 60_000;

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function field(cell: Cell): string {
  if (cell === null) return '';
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Text people typed at the store: one starting with = + - @ would run as a formula in a spreadsheet. */
function typed(text: string | null): string | null {
  return text !== null && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const line = (cells: readonly Cell[]): string => `${cells.map(field).join(',')}${CRLF}`;

/** What central holds of one store for a range: the detail the page shows, and the closed days. */
export interface StoreRecords {
  detail: StoreFoodSafetyDetail;
  days: FoodSafetyDayPayload[];
  from: number;
  to: number;
  generatedAt: number;
}

function parsed<T>(schema: z.ZodType<T>, rows: readonly { view: string }[]): T[] {
  return rows.flatMap((row) => {
    const result = schema.safeParse(JSON.parse(row.view));
    return result.success ? [result.data] : [];
  });
}

/** The store's records at central for [from, to); undefined for a store central does not know. */
export async function storeRecords(
  db: CentralDb,
  storeId: string,
  from: number,
  to: number,
  now: number,
): Promise<StoreRecords | undefined> {
  const detail = await storeFoodSafetyDetail(db, storeId, from, to, now);
  if (!detail) return undefined;
  const rows = await db
    .selectFrom('food_safety_days')
    .where('store_id', '=', storeId)
    .where('day_start', '>=', from)
    .where('day_start', '<', to)
    .select('view')
    .orderBy('control_point_id')
    .orderBy('day_start')
    .execute();
  return { detail, days: parsed(FoodSafetyDayPayload, rows), from, to, generatedAt: now };
}

/**
 * Central does not keep the store's zone, but every closed day says where its local
 * midnight fell: the newest one gives the offset the times are printed in (UTC without one).
 */
export function storeOffsetMs(days: readonly FoodSafetyDayPayload[]): number {
  const newest = days.reduce<FoodSafetyDayPayload | undefined>(
    (best, d) => (best === undefined || d.from > best.from ? d : best),
    undefined,
  );
  if (!newest) return 0;
  const [y = 1970, m = 1, d = 1] = newest.day.split('-').map(Number);
  return Date.UTC(y, m - 1, d) - newest.from;
}

function offsetLabel(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.abs(Math.round(offsetMs / MIN));
  return `UTC${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const celsius = (value: number | null): string =>
  value === null ? '' : String(Math.round(value * 100) / 100);

/**
 * The CSV a regional manager downloads for one store when the store's own report cannot
 * be fetched: UTF-8 with a byte-order mark (Excel reads Chinese right only with it), one
 * section per table (title line, header line, rows, blank line) in `lang`.
 */
export function renderRecordsCsv(records: StoreRecords, lang: Locale): string {
  const w = recordsWordsFor(lang);
  const { detail, days } = records;
  const offset = storeOffsetMs(days);
  const at = (ms: number | null): string | null =>
    ms === null ? null : new Date(ms + offset).toISOString().slice(0, 16).replace('T', ' ');
  const s = detail.store;
  let out = '\uFEFF';
  out += line([w.title]);
  out += line([w.notice]);
  out += line([w.store, s.storeName, s.storeId]);
  out += line([w.region, s.regionName, s.regionId]);
  out += line([w.range, at(records.from), at(records.to)]);
  out += line([w.times(offsetLabel(offset))]);
  out += line([w.generatedAt, at(records.generatedAt)]);
  out += line([w.chainHead, s.chain.headSeq ?? w.noChainHead, at(s.chain.headAt), s.chain.status]);
  out += CRLF;

  out += line([w.days]);
  out += line([
    w.controlPoint,
    'id',
    w.equipment,
    w.day,
    w.minutesInDay,
    w.inLimitMin,
    w.excusedMin,
    w.outOfLimitMin,
    w.noDataMin,
    w.compliancePct,
    w.result,
    w.excursionCount,
    w.missedChecks,
  ]);
  for (const d of days)
    out += line([
      d.name[lang],
      d.controlPointId,
      d.equipmentId,
      d.day,
      d.minutesInDay,
      d.inLimitMin,
      d.excusedMin,
      d.outOfLimitMin,
      d.noDataMin,
      d.compliancePct.toFixed(1),
      d.pass ? w.pass : w.fail,
      d.excursions,
      d.missedChecks,
    ]);
  out += CRLF;

  out += line([w.excursions]);
  out += line([
    `${w.excursion} id`,
    w.controlPoint,
    w.equipment,
    w.started,
    w.ended,
    w.minutes,
    w.worst,
    w.limit,
    w.excursion,
  ]);
  for (const e of [...detail.excursions].sort((a, b) => a.startedAt - b.startedAt || a.id - b.id))
    out += line([
      e.id,
      e.controlPointId,
      e.equipmentId,
      at(e.startedAt),
      e.endedAt === null ? w.stillOpen : at(e.endedAt),
      e.minutes,
      celsius(e.worstC),
      `${e.bound === 'at_most' ? '≤' : '≥'} ${celsius(e.limitC)} °C`,
      e.title[lang],
    ]);
  out += CRLF;

  out += line([w.actions]);
  out += line([
    `${w.action} id`,
    `${w.excursion} / ${w.batch} id`,
    w.controlPoint,
    w.state,
    w.opened,
    w.due,
    w.whatDone,
    w.disposition,
    w.quantity,
    w.movedTo,
    w.note,
    w.signedBy,
    w.signedAt,
  ]);
  for (const a of [...detail.correctiveActions].sort((x, y) => x.openedAt - y.openedAt || x.id - y.id)) {
    const signed = a.state === 'signed_off';
    out += line([
      a.id,
      a.coolingBatchId ?? a.excursionId,
      a.controlPointId,
      w.stateOf[a.state],
      at(a.openedAt),
      at(a.dueAt),
      typed(a.whatDone),
      a.disposition === null ? null : w.dispositionOf[a.disposition],
      a.quantity === null ? null : `${a.quantity.amount} ${w.unitOf[a.quantity.unit]}`,
      typed(a.movedTo),
      typed(a.note),
      signed ? typed(a.by) : null,
      signed ? at(a.at) : null,
    ]);
  }
  out += CRLF;

  out += coolingLines(detail.cooling, w, at);
  return out;
}

function coolingLines(
  batches: readonly CoolingBatchView[],
  w: ReturnType<typeof recordsWordsFor>,
  at: (ms: number | null) => string | null,
): string {
  const stages = Math.max(2, ...batches.map((b) => b.stages.length));
  let out = line([w.cooling]);
  out += line([
    `${w.batch} id`,
    w.product,
    w.quantity,
    w.probe,
    w.started,
    w.t0,
    w.state,
    ...Array.from({ length: stages }, (_, i) => [
      `${w.stage(i + 1)} ${w.result}`,
      `${w.stage(i + 1)} ${w.limit}`,
      `${w.stage(i + 1)} ${w.deadline}`,
      `${w.stage(i + 1)} ${w.when}`,
      `${w.stage(i + 1)} °C`,
    ]).flat(),
    `${w.action} id`,
  ]);
  for (const b of [...batches].sort((x, y) => x.startedAt - y.startedAt || x.id - y.id))
    out += line([
      b.id,
      typed(b.product),
      b.quantity === null ? null : `${b.quantity.amount} ${w.unitOf[b.quantity.unit]}`,
      `${b.equipmentId} · ${b.metric}`,
      at(b.startedAt),
      at(b.t0),
      w.coolingStateOf[b.state],
      ...Array.from({ length: stages }, (_, i): Cell[] => {
        const s = b.stages[i];
        return s
          ? [
              w.stageOf[s.result],
              `≤ ${celsius(s.toC)} °C / ${s.withinMin} min`,
              at(s.deadline),
              at(s.at),
              celsius(s.valueC),
            ]
          : [null, null, null, null, null];
      }).flat(),
      b.actionId,
    ]);
  return `${out}${CRLF}`;
}
