import { z } from 'zod';
import { BUILTIN_PACK_SOURCES } from '../food-safety/packs';
import { MetricName, SlugId } from '../ids';
import { CheckLimitFields } from './food-safety-check-limit';
import { crossCheckManualChecks, ManualCheck } from './food-safety-checks';
import { crossCheckTimeControl, TimeControlSettings } from './food-safety-time-control';
import { LocalizedText } from './localized-text';
import { Suppression } from './rules';

/**
 * Food safety (HACCP): rule packs name critical limits with the clause each comes
 * from; control points put a piece of equipment under one limit. Packs are data: the
 * built-in ones live in shared/food-safety/packs/, a store adds its own under
 * `foodSafety.packs`, and every pack is checked by the same schema.
 */

/** Temperatures a probe in a kitchen can physically report, °C. */
const MIN_TEMP_C = -60;
const MAX_TEMP_C = 150;
const TempC = z.number().min(MIN_TEMP_C).max(MAX_TEMP_C);
const TempF = z
  .number()
  .min(MIN_TEMP_C * 1.8 + 32)
  .max(MAX_TEMP_C * 1.8 + 32);

export const ClauseRef = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 .()§\-/]*$/, 'a clause number such as 3-501.16(A)');

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

const LimitBase = {
  id: SlugId,
  title: LocalizedText,
  clause: ClauseRef.describe('the `ref` of the pack clause this limit comes from'),
};

/** Where a holding temperature must stay: `at_most` for cold, `at_least` for hot. */
export const Bound = z.enum(['at_most', 'at_least']);
export type Bound = z.infer<typeof Bound>;

export const HoldingLimit = z.strictObject({
  ...LimitBase,
  kind: z.literal('holding'),
  bound: Bound,
  tempC: TempC,
  tempF: TempF.optional().describe('the °F figure when the clause states one; must agree with tempC'),
  defaultAlertDelayMin: z
    .number()
    .int()
    .min(0)
    .max(240)
    .default(30)
    .describe('how long out of limit before it is an excursion, unless the control point says'),
});
export type HoldingLimit = z.infer<typeof HoldingLimit>;

const CoolingStage = z.strictObject({
  toC: TempC,
  toF: TempF.optional(),
  withinMin: z.number().int().min(1).max(1440).describe('minutes from the start of cooling'),
});

export const CoolingLimit = z.strictObject({
  ...LimitBase,
  kind: z.literal('cooling'),
  fromC: TempC,
  fromF: TempF.optional(),
  stages: z.array(CoolingStage).min(1).max(4),
});
export type CoolingLimit = z.infer<typeof CoolingLimit>;

const TimeControlOption = z.strictObject({
  id: SlugId,
  clause: ClauseRef,
  maxHours: z.number().min(0.5).max(24),
  startAtMostC: TempC.optional().describe('cold food leaves temperature control at or below this'),
  startAtLeastC: TempC.optional().describe('hot food leaves temperature control at or above this'),
  neverAboveC: TempC.optional().describe('the food may not exceed this during the hours'),
});

export const TimeControlLimit = z.strictObject({
  ...LimitBase,
  kind: z.literal('time_control'),
  options: z.array(TimeControlOption).min(1).max(4),
});
export type TimeControlLimit = z.infer<typeof TimeControlLimit>;

export const RetentionLimit = z.strictObject({
  ...LimitBase,
  kind: z.literal('record_retention'),
  records: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('which records, e.g. cook-chill cooling and cold holding'),
  minMonths: z.number().int().min(1).max(120),
});
export type RetentionLimit = z.infer<typeof RetentionLimit>;

export const CheckLimit = z.strictObject({ ...LimitBase, ...CheckLimitFields });
export type CheckLimit = z.infer<typeof CheckLimit>;

export const CriticalLimit = z.discriminatedUnion('kind', [
  HoldingLimit,
  CoolingLimit,
  TimeControlLimit,
  RetentionLimit,
  CheckLimit,
]);
export type CriticalLimit = z.infer<typeof CriticalLimit>;

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

/**
 * Which unit is under which limit. `equipment` names one unit (its id is the control
 * point's); `types` puts every unit of those types under it, each its own control point
 * `<equipment id>-<id>`, so a store's coolers are covered as they come and go. A type the
 * store does not have covers nothing (a config cut down to some types stays valid); the
 * control points in force are listed at `GET /api/food-safety/control-points`.
 */
export const ControlPoint = z
  .strictObject({
    id: SlugId.max(40),
    name: LocalizedText.optional().describe("omitted: the equipment's name"),
    equipment: SlugId.optional().describe('one unit'),
    types: z.array(SlugId).min(1).optional().describe('every unit of these equipment types'),
    metric: MetricName.default('temp_c').describe('a °C metric of the equipment type'),
    pack: SlugId.describe('a built-in pack id or one of `foodSafety.packs`'),
    limit: SlugId.describe('a holding limit of that pack'),
    alertDelayMin: z
      .number()
      .int()
      .min(0)
      .max(240)
      .optional()
      .describe(
        "out of limit longer than this is an excursion; omitted: the limit's default (30 for cold holding)",
      ),
    recordEveryMin: z
      .number()
      .int()
      .min(1)
      .max(60)
      .default(1)
      .refine((n) => 60 % n === 0, 'a divisor of 60, so records line up with the hour')
      .describe('the recording interval: one log record per this many minutes'),
    suppress: Suppression.optional().describe(
      'when out of limit is excused (defrost, door open); omitted: as the equipment’s food alarm rule on the metric',
    ),
  })
  .refine((cp) => (cp.equipment === undefined) !== (cp.types === undefined), {
    message: 'give either `equipment` (one unit) or `types` (every unit of them), not both',
    path: ['equipment'],
  });
export type ControlPoint = z.infer<typeof ControlPoint>;

/** The control points a config's entries stand for: one per unit, with the entry it came from. */
export function expandControlPoints<E extends { id: string; type: string }>(
  entries: readonly ControlPoint[],
  equipment: readonly E[],
): { id: string; entry: ControlPoint; unit: E }[] {
  return entries.flatMap((entry) =>
    entry.equipment !== undefined
      ? equipment.filter((e) => e.id === entry.equipment).map((unit) => ({ id: entry.id, entry, unit }))
      : equipment
          .filter((e) => entry.types?.includes(e.type))
          .map((unit) => ({ id: `${unit.id}-${entry.id}`, entry, unit })),
  );
}

export const CorrectiveActionSettings = z
  .strictObject({
    dueAfterMin: z
      .number()
      .int()
      .min(1)
      .max(1440)
      .default(30)
      .describe('an open action is due this long after it opens'),
    escalateToCentralAfterMin: z
      .number()
      .int()
      .min(1)
      .max(10080)
      .default(30)
      .describe('an overdue action goes to the manager at once, and to central this long after it fell due'),
  })
  .default({ dueAfterMin: 30, escalateToCentralAfterMin: 30 });
export type CorrectiveActionSettings = z.infer<typeof CorrectiveActionSettings>;

/**
 * Cooling of cooked food against a cooling limit of a pack (the FDA's 3-501.14: 57 → 21 °C
 * within 2 h, → 5 °C within 6 h in total), measured by a probe in the food. `probes` names
 * the units whose °C metric may be put in a batch, one unit or every unit of some types
 * (as control points do, so a config cut down to some equipment stays valid); a cook
 * starts a batch on one of them.
 */
export const CoolingProbe = z
  .strictObject({
    equipment: SlugId.optional().describe('one unit'),
    types: z.array(SlugId).min(1).optional().describe('every unit of these equipment types'),
    metric: MetricName.default('temp_c').describe('a °C metric of the equipment type, read as the food core'),
  })
  .refine((p) => (p.equipment === undefined) !== (p.types === undefined), {
    message: 'give either `equipment` (one unit) or `types` (every unit of them), not both',
    path: ['equipment'],
  });
export type CoolingProbe = z.infer<typeof CoolingProbe>;

export const CoolingSettings = z.strictObject({
  pack: SlugId.describe('a built-in pack id or one of `foodSafety.packs`'),
  limit: SlugId.describe('a cooling limit of that pack'),
  probes: z.array(CoolingProbe).min(1).max(50),
  warnWindowMin: z
    .number()
    .int()
    .min(2)
    .max(60)
    .default(15)
    .describe('the projection fits a line to this many minutes of the newest readings'),
});
export type CoolingSettings = z.infer<typeof CoolingSettings>;

/** The units a cooling section makes probes of, each once, with its metric. */
export function expandCoolingProbes(
  probes: readonly CoolingProbe[],
  equipment: readonly { id: string; type: string }[],
): { equipment: string; metric: string }[] {
  const found = new Map<string, string>();
  for (const probe of probes)
    for (const unit of equipment)
      if ((probe.equipment === unit.id || probe.types?.includes(unit.type)) && !found.has(unit.id))
        found.set(unit.id, probe.metric);
  return [...found].map(([id, metric]) => ({ equipment: id, metric }));
}

/** Two years is the floor: records are evidence for inspections long after the day. */
export const MIN_RETENTION_DAYS = 730;

export const FoodSafetySettings = z
  .strictObject({
    packs: z
      .array(RulePack)
      .default([])
      .describe("the store's own packs (company standard, local regulation)"),
    controlPoints: z.array(ControlPoint).default([]),
    correctiveActions: CorrectiveActionSettings,
    cooling: CoolingSettings.optional().describe('omitted: no cooling logs'),
    checks: z.array(ManualCheck).default([]).describe('checks done by hand at set times of day'),
    timeControl: TimeControlSettings.optional().describe(
      'omitted: no batches held under time as the control',
    ),
    retentionDays: z.number().int().min(MIN_RETENTION_DAYS).max(3650).default(MIN_RETENTION_DAYS),
  })
  .default({
    packs: [],
    controlPoints: [],
    correctiveActions: { dueAfterMin: 30, escalateToCentralAfterMin: 30 },
    checks: [],
    retentionDays: MIN_RETENTION_DAYS,
  });
export type FoodSafetySettings = z.infer<typeof FoodSafetySettings>;

type Path = (string | number)[];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Control points name real equipment (or types), a °C metric of its type, and a holding
 * limit of a known pack; the control points they make are unique and store packs do not
 * shadow built-in ones. Runs on the raw parse, so every access is guarded.
 */
export function crossCheckFoodSafety(
  foodSafety: unknown,
  config: { equipment: readonly { id?: unknown; type?: unknown }[]; equipmentTypes: Record<string, unknown> },
  ctx: z.RefinementCtx,
): void {
  if (!isObject(foodSafety)) return;
  const issue = (path: Path, message: string) =>
    ctx.addIssue({ code: 'custom', path: ['foodSafety', ...path], message });
  const packs = new Map<string, unknown[]>();
  for (const pack of builtinPacks()) packs.set(pack.id, pack.limits);
  const storePacks = Array.isArray(foodSafety.packs) ? foodSafety.packs.filter(isObject) : [];
  storePacks.forEach((pack, i) => {
    if (typeof pack.id !== 'string') return;
    if (packs.has(pack.id))
      issue(['packs', i, 'id'], `pack "${pack.id}" is already defined (built-in or above)`);
    else packs.set(pack.id, Array.isArray(pack.limits) ? pack.limits : []);
  });
  const seen = new Map<string, Path>();
  const points = Array.isArray(foodSafety.controlPoints) ? foodSafety.controlPoints.filter(isObject) : [];
  points.forEach((cp, i) => {
    const metric = typeof cp.metric === 'string' ? cp.metric : 'temp_c';
    const named = typeof cp.equipment === 'string' ? cp.equipment : undefined;
    const types = Array.isArray(cp.types) ? cp.types.filter((t): t is string => typeof t === 'string') : [];
    const units = named
      ? config.equipment.filter((e) => e.id === named)
      : config.equipment.filter((e) => typeof e.type === 'string' && types.includes(e.type));
    if (named && units.length === 0) issue(['controlPoints', i, 'equipment'], `unknown equipment "${named}"`);
    for (const unit of units) {
      const id = named ? String(cp.id) : `${String(unit.id)}-${String(cp.id)}`;
      const clash = seen.get(id);
      if (clash)
        issue(['controlPoints', i, 'id'], `control point "${id}" is also made by ${clash.join('.')}`);
      seen.set(id, ['controlPoints', i]);
    }
    const checkedTypes = named ? units.map((u) => u.type) : types;
    for (const type of new Set(checkedTypes)) {
      const profile = typeof type === 'string' ? config.equipmentTypes[type] : undefined;
      if (!isObject(profile) || !isObject(profile.metrics)) continue;
      const m = profile.metrics[metric];
      if (!isObject(m))
        issue(['controlPoints', i, 'metric'], `"${metric}" is not a metric of ${String(type)}`);
      else if (m.kind === 'boolean' || m.unit !== '°C')
        issue(['controlPoints', i, 'metric'], `"${metric}" of ${String(type)} is not a temperature in °C`);
    }
    if (typeof cp.pack !== 'string') return;
    const limits = packs.get(cp.pack);
    if (!limits) {
      issue(
        ['controlPoints', i, 'pack'],
        `unknown pack "${cp.pack}"; known: ${[...packs.keys()].join(', ')}`,
      );
      return;
    }
    const limit = limits.filter(isObject).find((l) => l.id === cp.limit);
    if (typeof cp.limit === 'string' && !limit)
      issue(['controlPoints', i, 'limit'], `pack "${cp.pack}" has no limit "${cp.limit}"`);
    else if (limit && limit.kind !== 'holding')
      issue(
        ['controlPoints', i, 'limit'],
        `"${cp.limit}" is a ${String(limit.kind)} limit; equipment is held under a holding limit`,
      );
  });
  crossCheckCooling(foodSafety.cooling, packs, config, issue);
  crossCheckManualChecks(foodSafety.checks, packs, config, issue);
  crossCheckTimeControl(foodSafety.timeControl, packs, issue);
}

/** Cooling names a cooling limit of a known pack, and probes that are °C metrics of real units. */
function crossCheckCooling(
  cooling: unknown,
  packs: Map<string, unknown[]>,
  config: { equipment: readonly { id?: unknown; type?: unknown }[]; equipmentTypes: Record<string, unknown> },
  issue: (path: Path, message: string) => void,
): void {
  if (!isObject(cooling)) return;
  if (typeof cooling.pack === 'string') {
    const limits = packs.get(cooling.pack);
    const limit = limits?.filter(isObject).find((l) => l.id === cooling.limit);
    if (!limits)
      issue(['cooling', 'pack'], `unknown pack "${cooling.pack}"; known: ${[...packs.keys()].join(', ')}`);
    else if (typeof cooling.limit === 'string' && !limit)
      issue(['cooling', 'limit'], `pack "${cooling.pack}" has no limit "${cooling.limit}"`);
    else if (limit && limit.kind !== 'cooling')
      issue(
        ['cooling', 'limit'],
        `"${String(cooling.limit)}" is a ${String(limit.kind)} limit, not a cooling one`,
      );
  }
  const probes = Array.isArray(cooling.probes) ? cooling.probes : [];
  probes.forEach((probe, i) => {
    if (!isObject(probe)) return;
    const named = typeof probe.equipment === 'string' ? probe.equipment : undefined;
    const types = Array.isArray(probe.types)
      ? probe.types.filter((t): t is string => typeof t === 'string')
      : [];
    const units = named
      ? config.equipment.filter((e) => e.id === named)
      : config.equipment.filter((e) => typeof e.type === 'string' && types.includes(e.type));
    if (named && units.length === 0)
      issue(['cooling', 'probes', i, 'equipment'], `unknown equipment "${named}"`);
    const metric = typeof probe.metric === 'string' ? probe.metric : 'temp_c';
    for (const type of new Set(named ? units.map((u) => u.type) : types)) {
      const profile = typeof type === 'string' ? config.equipmentTypes[type] : undefined;
      if (!isObject(profile) || !isObject(profile.metrics)) continue;
      const m = profile.metrics[metric];
      if (!isObject(m))
        issue(['cooling', 'probes', i, 'metric'], `"${metric}" is not a metric of ${String(type)}`);
      else if (m.kind === 'boolean' || m.unit !== '°C')
        issue(
          ['cooling', 'probes', i, 'metric'],
          `"${metric}" of ${String(type)} is not a temperature in °C`,
        );
    }
  });
}
