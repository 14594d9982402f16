import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { StoreConfig } from '../../config/store-config';
import { configProblems, problemLine } from './config-problems';

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`invalid store config ${file}:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses YAML or JSON text into a validated config, reporting every problem at once. */
export function parseStoreConfig(text: string, file: string): StoreConfig {
  let raw: unknown;
  try {
    raw = extname(file) === '.json' ? JSON.parse(text) : parseYamlQuickly(text);
  } catch (err) {
    throw new ConfigError(file, [`(file): ${(err as Error).message}`]);
  }
  const result = StoreConfig.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(file, configProblems(StoreConfig, raw, result.error).map(problemLine));
  }
  return result.data;
}

/**
 * `prettyErrors` more than doubles the cost of parsing a config without errors (the
 * demo store's 600 lines: 250 → 550 ms on a busy 2-core box), and it is parsed at every start.
 * So parse plainly, and only a document that has errors again with line and column.
 */
function parseYamlQuickly(text: string): unknown {
  try {
    return parseYaml(text, { prettyErrors: false });
  } catch {
    return parseYaml(text, { prettyErrors: true });
  }
}

export function loadStoreConfig(file: string): StoreConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [`(file): cannot read: ${(err as Error).message}`]);
  }
  return parseStoreConfig(text, file);
}
