// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  FigureValue,
  Scorecard,
  ScorecardFigureKey,
  StoreFigure,
  StoreScorecard,
} from '../../../../shared/central/scorecard';
import { renderWithI18n } from '../testing/render-with-i18n';
import { ScorecardBoard } from './ScorecardPanel';

afterEach(cleanup);

const DAY = 86_400_000;
const TO = Date.UTC(2026, 0, 29);
const weeks = [
  { from: TO - 14 * DAY, to: TO - 7 * DAY },
  { from: TO - 7 * DAY, to: TO },
];
const v = (value: number | null): FigureValue =>
  value === null ? { value: null, noData: 'not_synced' } : { value, noData: null };

function figure(
  value: number | null,
  regionMedian: number | null,
  comparison: StoreFigure['comparison'],
): StoreFigure {
  return { ...v(value), regionMedian, comparison, trend: [v(value), v(value)] };
}

function store(
  id: string,
  name: string,
  figures: Partial<Record<ScorecardFigureKey, StoreFigure>>,
): StoreScorecard {
  const empty = figure(null, null, null);
  return {
    storeId: id,
    storeName: name,
    regionId: 'east',
    regionName: '华东区',
    state: 'open',
    units: 4,
    figures: {
      uptimePct: empty,
      alarmsPerUnit: empty,
      ticketsPerUnit: empty,
      mttrH: empty,
      pmOnTimePct: empty,
      repairSpend: {
        value: null,
        noData: 'not_synced',
        regionMedian: null,
        comparison: null,
        trend: [],
      },
      energyKwhPerDay: empty,
      foodSafetyPct: empty,
      ...figures,
    },
  };
}

const medians = {
  uptimePct: 98.5,
  alarmsPerUnit: 0.25,
  ticketsPerUnit: 0.5,
  mttrH: 4,
  pmOnTimePct: 75,
  repairSpend: 179.315,
  energyKwhPerDay: 100,
  foodSafetyPct: 97.5,
};
const card: Scorecard = {
  from: TO - 14 * DAY,
  to: TO,
  weeks,
  regions: [
    {
      regionId: 'east',
      regionName: '华东区',
      openStores: 2,
      medians,
      weekly: Object.fromEntries(
        Object.entries(medians).map(([k, m]) => [k, [m, m]]),
      ) as Scorecard['regions'][0]['weekly'],
    },
  ],
  stores: [
    store('sh-001', '上海人民广场店', {
      uptimePct: figure(99.25, 98.5, 'better'),
      mttrH: figure(6.5, 4, 'worse'),
      energyKwhPerDay: figure(1234.5, 100, 'worse'),
      repairSpend: {
        value: 308.63,
        noData: null,
        money: { perUnit: '308.63', total: '1234.50', currency: 'CNY' },
        regionMedian: 179.315,
        regionMedianMoney: '179.32',
        comparison: 'worse',
        trend: [
          { value: 0, noData: null, money: { perUnit: '0.00', total: '0.00', currency: 'CNY' } },
          { value: 308.63, noData: null, money: { perUnit: '308.63', total: '1234.50', currency: 'CNY' } },
        ],
      },
    }),
    store('sh-002', '上海徐家汇店', { uptimePct: figure(97.75, 98.5, 'worse') }),
  ],
};

describe('the store scorecard', () => {
  it('shows each figure with its unit and its place against the median, in zh-CN', () => {
    renderWithI18n(
      <ScorecardBoard card={card} regions={card.regions} stores={card.stores} onOpenStore={() => {}} />,
      'zh-CN',
    );
    const row = document.querySelector('tr[data-store="sh-001"]') as HTMLElement;
    const cell = (key: string) => row.querySelector(`td[data-figure="${key}"]`) as HTMLElement;
    expect(cell('uptimePct').textContent).toBe('99.25% ▲');
    expect(cell('uptimePct').dataset.comparison).toBe('better');
    expect(cell('mttrH').textContent).toBe('6.5 小时 ▼');
    expect(cell('energyKwhPerDay').textContent).toBe('1,234.5 千瓦时 ▼');
    expect(cell('repairSpend').textContent).toBe('¥308.63 ▼');
    expect(cell('pmOnTimePct').textContent).toBe('未同步数据');
    const median = document.querySelector('tr[data-median="east"]') as HTMLElement;
    expect(median.textContent).toContain('华东区中位数（2 家营业中门店）');
    expect(median.textContent).toContain('98.5%');
    expect(median.textContent).toContain('¥179.32');
    // The first store's trend: one chart per figure, the store solid, the median dashed.
    expect(screen.getByText('每周趋势：上海人民广场店')).toBeTruthy();
    expect(document.querySelectorAll('.trend-chart')).toHaveLength(8);
  });

  it('shows the chosen store’s trend, in English', () => {
    renderWithI18n(
      <ScorecardBoard card={card} regions={card.regions} stores={card.stores} onOpenStore={() => {}} />,
      'en',
    );
    expect(screen.getByText('Weekly trend: 上海人民广场店')).toBeTruthy();
    const spend = document.querySelector('tr[data-store="sh-001"] td[data-figure="repairSpend"]');
    expect(spend?.textContent).toBe('CN¥308.63 ▼');
    const spendChart = document.querySelectorAll('.trend-chart svg')[5] as SVGElement;
    expect(spendChart.getAttribute('aria-label')).toBe('Repair spend: CN¥0.00, CN¥308.63');
    fireEvent.click(document.querySelector('tr[data-store="sh-002"] td.num') as HTMLElement);
    expect(screen.getByText('Weekly trend: 上海徐家汇店')).toBeTruthy();
    const uptime = document.querySelector('.trend-chart svg') as SVGElement;
    expect(uptime.getAttribute('aria-label')).toBe('Equipment uptime: 97.75 %, 97.75 %');
    expect(uptime.querySelectorAll('polyline.store')).toHaveLength(1);
    expect(uptime.querySelectorAll('polyline.median')).toHaveLength(1);
    const row = document.querySelector('tr[data-store="sh-002"]') as HTMLElement;
    expect(row.querySelector('td[data-figure="uptimePct"]')?.textContent).toBe('97.75 % ▼');
  });
});
