import type { Migration } from './index';

/**
 * Every reading paid for a second B-tree insert into `readings_ts`, which only the
 * retention and rollup sweeps used. Both now walk each (equipment_id, metric) key range
 * of the primary key instead (the keys are in latest_readings), so ingest writes one
 * B-tree per reading.
 */
export const m003ReadingsByKey: Migration = {
  version: 3,
  name: 'readings-by-key',
  sql: `
    DROP INDEX IF EXISTS readings_ts;
  `,
};
