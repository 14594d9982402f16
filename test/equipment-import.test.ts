import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  cleanups,
  csv,
  expectAcceptance,
  fortyRows,
  galley,
  tempStore,
  withMistakes,
} from '../edge/domains/commissioning/testing/equipment-sheet-kit';

/** Issue 21's acceptance with a CSV sheet, as spreadsheets save it (BOM, CRLF, quoted commas). */

afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

describe('galley equipment import (CSV)', () => {
  it('names exactly the 3 bad rows of 40 and changes nothing; the fixed sheet imports cleanly', async () => {
    await expectAcceptance(async (file, rows) => writeFileSync(file, `\ufeff${csv(rows)}\r\n`), 'csv');
  }, 60_000);

  it('speaks zh-CN', async () => {
    const { dir, config } = tempStore();
    const sheet = join(dir, 'equipment.csv');
    writeFileSync(sheet, csv(withMistakes(fortyRows())));
    const refused = await galley(['equipment', 'import', sheet, '--config', config, '--lang', 'zh-CN']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('3 个问题，涉及 3 行；未导入任何设备，配置未改动。');
    expect(refused.err).toContain('第 7 行，type 列：未知的设备类型"friar"——是否应为"fryer"？');
    expect(refused.err).toContain('第 33 行，price 列：');
  }, 30_000);

  it('imports into a JSON config too; --dry-run checks without writing', async () => {
    const { dir, config } = tempStore();
    const jsonConfig = join(dir, 'store.json');
    writeFileSync(jsonConfig, `${JSON.stringify(loadYaml(config), null, 2)}\n`);
    const before = readFileSync(jsonConfig, 'utf8');
    const sheet = join(dir, 'equipment.csv');
    writeFileSync(sheet, csv(fortyRows().slice(0, 3)));
    const dry = await galley(['equipment', 'import', sheet, '--config', jsonConfig, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('3 pieces of equipment checked, not written (dry run).');
    expect(readFileSync(jsonConfig, 'utf8')).toBe(before);
    const done = await galley(['equipment', 'import', sheet, '--config', jsonConfig]);
    expect(done.code).toBe(0);
    const ids = (
      JSON.parse(readFileSync(jsonConfig, 'utf8')) as { equipment: { id: string }[] }
    ).equipment.map((e) => e.id);
    expect(ids).toEqual(['fryer-0', 'ric-0', 'fryer-1', 'reach-in-cooler-2', 'grill-3']);
    expect((await galley(['config-check', jsonConfig])).code).toBe(0);
  }, 30_000);
});

function loadYaml(file: string): unknown {
  return parseYaml(readFileSync(file, 'utf8'));
}
