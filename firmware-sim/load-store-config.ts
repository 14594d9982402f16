import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describeConfigIssues, StoreConfig } from '../shared/config/store-config';

export class StoreConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`invalid store config ${file}:\n  ${problems.join('\n  ')}`);
    this.name = 'StoreConfigError';
  }
}

/** The simulator reads the same store config as the edge (YAML or JSON), validated by the shared schema. */
export function loadStoreConfig(file: string): StoreConfig {
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    raw = extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new StoreConfigError(file, [`(file): ${(err as Error).message}`]);
  }
  const result = StoreConfig.safeParse(raw);
  if (!result.success) throw new StoreConfigError(file, describeConfigIssues(result.error));
  return result.data;
}
