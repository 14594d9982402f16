import { m001Core } from './001-core';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Applied in order; a released migration is never edited, only followed by a new one. */
export const migrations: Migration[] = [m001Core];
