import type { ChartSeries } from './chart-series';
import type { LocalTime } from './local-time';
import type { ReportWords } from './report-text';
import { celsius } from './report-text';

/** The few pdfkit drawing calls the chart uses, so it can be drawn on any document. */
type Doc = PDFKit.PDFDocument;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const CHART_COLORS = {
  axis: '#555555',
  grid: '#dddddd',
  band: '#9ecae1',
  worst: '#08519c',
  limit: '#cb181d',
  excursion: '#fcbba1',
  text: '#333333',
};

const STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100];
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A tick step that gives about `count` ticks over the span. */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  return STEPS.find((s) => s >= raw) ?? 100;
}

/**
 * Draws the series in the box with pdfkit's vector calls: excursions shaded first
 * (at least a hairline wide, so none vanishes at a month's scale), the min–max band,
 * the worst-reading line, then the limit as a dashed step line on top.
 */
export function drawChart(
  doc: Doc,
  series: ChartSeries,
  box: Box,
  words: ReportWords,
  time: LocalTime,
): void {
  const axisW = 34;
  const axisH = 14;
  const plot = {
    x: box.x + axisW,
    y: box.y + 4,
    width: box.width - axisW - 4,
    height: box.height - axisH - 18,
  };
  const values: number[] = series.limitSteps.map((s) => s.limit.limitC);
  for (const b of series.buckets) if (b) values.push(b.minC, b.maxC);
  let lo = values.length > 0 ? Math.min(...values) : 0;
  let hi = values.length > 0 ? Math.max(...values) : 10;
  if (hi - lo < 2) {
    lo -= 1;
    hi += 1;
  }
  const step = niceStep(hi - lo, 5);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const { from, to } = series.range;
  const xOf = (ts: number) => plot.x + ((ts - from) / (to - from)) * plot.width;
  const yOf = (c: number) => plot.y + plot.height - ((c - lo) / (hi - lo)) * plot.height;
  const colW = plot.width / series.columns;
  const xOfColumn = (c: number) => plot.x + (c + 0.5) * colW;

  doc.save();
  doc.lineWidth(0.5).strokeColor(CHART_COLORS.grid).fontSize(6.5).fillColor(CHART_COLORS.text);
  for (let v = lo; v <= hi + step / 2; v += step) {
    const y = yOf(v);
    doc
      .moveTo(plot.x, y)
      .lineTo(plot.x + plot.width, y)
      .stroke();
    doc.text(celsius(Math.round(v * 100) / 100), box.x, y - 4, {
      width: axisW - 4,
      align: 'right',
      lineBreak: false,
    });
  }
  for (const tick of timeTicks(from, to, time)) {
    const x = xOf(tick.at);
    doc
      .moveTo(x, plot.y)
      .lineTo(x, plot.y + plot.height)
      .stroke();
    doc.text(tick.label, x - 20, plot.y + plot.height + 3, { width: 40, align: 'center', lineBreak: false });
  }

  doc.fillColor(CHART_COLORS.excursion);
  for (const e of series.excursions) {
    const x = xOf(e.from);
    doc.rect(x, plot.y, Math.max(xOf(e.to) - x, 1), plot.height).fill();
  }

  // The band and the line break where a column has no record, rather than bridge a gap.
  doc.fillColor(CHART_COLORS.band);
  for (const run of runs(series)) {
    const top = run.map((c) => [xOfColumn(c), yOf(series.buckets[c]?.maxC ?? lo)] as [number, number]);
    const bottom = run
      .map((c) => [xOfColumn(c), yOf(series.buckets[c]?.minC ?? lo)] as [number, number])
      .reverse();
    const first = top[0];
    if (!first) continue;
    if (run.length === 1)
      doc
        .rect(first[0] - colW / 2, first[1], colW, Math.max(0.5, (bottom[0]?.[1] ?? first[1]) - first[1]))
        .fill();
    else doc.polygon(...top, ...bottom).fill();
  }
  doc.lineWidth(0.8).strokeColor(CHART_COLORS.worst);
  for (const run of runs(series)) {
    const [head, ...rest] = run;
    if (head === undefined) continue;
    doc.moveTo(xOfColumn(head), yOf(series.buckets[head]?.worstC ?? lo));
    if (rest.length === 0) doc.lineTo(xOfColumn(head) + 0.5, yOf(series.buckets[head]?.worstC ?? lo));
    for (const c of rest) doc.lineTo(xOfColumn(c), yOf(series.buckets[c]?.worstC ?? lo));
    doc.stroke();
  }
  doc.lineWidth(1).strokeColor(CHART_COLORS.limit).dash(4, { space: 2 });
  for (const s of series.limitSteps) {
    const y = yOf(s.limit.limitC);
    doc.moveTo(xOf(s.from), y).lineTo(xOf(s.to), y).stroke();
  }
  doc.undash();
  doc.lineWidth(0.7).strokeColor(CHART_COLORS.axis).rect(plot.x, plot.y, plot.width, plot.height).stroke();
  drawLegend(doc, { x: plot.x, y: box.y + box.height - 9 }, words);
  doc.restore();
}

function drawLegend(doc: Doc, at: { x: number; y: number }, w: ReportWords): void {
  let x = at.x;
  const y = at.y;
  doc.fontSize(6.5);
  const label = (text: string) => {
    doc.fillColor(CHART_COLORS.text).text(text, x, y - 1, { lineBreak: false });
    x += doc.widthOfString(text) + 12;
  };
  doc
    .lineWidth(1.2)
    .strokeColor(CHART_COLORS.worst)
    .moveTo(x, y + 3)
    .lineTo(x + 14, y + 3)
    .stroke();
  x += 18;
  label(w.chartLegendWorst);
  doc.fillColor(CHART_COLORS.band).rect(x, y, 14, 6).fill();
  x += 18;
  label(w.chartLegendRange);
  doc
    .lineWidth(1)
    .strokeColor(CHART_COLORS.limit)
    .dash(4, { space: 2 })
    .moveTo(x, y + 3)
    .lineTo(x + 14, y + 3)
    .stroke();
  doc.undash();
  x += 18;
  label(w.chartLegendLimit);
  doc.fillColor(CHART_COLORS.excursion).rect(x, y, 14, 6).fill();
  x += 18;
  label(w.chartLegendExcursion);
}

/** Runs of consecutive columns that hold a record. */
function* runs(series: ChartSeries): Generator<number[]> {
  let run: number[] = [];
  for (let c = 0; c < series.columns; c++) {
    if (series.buckets[c]) run.push(c);
    else if (run.length > 0) {
      yield run;
      run = [];
    }
  }
  if (run.length > 0) yield run;
}

/** Local midnights (or hours on a short range), about eight of them, labelled for people. */
export function timeTicks(from: number, to: number, time: LocalTime): { at: number; label: string }[] {
  const span = to - from;
  const ticks: { at: number; label: string }[] = [];
  if (span <= 2 * DAY) {
    const every = span <= 12 * HOUR ? HOUR : span <= DAY ? 3 * HOUR : 6 * HOUR;
    // Local hours: step along UTC hours and keep those whose local hour is a multiple of the step.
    for (let t = Math.ceil(from / HOUR) * HOUR; t < to; t += HOUR) {
      const local = t + time.offsetAt(t);
      if (Math.floor(local / HOUR) % (every / HOUR) === 0) ticks.push({ at: t, label: time.clock(t) });
    }
    return ticks;
  }
  const days = span / DAY;
  const every = days <= 10 ? 1 : days <= 20 ? 2 : days <= 45 ? 5 : days <= 100 ? 10 : 30;
  let n = 0;
  for (let t = Math.ceil(from / HOUR) * HOUR; t < to; t += HOUR) {
    const local = t + time.offsetAt(t);
    if (local % DAY !== 0) continue;
    if (n++ % every === 0) ticks.push({ at: t, label: time.day(t).slice(5) });
  }
  return ticks;
}
