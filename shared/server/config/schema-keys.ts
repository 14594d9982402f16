import { z } from 'zod';

type Schema = z.core.$ZodType;

/**
 * The keys the schema allows in the object at `path` of `input`, for "did you mean"
 * hints. Walks the schema beside the data so that a union (a rule's `kind`, a PM
 * trigger's `kind`) contributes only the options whose literal fields the data matches.
 */
export function keysAt(schema: Schema, input: unknown, path: readonly PropertyKey[]): string[] {
  let schemas = [schema];
  let value = input;
  for (const segment of path) {
    const here = value;
    schemas = schemas.flatMap((s) => shapesOf(s, here)).flatMap((s) => childOf(s, segment));
    value = isRecord(here) ? here[String(segment)] : undefined;
  }
  const there = value;
  const keys = schemas
    .flatMap((s) => shapesOf(s, there))
    .flatMap((s) => (s instanceof z.core.$ZodObject ? Object.keys(s._zod.def.shape) : []));
  return [...new Set(keys)];
}

/** The structural schemas (object, array, record, tuple) a schema stands for at this value. */
function shapesOf(schema: Schema, value: unknown): Schema[] {
  const inner = unwrapped(schema);
  if (inner) return shapesOf(inner, value);
  if (schema instanceof z.core.$ZodUnion) {
    const options = schema._zod.def.options.flatMap((o) => shapesOf(o, value));
    const fitting = options.filter((o) => literalsFit(o, value));
    return closest(fitting.length > 0 ? fitting : options, value);
  }
  if (schema instanceof z.core.$ZodIntersection) {
    return [...shapesOf(schema._zod.def.left, value), ...shapesOf(schema._zod.def.right, value)];
  }
  return [schema];
}

/** The one schema a wrapper (optional, default, pipe, lazy, …) hands its value to. */
function unwrapped(schema: Schema): Schema | undefined {
  if (
    schema instanceof z.core.$ZodOptional ||
    schema instanceof z.core.$ZodNullable ||
    schema instanceof z.core.$ZodDefault ||
    schema instanceof z.core.$ZodPrefault ||
    schema instanceof z.core.$ZodNonOptional ||
    schema instanceof z.core.$ZodReadonly ||
    schema instanceof z.core.$ZodCatch
  ) {
    return schema._zod.def.innerType;
  }
  if (schema instanceof z.core.$ZodPipe) return schema._zod.def.in;
  if (schema instanceof z.core.$ZodLazy) return schema._zod.def.getter();
  return undefined;
}

function childOf(schema: Schema, segment: PropertyKey): Schema[] {
  if (schema instanceof z.core.$ZodObject) {
    const { shape } = schema._zod.def;
    const key = String(segment);
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    return field ? [field] : [];
  }
  if (schema instanceof z.core.$ZodArray) return [schema._zod.def.element];
  if (schema instanceof z.core.$ZodRecord) return [schema._zod.def.valueType];
  if (schema instanceof z.core.$ZodTuple) {
    const item = typeof segment === 'number' ? schema._zod.def.items[segment] : undefined;
    return item ? [item] : [];
  }
  return [];
}

/**
 * The options that know the most of the data's keys: `{op, value, forS, hnit}` is
 * meant as a comparison, so its hints come from `op`/`value`/`forS`, not `outside`.
 */
function closest(options: Schema[], value: unknown): Schema[] {
  if (!isRecord(value)) return options;
  const dataKeys = Object.keys(value);
  const known = (o: Schema) =>
    o instanceof z.core.$ZodObject ? dataKeys.filter((k) => Object.hasOwn(o._zod.def.shape, k)).length : 0;
  const most = Math.max(...options.map(known));
  return most > 0 ? options.filter((o) => known(o) === most) : options;
}

/** False when a literal field of the object schema (a discriminator) has another value in the data. */
function literalsFit(schema: Schema, value: unknown): boolean {
  if (!(schema instanceof z.core.$ZodObject) || !isRecord(value)) return true;
  return Object.entries(schema._zod.def.shape).every(
    ([key, field]) =>
      !(field instanceof z.core.$ZodLiteral) ||
      (field._zod.def.values as readonly unknown[]).includes(value[key]),
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
