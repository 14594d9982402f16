// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreEquipmentDowntime } from '../../../../shared/central/downtime-api';
import { StoreSpeedOfService } from '../../../../shared/central/speed-of-service-api';
import { StoreStock } from '../../../../shared/central/stock-api';
import type { Locale } from '../../../../shared/localized-text';
import { SpeedOfServiceBoard } from '../kitchen/SpeedOfServicePanel';
import { renderWithI18n } from '../testing/render-with-i18n';
import { StockBoard } from './StockPanel';

afterEach(cleanup);

const H = 3_600_000;
const NOW = Date.UTC(2026, 0, 12, 17, 0);
const header = { regionId: 'east', regionName: '华东区' };
const BEEF = { en: 'Beef patty', 'zh-CN': '牛肉饼' };
const BURGER = { en: 'Burger', 'zh-CN': '汉堡' };
const FRIES = { en: 'Fries', 'zh-CN': '薯条' };

// People's Square has sent its catalogue; Jing'an has not, so central names nothing of it.
const named = StoreStock.parse({
  storeId: 'sh-001',
  storeName: 'People’s Square',
  ...header,
  trackedIngredients: 4,
  low: [
    {
      ingredient: 'beef',
      name: BEEF,
      unit: 'each',
      projected: 12,
      min: 40,
      lowSince: NOW - 2 * H,
      levelAt: NOW - H,
    },
  ],
  eightySixed: [
    {
      item: 'burger',
      name: BURGER,
      since: NOW - H,
      reasons: [{ kind: 'stock', ingredient: 'beef', since: NOW - H }],
      ingredientNames: { beef: BEEF },
    },
  ],
});
const bare = StoreStock.parse({
  storeId: 'sh-002',
  storeName: 'Jing’an',
  ...header,
  trackedIngredients: 3,
  low: [
    {
      ingredient: 'lettuce',
      name: null,
      unit: null,
      projected: 200,
      min: 500,
      lowSince: NOW - H,
      levelAt: NOW - H,
    },
  ],
  // An answer of a central from before the catalogue: no name fields at all.
  eightySixed: [
    {
      item: 'salad',
      since: NOW - 2 * H,
      reasons: [{ kind: 'stock', ingredient: 'lettuce', since: NOW - 2 * H }],
    },
  ],
});
const fryer = StoreEquipmentDowntime.parse({
  storeId: 'sh-001',
  storeName: 'People’s Square',
  ...header,
  equipmentId: 'fryer-1',
  name: { en: 'Fryer 1', 'zh-CN': '1号炸炉' },
  capability: 'fryer',
  menuOffMs: 3 * H,
  costedEpisodes: 0,
  portionsLost: 0,
  money: [],
  unpricedEpisodes: 0,
  items: [
    {
      item: 'fries',
      name: FRIES,
      offMs: 2 * H,
      costedEpisodes: 0,
      portionsLost: 0,
      money: [],
      unpricedEpisodes: 0,
    },
    {
      item: 'onion-rings',
      name: null,
      offMs: H,
      costedEpisodes: 0,
      portionsLost: 0,
      money: [],
      unpricedEpisodes: 0,
    },
  ],
});
const kitchen = StoreSpeedOfService.parse({
  storeId: 'sh-001',
  storeName: 'People’s Square',
  ...header,
  overall: { tickets: 3, averageS: 200, p90S: 300 },
  byStation: [
    { station: 'fry', name: null, tickets: 1, averageS: 100, p90S: 100 },
    { station: 'grill', name: { en: 'Grill', 'zh-CN': '扒炉' }, tickets: 2, averageS: 250, p90S: 300 },
  ],
  byChannel: [],
  ordersByDay: [],
});

const cells = (el: HTMLElement) => [...el.querySelectorAll('td')].map((td) => td.textContent);

describe.each<[Locale, Record<string, string>]>([
  [
    'en',
    {
      beef: 'Beef patty',
      projected: '12 pcs',
      min: '40 pcs',
      burger: 'Burger',
      outOfBeef: 'out of Beef patty',
      outOfLettuce: 'out of lettuce',
      items: 'Fries (2 h), onion-rings (1 h)',
      grill: 'Grill',
    },
  ],
  [
    'zh-CN',
    {
      beef: '牛肉饼',
      projected: '12 个',
      min: '40 个',
      burger: '汉堡',
      outOfBeef: '牛肉饼 缺货',
      outOfLettuce: 'lettuce 缺货',
      items: '薯条（2 小时）、onion-rings（1 小时）',
      grill: '扒炉',
    },
  ],
])('names from the stores’ catalogues in %s', (locale, text) => {
  it('shows ingredients and items by their store’s name, and by id where the store sent none', () => {
    renderWithI18n(
      <StockBoard stores={[named, bare]} downtime={[fryer]} now={NOW} onOpenStore={() => undefined} />,
      locale,
    );
    const beef = screen.getByTestId('low-sh-001-beef');
    expect(cells(beef).slice(1, 4)).toEqual([text.beef, text.projected, text.min]);
    expect(beef.querySelector('[data-catalog-id="beef"]')?.getAttribute('title')).toBe('beef');
    const lettuce = screen.getByTestId('low-sh-002-lettuce');
    expect(cells(lettuce).slice(1, 4)).toEqual(['lettuce', '200', '500']);
    expect(lettuce.querySelector('[data-catalog-id="lettuce"]')?.className).toBe('mono');

    const burger = screen.getByTestId('86-sh-001-burger');
    expect(cells(burger)[1]).toBe(text.burger);
    expect(burger.querySelector('.reason')?.textContent).toBe(text.outOfBeef);
    const salad = screen.getByTestId('86-sh-002-salad');
    expect(cells(salad)[1]).toBe('salad');
    expect(salad.querySelector('.reason')?.textContent).toBe(text.outOfLettuce);

    expect(cells(screen.getByTestId('downtime-sh-001-fryer-1'))[3]).toBe(text.items);
  });

  it('shows the chosen kitchen’s stations by their store’s name, and by id where the store sent none', () => {
    renderWithI18n(<SpeedOfServiceBoard stores={[kitchen]} onOpenStore={() => undefined} />, locale);
    const split = screen.getByTestId('speed-split');
    const label = (station: string) => split.querySelector(`[data-split="${station}"] td`);
    expect(label('grill')?.textContent).toBe(text.grill);
    expect(label('grill')?.className).toBe('');
    expect(label('fry')?.textContent).toBe('fry');
    expect(label('fry')?.className).toBe('mono');
  });
});
