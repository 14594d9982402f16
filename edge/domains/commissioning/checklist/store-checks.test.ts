import { describe, expect, it } from 'vitest';
import { StoreConfig } from '../../../../shared/config/store-config';
import { hashSecret, verifySecret } from '../../../../shared/server/secret-hash';
import { foodSafetyCheck } from './equipment-checks';
import { usersCheck } from './store-checks';

const unit = (id: string) => ({
  id,
  type: 'reach_in_cooler',
  station: 'prep',
  name: { en: id, 'zh-CN': id },
});

function store(over: { users?: unknown[]; controlPoints?: unknown[] }) {
  return StoreConfig.parse({
    store: { id: 's1', name: 'S1', region: 'east', timezone: 'Asia/Shanghai' },
    equipmentTypes: {
      reach_in_cooler: {
        label: { en: 'Reach-in', 'zh-CN': '冷藏柜' },
        metrics: { temp_c: { unit: '°C', min: -40, max: 60 } },
      },
    },
    equipment: [unit('ric-1'), unit('ric-2'), unit('ric-3')],
    users: over.users ?? [],
    foodSafety: { controlPoints: over.controlPoints ?? [] },
  });
}

describe('usersCheck', () => {
  it('waits for a manager and for every user still on a default PIN', () => {
    const demo = hashSecret('1234', 'scrypt');
    const own = hashSecret('8531', 'scrypt');
    const onKnownPin = (hash: string) => ['1234', '0000'].some((pin) => verifySecret(pin, hash));
    const config = store({
      users: [
        { id: 'ana', name: 'Ana', role: 'staff', pinHash: demo },
        { id: 'bo', name: 'Bo', role: 'staff', pinHash: own },
      ],
    });
    const waiting = usersCheck(config, onKnownPin);
    expect(waiting.waiting.map((w) => [w.subject, w.reason.en])).toEqual([
      ['ana', 'still on a default PIN (1234, 0000)'],
      [undefined, 'no manager or admin user'],
    ]);
    expect(waiting.progress.en).toBe('1 of 3 set, 2 waiting: ana');
    const fixed = store({
      users: [{ id: 'bo', name: 'Bo', role: 'staff', roles: ['manager'], pinHash: own }],
    });
    expect(usersCheck(fixed, onKnownPin).complete).toBe(true);
  });
});

describe('foodSafetyCheck', () => {
  it('names the units of a controlled type that have no control point', () => {
    const one = store({
      controlPoints: [
        { id: 'ric-1-cold', equipment: 'ric-1', pack: 'galley-company-standard', limit: 'cold-holding' },
      ],
    });
    const item = foodSafetyCheck(one);
    expect(item.waiting.map((w) => w.subject)).toEqual(['ric-2', 'ric-3']);
    expect(item.progress['zh-CN']).toBe('3 项中 1 项已分配，2 项待完成：ric-2, ric-3');
    const all = store({
      controlPoints: [
        { id: 'cold', types: ['reach_in_cooler'], pack: 'galley-company-standard', limit: 'cold-holding' },
      ],
    });
    expect(foodSafetyCheck(all)).toMatchObject({ complete: true, done: 3, total: 3 });
  });
});
