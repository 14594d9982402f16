import type { z } from 'zod';
import { formatConfigPath } from './config-path';
import { nearestName } from './near-name';
import { isRecord, keysAt } from './schema-keys';

/** One thing wrong in a config, where a person finds it in the file and what to do. */
export interface ConfigProblem {
  path: string;
  message: string;
}

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/**
 * YAML reads `{ en: Pumps, arms, booster }` as `en: Pumps` plus the empty keys `arms`
 * and `booster`: a text cut short that no one would notice. An unknown key with no
 * value is most often that.
 */
const CUT_TEXT_HINT = '; it has no value: if it is the rest of a text cut at a comma, quote the whole text';

/**
 * Every problem of a failed parse, worded for the person editing the file: an unknown
 * key with the known key it was probably meant to be, a missing key as "missing", a
 * union (rule kinds, PM triggers, conditions) reported by the option the data was
 * meant for, and paths naming list items by their ids. Every place that loads a store
 * config reports through this, so the edge, `galley config-check` and a refused
 * central push read the same.
 */
export function configProblems(schema: z.core.$ZodType, input: unknown, error: z.ZodError): ConfigProblem[] {
  const found = error.issues.flatMap((issue) => explain(schema, input, issue, []));
  // Overlapping checks can report the same thing twice: say it once.
  const seen = new Set<string>();
  return found
    .map(({ path, message }) => ({ path: formatConfigPath(input, path), message }))
    .filter((p) => {
      const line = problemLine(p);
      if (seen.has(line)) return false;
      seen.add(line);
      return true;
    });
}

/** `path: message`, one line per problem, for logs and the command line. */
export function problemLine(problem: ConfigProblem): string {
  return `${problem.path}: ${problem.message}`;
}

interface RawProblem {
  path: PropertyKey[];
  message: string;
}

function explain(schema: z.core.$ZodType, input: unknown, issue: Issue, prefix: Path): RawProblem[] {
  const path = [...prefix, ...issue.path];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = keysAt(schema, input, path);
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: unknownKey(key, known) + (valueAt(input, [...path, key]) === null ? CUT_TEXT_HINT : ''),
      }));
    }
    case 'invalid_type':
      return [{ path, message: absence(input, path) ?? issue.message }];
    case 'invalid_value':
      return [{ path, message: notOneOf(valueAt(input, path), issue.values) }];
    case 'invalid_union':
      return explainUnion(schema, input, issue, path);
    case 'invalid_key':
      return [{ path, message: `not a valid key: ${issue.issues.map((i) => i.message).join('; ')}` }];
    default:
      return [{ path, message: issue.message }];
  }
}

function explainUnion(
  schema: z.core.$ZodType,
  input: unknown,
  issue: z.core.$ZodIssueInvalidUnion,
  path: Path,
): RawProblem[] {
  if (issue.errors.length === 0) {
    // A discriminated union found no option for the discriminator's value.
    const options = 'options' in issue ? (issue.options ?? []) : [];
    return [{ path: [...path], message: notOneOf(valueAt(input, path), options) }];
  }
  const meant = issue.errors.filter((branch) => !offBranch(branch));
  if (meant.length === 0) return [discriminatorProblem(input, issue.errors, path)];
  const cheapest = meant.reduce((best, branch) => (cost(branch) < cost(best) ? branch : best));
  return cheapest.flatMap((inner) => explain(schema, input, inner, path));
}

/** A branch whose literal field (kind, when) does not match the data was not the one meant. */
function offBranch(branch: readonly Issue[]): boolean {
  return branch.some(
    (i) =>
      i.path.length === 1 &&
      (i.code === 'invalid_value' || (i.code === 'invalid_union' && i.errors.length === 0)),
  );
}

function cost(branch: readonly Issue[]): number {
  return branch.reduce((sum, i) => sum + (i.code === 'unrecognized_keys' ? i.keys.length : 1), 0);
}

/** No option fits the discriminator: name the field most options are told apart by, with every value it takes. */
function discriminatorProblem(
  input: unknown,
  branches: readonly (readonly Issue[])[],
  path: Path,
): RawProblem {
  const values = new Map<PropertyKey, unknown[]>();
  for (const issue of branches.flat()) {
    if (issue.path.length !== 1 || issue.path[0] === undefined) continue;
    const key = issue.path[0];
    const taken =
      issue.code === 'invalid_value' ? issue.values : issue.code === 'invalid_union' ? [] : undefined;
    const options = issue.code === 'invalid_union' && 'options' in issue ? (issue.options ?? []) : [];
    if (taken) values.set(key, [...(values.get(key) ?? []), ...taken, ...options]);
  }
  const [key, allowed] = [...values.entries()].reduce<[PropertyKey | undefined, unknown[]]>(
    (best, entry) => (entry[1].length > best[1].length ? entry : best),
    [undefined, []],
  );
  if (key === undefined) return { path: [...path], message: 'matches none of the allowed forms' };
  const at = [...path, key];
  return { path: at, message: notOneOf(valueAt(input, at), [...new Set(allowed)]) };
}

function unknownKey(key: string, known: readonly string[]): string {
  const near = nearestName(key, known);
  if (near !== undefined) return `unknown key, did you mean \`${near}\`?`;
  return known.length > 0 ? `unknown key (expected one of: ${known.join(', ')})` : 'unknown key';
}

/** "missing" or "empty" when the value is not there at all, so no "received undefined". */
function absence(input: unknown, path: Path): string | undefined {
  const last = path.at(-1);
  if (last === undefined)
    return input === undefined || input === null ? 'empty: the file holds no config' : undefined;
  const parent = valueAt(input, path.slice(0, -1));
  if (!isRecord(parent)) return undefined;
  const value = parent[String(last)];
  if (value === undefined) return 'missing (required)';
  if (value === null) return 'empty (a value is required)';
  return undefined;
}

function notOneOf(value: unknown, allowed: readonly unknown[]): string {
  const list = allowed.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  if (value === undefined) return `missing (required; one of: ${list})`;
  const strings = allowed.filter((v): v is string => typeof v === 'string');
  const near = typeof value === 'string' ? nearestName(value, strings) : undefined;
  const hint = near !== undefined ? `, did you mean \`${near}\`?` : '';
  return `${JSON.stringify(value)} is not one of: ${list}${hint}`;
}

function valueAt(input: unknown, path: Path): unknown {
  let value = input;
  for (const segment of path) {
    if (!isRecord(value)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}
