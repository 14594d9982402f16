import { z } from 'zod';

/**
 * Ids appear as MQTT topic levels, so they must never contain `/`, `+`, `#` or
 * whitespace; lower-case keeps them unambiguous on case-insensitive file systems too.
 */
export const SlugId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'use 1–64 of a-z, 0-9, "-" and "_", starting with a letter or digit');

export const StoreId = SlugId;
export const EquipmentId = SlugId;

/** snake_case, with the unit as suffix where there is one (`temp_c`, `power_w`). */
export const MetricName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'metric names are snake_case: a-z, 0-9 and "_"');

export type StoreId = z.infer<typeof StoreId>;
export type EquipmentId = z.infer<typeof EquipmentId>;
export type MetricName = z.infer<typeof MetricName>;
