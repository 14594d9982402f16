import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseStoreConfig } from './load-store-config';

const DEMO = readFileSync(join(import.meta.dirname, '..', '..', '..', 'config', 'demo-store.yaml'), 'utf8');

describe('parseStoreConfig', () => {
  it('parses the demo store', () => {
    const config = parseStoreConfig(DEMO, 'demo-store.yaml');
    expect(config.equipment.length).toBeGreaterThanOrEqual(20);
  });

  it('refuses a misspelt key in the file, naming where it is and what was meant', () => {
    const misspelt = DEMO.replace('suppress:', 'supress:');
    expect(misspelt).not.toBe(DEMO);
    let error: unknown;
    try {
      parseStoreConfig(misspelt, 'store.yaml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(
        /^equipmentTypes\.walk_in_cooler\.rules\[[\w-]+\]\.supress: unknown key, did you mean `suppress`\?$/,
      ),
    ]);
  });

  it('names the line and column of a YAML syntax error', () => {
    const broken = DEMO.replace('equipment:', 'equipment: [unclosed');
    let error: unknown;
    try {
      parseStoreConfig(broken, 'broken.yaml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/at line \d+, column \d+/);
  });
});
