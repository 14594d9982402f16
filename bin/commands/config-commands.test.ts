import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { runConfigCheckCommand, runConfigSchemaCommand } from './config-commands';

const DEMO = resolve(import.meta.dirname, '../../config/demo-store.yaml');

async function run(command: typeof runConfigCheckCommand, argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const code = await command(argv, {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
  });
  return { code, ...out };
}

type Item = Record<string, unknown>;

describe('galley config-check', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'galley-config-check-'));
    vi.stubEnv('GALLEY_CONFIG', '');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    vi.unstubAllEnvs();
  });

  /** The demo store with one piece of equipment spoilt, written as YAML. */
  function spoiltDemo(): string {
    const config = parseYaml(readFileSync(DEMO, 'utf8')) as { equipment: Item[] };
    const wic = config.equipment.find((e) => e.id === 'wic-1') as Item;
    delete wic.type;
    wic.colour = 'blue';
    wic.rules = [
      {
        id: 'door_left_open',
        kind: 'threshold',
        title: { en: 'Door open', 'zh-CN': '门未关' },
        severity: 'warning',
        metric: 'temp_c',
        raise: { op: '>', value: 8 },
        supress: { while: [{ metric: 'door_open' }] },
      },
    ];
    const file = join(dir, 'store.yaml');
    writeFileSync(file, toYaml(config));
    return file;
  }

  it('exits 0 on the demo store and says what it checked', async () => {
    const r = await run(runConfigCheckCommand, [DEMO]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/demo-store\.yaml: ok — store demo-sh-001, \d+ pieces of equipment/);
  });

  it('exits 1 and lists every problem by its path, items named by id', async () => {
    const r = await run(runConfigCheckCommand, [spoiltDemo()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').map((line) => line.trim());
    expect(lines[0]).toMatch(/^invalid store config .*store\.yaml:$/);
    expect(lines).toEqual(
      expect.arrayContaining([
        'equipment[wic-1].type: missing (required)',
        expect.stringMatching(
          /^equipment\[wic-1\]\.colour: unknown key \(expected one of: id, type, name, station, .*\)$/,
        ),
        'equipment[wic-1].rules[door_left_open].supress: unknown key, did you mean `suppress`?',
      ]),
    );
    expect(r.stderr).not.toMatch(/received undefined|equipment\.\d/);
  });

  it('reads JSON the same way', async () => {
    const file = join(dir, 'store.json');
    writeFileSync(file, JSON.stringify(parseYaml(readFileSync(spoiltDemo(), 'utf8'))));
    const r = await run(runConfigCheckCommand, [file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('equipment[wic-1].type: missing (required)');
  });

  it('exits 1 on an empty file, saying so', async () => {
    const file = join(dir, 'empty.yaml');
    writeFileSync(file, '');
    const r = await run(runConfigCheckCommand, [file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(root): empty: the file holds no config');
  });

  it('exits 1 on a file it cannot read, 2 without a file', async () => {
    const missing = await run(runConfigCheckCommand, [join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/\(file\): cannot read/);
    const usage = await run(runConfigCheckCommand, []);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('usage: galley config-check FILE\n');
  });
});

describe('galley config-schema', () => {
  it('prints a JSON Schema that refuses unknown keys', async () => {
    const r = await run(runConfigSchemaCommand, []);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.additionalProperties).toBe(false);
    const equipment = schema.properties.equipment.items;
    expect(equipment.additionalProperties).toBe(false);
    expect(equipment.required).toEqual(expect.arrayContaining(['id', 'type', 'name', 'station']));
    expect(equipment.properties.name.additionalProperties).toBe(false);
    expect(schema.properties.limits.additionalProperties).toBe(false);
  });
});
