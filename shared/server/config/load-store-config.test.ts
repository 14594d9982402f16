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
