import { describe, expect, it } from 'vitest';
import { storeWithRules } from '../edge/domains/rules/testing/rule-test-kit';
import { describeConfigIssues, StoreConfig } from '../shared/config/store-config';

const base = () => {
  const { technicians: _t, parts: _p, ...rest } = storeWithRules({});
  return rest;
};

describe('technicians and parts in the store config', () => {
  it('defaults to none of either', () => {
    const config = StoreConfig.parse(base());
    expect(config.technicians).toEqual([]);
    expect(config.parts).toEqual([]);
  });

  it('reports every cross-reference problem with its path', () => {
    const result = StoreConfig.safeParse({
      ...base(),
      users: [{ id: 'cook', name: 'Cook', role: 'staff', pinHash: 'scrypt$x' }],
      technicians: [
        { id: 't1', name: 'A', kind: 'in_house', userId: 'cook', skills: { walk_in_cooler: 3, boat: 1 } },
        { id: 't1', name: 'B', kind: 'contractor', skills: { walk_in_cooler: 4 } },
      ],
      parts: [
        { partNumber: 'P-1', name: 'x', equipmentTypes: ['boat'], reorderPoint: 1, reorderQuantity: 2 },
        { partNumber: 'P-1', name: 'y', reorderPoint: 1, reorderQuantity: 0 },
        { partNumber: 'has/slash', name: 'z', reorderPoint: 1, reorderQuantity: 1 },
      ],
    });
    expect(result.success).toBe(false);
    const issues = describeConfigIssues(result.error!);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^technicians\.0\.userId: no store user "cook" with role technician/),
        expect.stringMatching(/^technicians\.0\.skills\.boat: unknown equipment type/),
        expect.stringMatching(/^technicians\.1\.id: duplicate technician/),
        expect.stringMatching(/^technicians\.1\.skills\.walk_in_cooler: /),
        expect.stringMatching(/^parts\.0\.equipmentTypes\.0: unknown equipment type "boat"/),
        expect.stringMatching(/^parts\.1\.partNumber: duplicate part number/),
        expect.stringMatching(/^parts\.1\.reorderQuantity: /),
        expect.stringMatching(/^parts\.2\.partNumber: /),
      ]),
    );
  });
});
