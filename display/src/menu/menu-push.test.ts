import { describe, expect, it } from 'vitest';
import { itemOfTopic, menuPushFilter } from './menu-push';

describe('menu push topics', () => {
  it("subscribes to every item's availability of its own store only", () => {
    expect(menuPushFilter('demo')).toBe('galley/demo/_edge/menu/+');
  });

  it('reads the item off its topic and ignores every other topic', () => {
    expect(itemOfTopic('demo', 'galley/demo/_edge/menu/fries')).toBe('fries');
    expect(itemOfTopic('demo', 'galley/other/_edge/menu/fries')).toBeUndefined();
    expect(itemOfTopic('demo', 'galley/demo/_edge/kds/grill')).toBeUndefined();
    expect(itemOfTopic('demo', 'galley/demo/_edge/menu/fries/extra')).toBeUndefined();
    expect(itemOfTopic('demo', 'galley/demo/fryer-1/telemetry')).toBeUndefined();
  });
});
