import { describe, expect, it } from 'vitest';
import { AssetRegister } from '../../../../shared/config/asset';
import { readCsvSheet } from './read-csv-sheet';
import { validateSheet } from './validate-sheet';

const CONFIG = {
  store: { id: 's1', name: 'S1', region: 'east', timezone: 'Asia/Shanghai' },
  stock: { currency: 'EUR' },
  equipmentTypes: {
    fryer: { label: { en: 'Fryer', 'zh-CN': '炸炉' }, metrics: { oil_temp_c: { min: -20, max: 260 } } },
    reach_in_cooler: { label: { en: 'Reach-in', 'zh-CN': '冷藏柜' }, metrics: { temp_c: {} } },
  },
  equipment: [{ id: 'fryer-1', type: 'fryer', station: 'fry', name: { en: 'Fryer 1', 'zh-CN': '炸炉 1' } }],
  integrations: [
    { username: 'pos-1', secretHash: 'sha256$x$y', acl: [{ topic: 'galley/%s/#', access: 'read' }] },
  ],
};
/** 2026-12-07 10:00 in Shanghai. */
const NOW = Date.UTC(2026, 11, 7, 2);

function check(csv: string) {
  const result = validateSheet(readCsvSheet(csv), CONFIG, NOW);
  return {
    entries: result.entries,
    problems: result.problems.map((p) => `${p.row}:${p.column}: ${p.message.en}`),
    warnings: result.warnings.map((p) => `${p.row}:${p.column}: ${p.message.en}`),
  };
}

const HEAD =
  'id,type,name_en,name_zh,station,protocol,serial_path,baud_rate,install_date,price,expected_life_y,rated_power_kw\n';

describe('validateSheet', () => {
  it('makes a clean row an equipment entry with its asset register, the price exact to the cent', () => {
    const { entries, problems, warnings } = check(
      `${HEAD}ric-1,reach_in_cooler,Reach-in 1,冷藏柜 1,prep,serial-ascii,/dev/ttyS1,19200,2026-12-07,899.9,7.5,0.35\n`,
    );
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(entries).toEqual([
      {
        id: 'ric-1',
        type: 'reach_in_cooler',
        name: { en: 'Reach-in 1', 'zh-CN': '冷藏柜 1' },
        station: 'prep',
        protocol: 'serial-ascii',
        serial: { path: '/dev/ttyS1', baudRate: 19200 },
        asset: {
          installDate: '2026-12-07',
          replacementPrice: '899.90',
          expectedLifeYears: 7.5,
          ratedPowerKw: 0.35,
        },
      },
    ]);
  });

  it('warns, not refuses, when asset fields, names or the station are missing', () => {
    const { entries, problems, warnings } = check('id,type\nfryer-2,fryer\n');
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      {
        id: 'fryer-2',
        type: 'fryer',
        name: { en: 'Fryer fryer-2', 'zh-CN': '炸炉 fryer-2' },
        station: 'fry',
      },
    ]);
    expect(warnings).toEqual([
      '2:station: empty: set to "fry" like the other fryer',
      '2:install_date: asset field missing: install date (install_date)',
      '2:price: asset field missing: replacement price (price)',
      '2:expected_life_y: asset field missing: expected life (expected_life_y)',
      '2:name_en: empty: named "Fryer fryer-2"',
      '2:name_zh: empty: named "炸炉 fryer-2"',
    ]);
  });

  it('lists every problem of every row, each with its column, and imports nothing', () => {
    const { entries, problems } = check(
      `${HEAD}` +
        'Fryer 2,fryer,,,fry,,,,2026-12-08,0,0.2,600\n' +
        'fryer-3,,,,,mqtt,/dev/ttyS0,9600,18/03/2024,€12500,8 years,\n' +
        'fryer-4,fryer,,,fry,modbus-rtu,,,,,,\n' +
        'fryer-4,fryer,,,,,,,,12500.001,,\n' +
        'fryer-1,fryer,,,new station,,,,,,,\n' +
        'ric-2,reach_in_cooler,,,,,,,,,,\n' +
        'ric-3,reach_in_cooler,,,,carrier-pigeon,,,,,,\n' +
        'display,fryer,,,fry,,,,,,,\n' +
        'pos-1,fryer,,,fry,,,,,,,\n',
    );
    expect(entries).toEqual([]);
    expect(problems).toEqual([
      '2:id: "Fryer 2" is not a valid id',
      '2:install_date: 2026-12-08 is after today (2026-12-07)',
      '2:price: "0": a replacement price is more than 0',
      '2:expected_life_y: "0.2": at least 0.5 years',
      '2:rated_power_kw: "600": at most 500 kW',
      '3:type: missing: every row needs a type',
      '3:serial_path: given, but the protocol is mqtt, which has no serial line',
      '3:baud_rate: given, but the protocol is mqtt, which has no serial line',
      '3:install_date: "18/03/2024" is not a date',
      '3:price: "€12500": a plain amount with at most 2 decimals and no currency sign or thousands separator, e.g. 12500.00',
      '3:expected_life_y: "8 years": a plain number, without unit or thousands separator',
      '4:serial_path: missing: protocol modbus-rtu needs the serial port',
      '5:price: "12500.001": a plain amount with at most 2 decimals and no currency sign or thousands separator, e.g. 12500.00',
      '5:id: "fryer-4" is already used in row 4',
      '6:station: "new station" is not a valid station id',
      '6:id: "fryer-1" is already in the store config',
      '7:station: missing, and no other reach_in_cooler has a station to take',
      '8:station: missing, and no other reach_in_cooler has a station to take',
      '8:protocol: unknown protocol "carrier-pigeon"',
      '9:id: "display" is already the MQTT username of an integration or the edge itself',
      '10:id: "pos-1" is already the MQTT username of an integration or the edge itself',
    ]);
  });

  it("reports the config's own problems too, since the result must pass config-check", () => {
    const broken = { ...CONFIG, equipment: [...CONFIG.equipment, { id: 'x', type: 'nope' }] };
    const result = validateSheet(readCsvSheet('id,type,station\nfryer-2,fryer,fry\n'), broken, NOW);
    expect(result.entries).toEqual([]);
    expect(result.problems.map((p) => `${p.row}:${p.column}: ${p.message.en}`)).toEqual([
      'undefined:equipment[x].name: store config: missing (required)',
      'undefined:equipment[x].station: store config: missing (required)',
      'undefined:equipment[x].type: store config: unknown equipment type "nope"; known: fryer, reach_in_cooler',
    ]);
  });
});

describe('AssetRegister', () => {
  it('keeps physical bounds and exact money', () => {
    const ok = AssetRegister.safeParse({
      installDate: '2024-02-29',
      replacementPrice: '10000000.00',
      expectedLifeYears: 50,
      ratedPowerKw: 0.001,
    });
    expect(ok.success).toBe(true);
    for (const bad of [
      { installDate: '2023-02-29' },
      { installDate: '1969-12-31' },
      { replacementPrice: '10000000.01' },
      { replacementPrice: 12500 },
      { expectedLifeYears: 7.25 },
      { ratedPowerKw: 0.0005 },
      // asset.serial is the nameplate serial now; an unknown key is still refused.
      { serialNumber: 'SN-123' },
      { serial: 'SN 123' },
      { tag: 'x'.repeat(65) },
    ]) {
      expect(AssetRegister.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
