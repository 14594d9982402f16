import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { loadStoreConfig } from '../../../../shared/server/config/load-store-config';

/**
 * Issue 21's acceptance, shared by the CSV and XLSX tests: a 40-row equipment sheet
 * with 3 bad rows is refused naming exactly those rows and columns, the config
 * untouched; fixed, it imports, and the config it leaves passes `galley config-check`.
 * Run through the real `galley` program as a child process.
 */

const GALLEY = join(import.meta.dirname, '..', '..', '..', '..', 'bin', 'galley.js');

export const CONFIG = `# Store config of the import tests; comments and layout must survive an import.
store: { id: s-import, name: Import store, region: east, timezone: Asia/Shanghai }

equipmentTypes:
  fryer:
    label: { en: Fryer, zh-CN: 炸炉 }
    metrics: { oil_temp_c: { unit: °C, min: -20, max: 260 } }
  reach_in_cooler:
    label: { en: Reach-in cooler, zh-CN: 冷藏柜 }
    metrics: { temp_c: { unit: °C, min: -40, max: 60 } }
  grill:
    label: { en: Grill, zh-CN: 扒炉 }
    metrics: { temp_c: { unit: °C, min: -20, max: 400 } }

equipment:
  - { id: fryer-0, type: fryer, station: fry, name: { en: Old fryer, zh-CN: 旧炸炉 } } # kept
  - id: ric-0
    type: reach_in_cooler
    station: prep
    name: { en: Old reach-in, zh-CN: 旧冷藏柜 }

# Nobody signs in to this test store.
users: []
`;

export const HEADER = [
  'id',
  'type',
  'name_en',
  'name_zh',
  'station',
  'location',
  'protocol',
  'serial_path',
  'baud_rate',
  'install_date',
  'price',
  'expected_life_y',
] as const;
export type SheetLine = Record<(typeof HEADER)[number], string>;

const TYPES = [
  { type: 'fryer', station: 'fry', en: 'Fryer', zh: '炸炉' },
  { type: 'reach_in_cooler', station: 'prep', en: 'Reach-in', zh: '冷藏柜' },
  { type: 'grill', station: 'grill', en: 'Grill', zh: '扒炉' },
];

/** 40 pieces of equipment as spreadsheet rows 2–41; every fifth without its asset fields. */
export function fortyRows(): SheetLine[] {
  return Array.from({ length: 40 }, (_, i) => {
    const t = TYPES[i % TYPES.length] ?? TYPES[0];
    if (!t) throw new Error('no types');
    const n = i + 1;
    const serial = i % 10 === 3;
    const withAsset = i % 5 !== 4;
    return {
      id: `${t.type.replaceAll('_', '-')}-${n}`,
      type: t.type,
      name_en: `${t.en} ${n}`,
      name_zh: `${t.zh} ${n}`,
      station: t.station,
      location: n % 2 ? 'back of house' : 'line, left',
      protocol: serial ? 'modbus-rtu' : '',
      serial_path: serial ? `/dev/ttyUSB${n}` : '',
      baud_rate: serial ? '19200' : '',
      install_date: withAsset ? `2023-0${1 + (i % 9)}-1${i % 10}` : '',
      price: withAsset ? `${8000 + i * 125}.50` : '',
      expected_life_y: withAsset ? String(5 + (i % 6)) : '',
    };
  });
}

/** The three mistakes: rows as the spreadsheet numbers them (the header is row 1). */
export const BAD: { row: number; column: keyof SheetLine; value: string }[] = [
  { row: 7, column: 'type', value: 'friar' },
  { row: 19, column: 'install_date', value: '2024-02-30' },
  { row: 33, column: 'price', value: '12,500' },
];

export function withMistakes(rows: SheetLine[]): SheetLine[] {
  return rows.map((line, i) => {
    const bad = BAD.find((b) => b.row === i + 2);
    return bad ? { ...line, [bad.column]: bad.value } : line;
  });
}

export function csv(rows: SheetLine[]): string {
  const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return [HEADER.join(','), ...rows.map((r) => HEADER.map((c) => cell(r[c])).join(','))].join('\r\n');
}

/** Temporary folders to remove after each test (the test file's afterEach runs these). */
export const cleanups: (() => void)[] = [];

export function tempStore(): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'galley-import-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const config = join(dir, 'store.yaml');
  writeFileSync(config, CONFIG);
  return { dir, config };
}

export function galley(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [GALLEY, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LANG: 'C' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** The (row, column) of every problem line the import printed. */
export function reportedProblems(text: string): { row: number; column: string }[] {
  const problemSection = text.split('commissioning warnings')[0] ?? '';
  return [...problemSection.matchAll(/^ {2}row (\d+), column (\S+):/gm)].map((m) => ({
    row: Number(m[1]),
    column: m[2] ?? '',
  }));
}

/** The refused sheet, the untouched config, then the fixed sheet imported: for either file format. */
export async function expectAcceptance(
  write: (file: string, rows: SheetLine[]) => Promise<void>,
  extension: 'csv' | 'xlsx',
): Promise<void> {
  const { dir, config } = tempStore();
  const sheet = join(dir, `equipment.${extension}`);
  await write(sheet, withMistakes(fortyRows()));
  const refused = await galley(['equipment', 'import', sheet, '--config', config]);
  expect(refused.code).toBe(1);
  expect(reportedProblems(refused.err)).toEqual(BAD.map(({ row, column }) => ({ row, column })));
  expect(refused.err).toContain('row 7, column type: unknown equipment type "friar" — did you mean "fryer"?');
  expect(refused.err).toContain('nothing imported, the config is unchanged');
  expect(readFileSync(config, 'utf8')).toBe(CONFIG);

  await write(sheet, fortyRows());
  const imported = await galley(['equipment', 'import', sheet, '--config', config]);
  expect(imported.err).toBe('');
  expect(imported.code).toBe(0);
  expect(imported.out).toContain('40 pieces of equipment written into the config.');
  // Rows 6, 11, …, 41 carry no asset fields: warned about, imported all the same.
  expect(imported.out).toContain(
    'rows 6, 11, 16, 21, 26, 31, 36, 41, column price: asset field missing: replacement price (price)',
  );

  const text = readFileSync(config, 'utf8');
  // Everything that was in the file is still there, word for word, comments included.
  const [head = '', tail = ''] = CONFIG.split('\n# Nobody signs in');
  expect(text.startsWith(head)).toBe(true);
  expect(text.endsWith(`# Nobody signs in${tail}`)).toBe(true);
  const checked = await galley(['config-check', config]);
  expect(checked.out).toContain('ok — store s-import, 42 pieces of equipment');
  expect(checked.code).toBe(0);

  const stored = loadStoreConfig(config);
  const fryer1 = stored.equipment.find((e) => e.id === 'fryer-1');
  expect(fryer1).toMatchObject({
    type: 'fryer',
    station: 'fry',
    name: { en: 'Fryer 1', 'zh-CN': '炸炉 1' },
    location: 'back of house',
    asset: { installDate: '2023-01-10', replacementPrice: '8000.50', expectedLifeYears: 5 },
  });
  const serial = stored.equipment.find((e) => e.id === 'fryer-4');
  expect(serial).toMatchObject({ protocol: 'modbus-rtu', serial: { path: '/dev/ttyUSB4', baudRate: 19200 } });
  expect(stored.equipment.find((e) => e.id === 'reach-in-cooler-5')?.asset).toBeUndefined();
  // The price is the exact decimal text, never a float.
  const raw = parse(text) as { equipment: { id: string; asset?: { replacementPrice?: unknown } }[] };
  expect(raw.equipment.find((e) => e.id === 'grill-39')?.asset?.replacementPrice).toBe('12750.50');

  const again = await galley(['equipment', 'import', sheet, '--config', config]);
  expect(again.code).toBe(1);
  expect(reportedProblems(again.err)).toHaveLength(40);
  expect(readFileSync(config, 'utf8')).toBe(text);
}
