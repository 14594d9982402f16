import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openConfigDocument } from './config-document';
import type { EquipmentEntry } from './equipment-row';

const NEW: EquipmentEntry[] = [
  {
    id: 'fryer-2',
    type: 'fryer',
    name: { en: 'Fryer 2', 'zh-CN': '炸炉 2' },
    station: 'fry',
    asset: { installDate: '2024-03-18', replacementPrice: '12500.00', expectedLifeYears: 8 },
  },
];

describe('openConfigDocument', () => {
  it('splices YAML entries after the last one, every other byte as it was', () => {
    const text = [
      '# the store',
      'store: { id: s1 }   # kept',
      'equipment:',
      '    - { id: fryer-1, type: fryer }  # first',
      '    - id: ric-1',
      '      type: reach_in_cooler',
      '',
      '# users next',
      'users: [ ]',
      '',
    ].join('\n');
    const out = openConfigDocument(text, 'yaml').withEquipment(NEW);
    const lines = out.split('\n');
    expect(lines.slice(0, 6)).toEqual(text.split('\n').slice(0, 6));
    expect(lines[6]).toBe('    - id: fryer-2');
    expect(out).toContain(
      '      asset: { installDate: 2024-03-18, replacementPrice: "12500.00", expectedLifeYears: 8 }\n',
    );
    expect(out.endsWith('\n# users next\nusers: [ ]\n')).toBe(true);
    const data = parse(out) as { equipment: unknown[] };
    expect(data.equipment).toEqual([
      { id: 'fryer-1', type: 'fryer' },
      { id: 'ric-1', type: 'reach_in_cooler' },
      ...NEW,
    ]);
  });

  it('follows a list written at the left margin, and keeps a comment that closes the list', () => {
    const text = 'equipment:\n- id: a\n  type: t\n# - id: b (taken out)\nusers: []\n';
    const out = openConfigDocument(text, 'yaml').withEquipment(NEW);
    expect(out.startsWith('equipment:\n- id: a\n  type: t\n- id: fryer-2\n  type: fryer\n')).toBe(true);
    expect(out.endsWith('# - id: b (taken out)\nusers: []\n')).toBe(true);
  });

  it('adds an equipment list to a YAML file without one, and rewrites a flow list it cannot splice', () => {
    const none = openConfigDocument('store: { id: s1 }', 'yaml').withEquipment(NEW);
    expect(none.startsWith('store: { id: s1 }\nequipment:\n  - id: fryer-2\n')).toBe(true);
    const flow = openConfigDocument('store: { id: s1 }\nequipment: [ { id: a, type: t } ]\n', 'yaml');
    expect((parse(flow.withEquipment(NEW)) as { equipment: unknown[] }).equipment).toEqual([
      { id: 'a', type: 't' },
      ...NEW,
    ]);
  });

  it('writes JSON back with its own indentation', () => {
    const doc = openConfigDocument('{\n    "store": {"id": "s1"},\n    "equipment": []\n}\n', 'json');
    const out = doc.withEquipment(NEW);
    expect(out.startsWith('{\n    "store": {\n        "id": "s1"\n    },\n    "equipment": [\n')).toBe(true);
    expect((JSON.parse(out) as { equipment: unknown[] }).equipment).toEqual(NEW);
  });

  it('refuses a file that is not YAML or JSON of a mapping', () => {
    expect(() => openConfigDocument('store: [unclosed', 'yaml')).toThrow(/not valid YAML/);
    expect(() => openConfigDocument('[1, 2]', 'json')).toThrow(/not an object/);
  });
});
