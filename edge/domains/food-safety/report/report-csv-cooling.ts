import type { Locale } from '../../../../shared/localized-text';
import type { FoodSafetyReport } from './food-safety-report';
import { coolingWordsFor } from './report-cooling-text';
import { celsius, wordsFor } from './report-text';

type Cell = string | number | null;

/**
 * The cooling section of the CSV: its title, a header and one line per batch, each stage
 * in its own columns (result, target, deadline, when, °C), then the corrective action with
 * the product's disposition and who signed. Free text comes back through `typed` so a
 * note starting with = never runs as a formula.
 */
export function coolingCsvSection(
  report: FoodSafetyReport,
  lang: Locale,
  at: (ms: number | null) => string | null,
  typed: (text: string | null) => string | null,
): Cell[][] {
  const w = wordsFor(lang);
  const c = coolingWordsFor(lang);
  const stageCount = Math.max(2, ...report.cooling.map(({ batch }) => batch.stages.length));
  const stageHeader = (n: number): Cell[] => [
    `${c.stage(n)} ${w.result}`,
    `${c.stage(n)} ${w.limit}`,
    `${c.stage(n)} ${c.deadline}`,
    `${c.stage(n)} ${c.when}`,
    `${c.stage(n)} °C`,
  ];
  const header: Cell[] = [
    `${c.batch} id`,
    c.product,
    c.quantity,
    c.probe,
    c.started,
    c.t0,
    c.state,
    ...Array.from({ length: stageCount }, (_, i) => stageHeader(i + 1)).flat(),
    `${w.action} id`,
    w.state,
    w.whatDone,
    w.disposition,
    w.quantity,
    w.movedTo,
    w.signedBy,
    w.signedAt,
    c.recordedBy,
    w.note,
    c.clause,
    w.recordSeq,
  ];
  const rows: Cell[][] = [[c.cooling], header];
  for (const { batch: b, action: a } of report.cooling) {
    const stages = Array.from({ length: stageCount }, (_, i): Cell[] => {
      const s = b.stages[i];
      if (!s) return [null, null, null, null, null];
      return [
        c.resultOf[s.result],
        c.stageTarget(celsius(s.toC), s.withinMin),
        at(s.deadline),
        at(s.at),
        celsius(s.valueC),
      ];
    }).flat();
    const signed = a?.state === 'signed_off';
    rows.push([
      b.id,
      typed(b.product),
      b.quantity === null ? null : `${b.quantity.amount} ${w.unitOf[b.quantity.unit]}`,
      `${b.equipmentId} · ${b.metric}`,
      at(b.startedAt),
      b.t0 === null ? c.notYetHot : at(b.t0),
      c.stateOf[b.state],
      ...stages,
      a?.id ?? null,
      a ? w.stateOf[a.state] : null,
      typed(a?.whatDone ?? null),
      a?.disposition
        ? w.dispositionOf[a.disposition]
        : b.state === 'discarded'
          ? w.dispositionOf.discarded
          : null,
      a?.quantity ? `${a.quantity.amount} ${w.unitOf[a.quantity.unit]}` : null,
      typed(a?.movedTo ?? null),
      signed ? typed(report.signer(a.by)) : null,
      signed ? at(a.at) : null,
      b.by === 'system' ? w.system : typed(report.signer(b.by)),
      typed([b.note, a?.note].filter((n): n is string => !!n).join(' · ') || null),
      `${b.pack} ${b.clause}`,
      b.seq,
    ]);
  }
  return rows;
}
