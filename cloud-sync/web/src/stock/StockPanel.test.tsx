// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type StoreEquipmentDowntime,
  StoreEquipmentDowntime as StoreEquipmentDowntimeSchema,
} from '../../../../shared/central/downtime-api';
import { type StoreStock, StoreStock as StoreStockSchema } from '../../../../shared/central/stock-api';
import type { Locale } from '../../../../shared/localized-text';
import { renderWithI18n } from '../testing/render-with-i18n';
import { StockBoard, StockPanel } from './StockPanel';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const H = 3_600_000;
const NOW = Date.UTC(2026, 0, 12, 17, 0);
const header = { regionId: 'east', regionName: '华东区' };

const shanghai: StoreStock = StoreStockSchema.parse({
  storeId: 'sh-001',
  storeName: 'People’s Square',
  ...header,
  trackedIngredients: 12,
  low: [{ ingredient: 'beef', projected: 380.5, min: 500, lowSince: NOW - 2 * H, levelAt: NOW - H }],
  eightySixed: [
    {
      item: 'fries',
      since: NOW - 90 * 60_000,
      reasons: [
        {
          kind: 'equipment',
          capability: 'fryer',
          units: [
            {
              equipmentId: 'fryer-1',
              name: { en: 'Fryer 1', 'zh-CN': '1号炸炉' },
              since: NOW - 90 * 60_000,
              alarmTitle: { en: 'Oil too hot', 'zh-CN': '油温过高' },
            },
            { equipmentId: 'fryer-2', since: NOW - 90 * 60_000, ticketId: 42 },
          ],
          since: NOW - 90 * 60_000,
        },
      ],
    },
    {
      item: 'burger',
      since: NOW - 3 * H,
      reasons: [
        { kind: 'stock', ingredient: 'beef', since: NOW - 3 * H },
        { kind: 'manual', by: 'chen', note: 'patties burnt', since: NOW - 3 * H },
      ],
    },
  ],
});
const jingan: StoreStock = StoreStockSchema.parse({
  storeId: 'sh-002',
  storeName: 'Jing’an',
  ...header,
  trackedIngredients: 0,
  low: [],
  eightySixed: [],
});

const unit = (overrides: Partial<StoreEquipmentDowntime>): StoreEquipmentDowntime =>
  StoreEquipmentDowntimeSchema.parse({
    storeId: 'sh-001',
    storeName: 'People’s Square',
    ...header,
    equipmentId: 'fryer-1',
    name: { en: 'Fryer 1', 'zh-CN': '1号炸炉' },
    capability: 'fryer',
    menuOffMs: 3 * H,
    costedEpisodes: 3,
    portionsLost: 14.25,
    money: [{ currency: 'CNY', amount: 193.51 }],
    unpricedEpisodes: 1,
    items: [
      {
        item: 'fries',
        offMs: 2 * H,
        costedEpisodes: 2,
        portionsLost: 11.75,
        money: [{ currency: 'CNY', amount: 193.51 }],
        unpricedEpisodes: 0,
      },
      {
        item: 'onion-rings',
        offMs: 2 * H,
        costedEpisodes: 1,
        portionsLost: 2.5,
        money: [],
        unpricedEpisodes: 1,
      },
      { item: 'wings', offMs: H, costedEpisodes: 0, portionsLost: 0, money: [], unpricedEpisodes: 0 },
    ],
    ...overrides,
  });

const cells = (el: HTMLElement) => [...el.querySelectorAll('td')].map((td) => td.textContent);

describe.each<[Locale, Record<string, string>]>([
  [
    'en',
    {
      short: 'Stores short on stock',
      fryer: 'Fryer out of service: Fryer 1 (Oil too hot), fryer-2 (ticket #42)',
      stock: 'out of beef',
      manual: '86’d by chen: patties burnt',
      off: '1 h 30 min',
      menuTime: '3 h',
      items: 'fries (2 h, 11.8 portions), onion-rings (2 h, 2.5 portions), wings (1 h)',
      portions: '14.3',
      notYet: 'not priced yet',
      noPrice: 'no menu price',
      hint: 'the store’s own figures',
      nothing: 'No store is short of anything.',
      allOn: 'Every menu item is available.',
    },
  ],
  [
    'zh-CN',
    {
      short: '缺货门店',
      fryer: '炸炉停用：1号炸炉（油温过高）、fryer-2（报修单 #42）',
      stock: 'beef 缺货',
      manual: 'chen 手动估清：patties burnt',
      off: '1 小时 30 分钟',
      menuTime: '3 小时',
      items: 'fries（2 小时，11.8 份）、onion-rings（2 小时，2.5 份）、wings（1 小时）',
      portions: '14.3',
      notYet: '尚未计价',
      noPrice: '无菜单价格',
      hint: '由门店自行计算',
      nothing: '没有门店缺货。',
      allOn: '所有菜品均可售。',
    },
  ],
])('stock and 86 panel in %s', (locale, text) => {
  it('shows which stores are short of what and what is 86’d now, with reasons in words', () => {
    renderWithI18n(
      <StockBoard stores={[shanghai, jingan]} downtime={[]} now={NOW} onOpenStore={() => undefined} />,
      locale,
    );
    const short = screen.getByTestId('regional-stock');
    expect(short.querySelector('h2')?.textContent).toBe(text.short);
    expect(cells(screen.getByTestId('low-sh-001-beef')).slice(0, 4)).toEqual([
      'People’s Square sh-001',
      'beef',
      '380.5',
      '500',
    ]);
    expect(short.textContent).not.toContain('Jing’an');

    const panel = screen.getByTestId('regional-86');
    const rows = [...panel.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-testid'));
    // longest off first
    expect(rows).toEqual(['86-sh-001-burger', '86-sh-001-fries']);
    const fries = cells(screen.getByTestId('86-sh-001-fries'));
    expect(fries.slice(1)).toEqual(['fries', text.off, text.fryer]);
    const burger = screen.getByTestId('86-sh-001-burger');
    expect([...burger.querySelectorAll('.reason')].map((r) => r.textContent)).toEqual([
      text.stock,
      text.manual,
    ]);
  });

  it('ranks equipment by the menu time it cost and shows the portions and money the store priced', () => {
    renderWithI18n(
      <StockBoard
        stores={[jingan]}
        downtime={[
          unit({
            storeId: 'sh-002',
            storeName: 'Jing’an',
            equipmentId: 'oven-2',
            name: null,
            menuOffMs: 5 * H,
            costedEpisodes: 0,
            portionsLost: 0,
            money: [],
            unpricedEpisodes: 0,
            items: [],
          }),
          unit({}),
          unit({
            equipmentId: 'fryer-2',
            name: null,
            menuOffMs: H,
            costedEpisodes: 1,
            portionsLost: 2.5,
            money: [],
            unpricedEpisodes: 1,
            items: [],
          }),
        ]}
        now={NOW}
        onOpenStore={() => undefined}
      />,
      locale,
    );
    expect(screen.getByTestId('regional-stock').textContent).toContain(text.nothing);
    expect(screen.getByTestId('regional-86').textContent).toContain(text.allOn);
    const downtime = screen.getByTestId('regional-downtime');
    expect(downtime.textContent).toContain(text.hint);
    const order = [...downtime.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-testid'));
    expect(order).toEqual(['downtime-sh-002-oven-2', 'downtime-sh-001-fryer-1', 'downtime-sh-001-fryer-2']);
    const fryer = cells(screen.getByTestId('downtime-sh-001-fryer-1'));
    expect(fryer.slice(1, 5)).toEqual([
      locale === 'en' ? 'Fryer 1' : '1号炸炉',
      text.menuTime,
      text.items,
      text.portions,
    ]);
    expect(fryer[5]).toContain('193.51');
    // Priced, but the item had no menu price: portions without money.
    expect(cells(screen.getByTestId('downtime-sh-001-fryer-2')).slice(4)).toEqual(['2.5', text.noPrice]);
    // Nothing priced yet (an outage still going): said, not shown as zero.
    expect(cells(screen.getByTestId('downtime-sh-002-oven-2')).slice(1, 2)).toEqual(['oven-2']);
    expect(cells(screen.getByTestId('downtime-sh-002-oven-2')).slice(4)).toEqual([text.notYet, text.notYet]);
  });
});

describe('stock and 86 panel', () => {
  it('asks central for stock and equipment downtime, and shows only the picked region', async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        asked.push(url);
        const north = { ...jingan, storeId: 'bj-001', storeName: 'Guomao', regionId: 'north' };
        const body = url.startsWith('/api/regional/stock')
          ? { stores: [shanghai, north] }
          : {
              from: 0,
              to: 1,
              equipment: [unit({}), unit({ storeId: 'bj-001', regionId: 'north' })],
            };
        return new Response(JSON.stringify(body), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      }),
    );
    renderWithI18n(
      <StockPanel
        poll={{ token: 't', everyMs: 60_000, clock: () => NOW, onUnauthorized: () => undefined }}
        now={NOW}
        inRegion={(rows) => (rows ?? []).filter((r) => r.regionId === 'east')}
        onOpenStore={() => undefined}
      />,
    );
    await waitFor(() => expect(screen.getByTestId('downtime-sh-001-fryer-1')).toBeTruthy());
    expect(screen.queryByTestId('downtime-bj-001-fryer-1')).toBeNull();
    expect(asked.sort()).toEqual(['/api/regional/equipment-downtime', '/api/regional/stock']);
  });
});
