import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StoreConfig } from '../../../shared/config/store-config';
import { loadStoreConfig } from '../../../shared/server/config/load-store-config';
import { overlayConfig } from '../../sync/config-overlay';

const demo = () =>
  loadStoreConfig(fileURLToPath(new URL('../../../config/demo-store.yaml', import.meta.url)));

describe('the kitchen config', () => {
  it('the demo menu routes as the contract says: burger → grill, fries and nuggets → fry, salad → prep, combo its parts', () => {
    const { kitchen } = demo();
    const item = (id: string) => kitchen.menu.find((m) => m.id === id);
    expect(item('burger')?.stations).toEqual(['grill']);
    expect(item('fries')?.stations).toEqual(['fry']);
    expect(item('nuggets')?.stations).toEqual(['fry']);
    expect(item('fries')?.needs).toEqual(['fryer']);
    expect(item('salad')).toMatchObject({ stations: ['prep'], needs: [] });
    expect(item('combo')?.components).toEqual(['burger', 'fries']);
    expect(kitchen.stations.find((s) => s.kind === 'expo')?.id).toBe('expo');
  });

  it('refuses unknown stations, combos of combos, chain loops and unknown keys, each with its path', () => {
    const base = demo();
    const result = StoreConfig.safeParse({
      ...base,
      kitchen: {
        stations: [
          { id: 'a', name: { en: 'A', 'zh-CN': 'A' }, next: 'b' },
          { id: 'b', name: { en: 'B', 'zh-CN': 'B' }, next: 'a' },
          { id: 'c', name: { en: 'C', 'zh-CN': 'C' } },
          { id: 'c', name: { en: 'C2', 'zh-CN': 'C2' } },
        ],
        menu: [
          { id: 'x', name: { en: 'X', 'zh-CN': 'X' }, stations: ['grill'] },
          { id: 'y', name: { en: 'Y', 'zh-CN': 'Y' }, components: ['x', 'nope'] },
          { id: 'z', name: { en: 'Z', 'zh-CN': 'Z' }, components: ['y'] },
        ],
        thresholds: {},
      },
    });
    expect(result.success).toBe(false);
    const problems = result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^kitchen: .*thresholds/),
        expect.stringMatching(/^kitchen\.stations\.3\.id: duplicate station id "c"/),
        expect.stringMatching(/^kitchen\.stations\.0\.next: the chain from "a" comes back to it/),
        expect.stringMatching(/^kitchen\.menu\.0\.stations\.0: unknown station "grill"; known: a, b, c/),
        expect.stringMatching(/^kitchen\.menu\.1\.components\.1: unknown menu item "nope"/),
        expect.stringMatching(/^kitchen\.menu\.2\.components\.0: "y" is a combo itself/),
      ]),
    );
  });

  it('central can push the kitchen down; a pushed kitchen that does not hold together is refused whole', () => {
    const base = demo();
    const stations = [...base.kitchen.stations, { id: 'bar', name: { en: 'Bar', 'zh-CN': '吧台' } }];
    const pushed = overlayConfig(base, { kitchen: { ...base.kitchen, stations } });
    expect(pushed.ok && pushed.config.kitchen.stations.map((s) => s.id)).toContain('bar');
    const broken = overlayConfig(base, {
      kitchen: { menu: [{ id: 'tea', name: { en: 'Tea', 'zh-CN': '茶' }, stations: ['bar'] }] },
    });
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.errors.map((e) => e.path)).toContain('kitchen.menu[tea].stations[0]');
  });
});
