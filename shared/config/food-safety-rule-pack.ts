import { z } from 'zod';
import { BUILTIN_PACK_SOURCES } from '../food-safety/packs';
import { SlugId } from '../ids';
import { ClauseRef, CriticalLimit } from './food-safety-limits';
import { LocalizedText } from './localized-text';

export const Clause = z.strictObject({
  ref: ClauseRef.describe('as the source numbers it, e.g. 3-501.16(A)'),
  title: LocalizedText,
  quote: z
    .string()
    .trim()
    .min(20)
    .max(4000)
    .describe('the text of the clause, word for word as the source states it'),
});
export type Clause = z.infer<typeof Clause>;

/**
 * `regulation`: a law or code a regulator enforces; its numbers must appear in the
 * clause it quotes. `company_standard`: the chain's own rule, which says so.
 */
export const PackAuthority = z.enum(['regulation', 'company_standard']);
export type PackAuthority = z.infer<typeof PackAuthority>;

export const PackSource = z.strictObject({
  document: z.string().trim().min(1).max(200),
  edition: z.string().trim().min(1).max(60),
  issuer: z.string().trim().min(1).max(200),
  jurisdiction: z.string().trim().min(1).max(200).optional(),
  url: z.url().optional(),
});
export type PackSource = z.infer<typeof PackSource>;

const RulePackShape = z.strictObject({
  id: SlugId,
  title: LocalizedText,
  authority: PackAuthority,
  source: PackSource,
  clauses: z.array(Clause).min(1).max(200),
  limits: z.array(CriticalLimit).min(1).max(200),
});

/** Every number a limit states, with where it sits, so each can be found in the clause it cites. */
function limitFigures(limit: CriticalLimit): { clause: string; path: (string | number)[]; value: number }[] {
  const at = (clause: string, path: (string | number)[], value: number | undefined) =>
    value === undefined ? [] : [{ clause, path, value }];
  switch (limit.kind) {
    case 'holding':
      return [...at(limit.clause, ['tempC'], limit.tempC), ...at(limit.clause, ['tempF'], limit.tempF)];
    case 'cooling':
      return [
        ...at(limit.clause, ['fromC'], limit.fromC),
        ...at(limit.clause, ['fromF'], limit.fromF),
        ...limit.stages.flatMap((s, i) => [
          ...at(limit.clause, ['stages', i, 'toC'], s.toC),
          ...at(limit.clause, ['stages', i, 'toF'], s.toF),
          ...at(
            limit.clause,
            ['stages', i, 'withinMin'],
            s.withinMin % 60 === 0 ? s.withinMin / 60 : s.withinMin,
          ),
        ]),
      ];
    case 'time_control':
      return limit.options.flatMap((o, i) => [
        ...at(o.clause, ['options', i, 'maxHours'], o.maxHours),
        ...at(o.clause, ['options', i, 'startAtMostC'], o.startAtMostC),
        ...at(o.clause, ['options', i, 'startAtLeastC'], o.startAtLeastC),
        ...at(o.clause, ['options', i, 'neverAboveC'], o.neverAboveC),
      ]);
    case 'record_retention':
      return at(limit.clause, ['minMonths'], limit.minMonths);
    case 'check':
      // The reference of a calibration is the method's (ice water is 0 °C), not the clause's claim.
      return [
        ...(limit.measure.kind === 'temperature'
          ? [
              ...at(limit.clause, ['measure', 'tempC'], limit.measure.tempC),
              ...at(limit.clause, ['measure', 'tempF'], limit.measure.tempF),
            ]
          : at(limit.clause, ['measure', 'toleranceC'], limit.measure.toleranceC)),
        ...at(limit.clause, ['minTimesPerDay'], limit.minTimesPerDay),
      ];
  }
}

/** Numbers written in a text, "57°C (135°F)" → 57, 135. */
function numbersIn(text: string): Set<number> {
  return new Set([...text.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0])));
}

const agreesWithC = (c: number, f: number) => Math.abs(c * 1.8 + 32 - f) <= 1;

/**
 * A pack states its clauses, and every limit cites one of them. A regulation pack may
 * only claim what it quotes: each figure of a limit must appear in the quoted clause
 * (a quote that does not carry the number is not the source of it). °F figures must
 * agree with their °C ones.
 */
export const RulePack = RulePackShape.superRefine((pack, ctx) => {
  const clauses = new Map<string, Clause>();
  pack.clauses.forEach((clause, i) => {
    if (clauses.has(clause.ref))
      ctx.addIssue({
        code: 'custom',
        path: ['clauses', i, 'ref'],
        message: `duplicate clause "${clause.ref}"`,
      });
    clauses.set(clause.ref, clause);
  });
  const limitIds = new Set<string>();
  pack.limits.forEach((limit, i) => {
    if (limitIds.has(limit.id))
      ctx.addIssue({ code: 'custom', path: ['limits', i, 'id'], message: `duplicate limit "${limit.id}"` });
    limitIds.add(limit.id);
    const cited = [
      limit.clause,
      ...(limit.kind === 'time_control' ? limit.options.map((o) => o.clause) : []),
    ];
    for (const ref of cited)
      if (!clauses.has(ref))
        ctx.addIssue({
          code: 'custom',
          path: ['limits', i, 'clause'],
          message: `cites clause "${ref}", which the pack does not state; stated: ${[...clauses.keys()].join(', ')}`,
        });
    if (limit.kind === 'holding' && limit.tempF !== undefined && !agreesWithC(limit.tempC, limit.tempF))
      ctx.addIssue({
        code: 'custom',
        path: ['limits', i, 'tempF'],
        message: `${limit.tempF} °F is not ${limit.tempC} °C`,
      });
    if (
      limit.kind === 'check' &&
      limit.measure.kind === 'temperature' &&
      limit.measure.tempF !== undefined &&
      !agreesWithC(limit.measure.tempC, limit.measure.tempF)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['limits', i, 'measure', 'tempF'],
        message: `${limit.measure.tempF} °F is not ${limit.measure.tempC} °C`,
      });
    if (pack.authority !== 'regulation') return;
    for (const figure of limitFigures(limit)) {
      const clause = clauses.get(figure.clause);
      if (clause && !numbersIn(clause.quote).has(figure.value))
        ctx.addIssue({
          code: 'custom',
          path: ['limits', i, ...figure.path],
          message: `${figure.value} does not appear in the quoted text of ${figure.clause}: a regulation pack claims only what it quotes`,
        });
    }
  });
});
export type RulePack = z.infer<typeof RulePack>;
export type RulePackInput = z.input<typeof RulePack>;

/** The packs every box carries, validated once when first asked for. */
let builtins: readonly RulePack[] | undefined;
export function builtinPacks(): readonly RulePack[] {
  builtins ??= BUILTIN_PACK_SOURCES.map((source) => RulePack.parse(source));
  return builtins;
}
