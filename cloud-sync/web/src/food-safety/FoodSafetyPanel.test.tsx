// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CorrectiveActionView, ExcursionView } from '../../../../shared/api/food-safety';
import {
  type StoreFoodSafety,
  StoreFoodSafety as StoreFoodSafetySchema,
  type TamperAlert,
} from '../../../../shared/central/food-safety-api';
import type { Locale } from '../../../../shared/localized-text';
import { renderWithI18n } from '../testing/render-with-i18n';
import { FoodSafetyBoard, FoodSafetyPanel } from './FoodSafetyPanel';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const H = 3_600_000;
const NOW = Date.UTC(2026, 0, 14, 4);
const header = { regionId: 'east', regionName: '华东区' };
const figures = {
  storeDays: 7,
  controlPointDays: 14,
  minutes: 14 * 1440,
  inLimitMin: 14 * 1440,
  excusedMin: 0,
  outOfLimitMin: 0,
  noDataMin: 0,
  compliancePct: 100,
  daysFailed: 0,
  excursions: 0,
  missedChecks: 0,
};

const store = (overrides: Partial<StoreFoodSafety>): StoreFoodSafety =>
  StoreFoodSafetySchema.parse({
    storeId: 'sh-001',
    storeName: 'People’s Square',
    ...header,
    compliance: figures,
    openActions: 0,
    oldestOpenSince: null,
    oldestOpenAgeMs: null,
    overdueActions: 0,
    escalatedToCentral: 0,
    openExcursions: 0,
    cooling: { batches: 0, failed: 0 },
    chain: { status: 'ok', headSeq: 48, headAt: NOW - 2 * 60_000, alerts: 0 },
    ...overrides,
  });

const jingan = store({
  storeId: 'sh-002',
  storeName: 'Jing’an',
  compliance: {
    ...figures,
    inLimitMin: 14 * 1440 - 720,
    outOfLimitMin: 720,
    compliancePct: 96.4,
    daysFailed: 1,
  },
  chain: { status: 'tampered', headSeq: 30, headAt: NOW - H, alerts: 1 },
});
const square = store({
  compliance: { ...figures, compliancePct: 95.8, daysFailed: 1, excursions: 1, missedChecks: 2 },
  openActions: 2,
  oldestOpenSince: NOW - 5 * H,
  oldestOpenAgeMs: 5 * H,
  overdueActions: 1,
  openExcursions: 1,
  cooling: { batches: 2, failed: 1 },
});
const xuhui = store({
  storeId: 'sh-003',
  storeName: 'Xuhui',
  compliance: {
    ...figures,
    storeDays: 0,
    controlPointDays: 0,
    minutes: 0,
    inLimitMin: 0,
    compliancePct: null,
  },
  chain: { status: 'never_sent', headSeq: null, headAt: null, alerts: 0 },
});
const alert: TamperAlert = {
  storeId: 'sh-002',
  storeName: 'Jing’an',
  ...header,
  kind: 'rewritten',
  earlier: { eventSeq: 1, seq: 30, hash: 'a1b2c3d4e5f6'.padEnd(64, '0'), at: NOW - 2 * H },
  later: { eventSeq: 3, seq: 30, hash: '9f8e7d6c5b4a'.padEnd(64, '0'), at: NOW - H },
  detectedAt: NOW - H,
};

const cells = (el: HTMLElement) => [...el.querySelectorAll('td')].map((td) => td.textContent);

describe.each<[Locale, Record<string, string[] | string>]>([
  [
    'en',
    {
      title: 'Food safety by store, worst first (last 7 days)',
      jingan: ['Jing’an sh-002', 'Tampered alerts: 1', '96.4%', '1 of 7', 'none', '0', '0', '0'],
      square: [
        'People’s Square sh-001',
        'Intact record #48, 2 min ago',
        '95.8%',
        '1 of 7',
        '2 open, oldest 5 h1 overdue',
        '2',
        '11 still out',
        '21 failed',
      ],
      xuhui: ['Xuhui sh-003', 'Never sent', 'no day reported', '—', 'none', '0', '0', '0'],
      alert: ['Jing’an sh-002', 'Record rewritten', 'record #30 (a1b2c3d4e5f6…), then #30 (9f8e7d6c5b4a…)'],
      region: ['华东区', '3', '97.0%', '2', '21 overdue', '1'],
      noAlerts: 'No store’s record chain went back or was rewritten.',
      overdue: 'Open, overdue by 4 h',
      due: 'Open, due in 1 h',
      signed: 'Signed off by manager-chenmoved stock to walk-in 2product moved to walkin-2 (12.5 kg)',
      excursion: ['Walk-in above 5 °C', '35 minstill out of limit', '8.4 °C limit ≤ 5 °C'],
    },
  ],
  [
    'zh-CN',
    {
      title: '各门店食品安全（近 7 天，最差的在前）',
      jingan: ['Jing’an sh-002', '被篡改 警报 1 条', '96.4%', '7 天中 1 天', '无', '0', '0', '0'],
      square: [
        'People’s Square sh-001',
        '完整 记录 #48，2 分钟前',
        '95.8%',
        '7 天中 1 天',
        '2 项未关闭，最早已 5 小时1 项逾期',
        '2',
        '11 项仍超限',
        '21 批未达标',
      ],
      xuhui: ['Xuhui sh-003', '从未上报', '尚无日结', '—', '无', '0', '0', '0'],
      alert: ['Jing’an sh-002', '记录被改写', '先为记录 #30（a1b2c3d4e5f6…），后为 #30（9f8e7d6c5b4a…）'],
      region: ['华东区', '3', '97.0%', '2', '21 项逾期', '1'],
      noAlerts: '没有门店的记录链倒退或被改写。',
      overdue: '未关闭，已逾期 4 小时',
      due: '未关闭，1 小时后到期',
      signed: '已由 manager-chen 签核moved stock to walk-in 2产品转移至 walkin-2（12.5 千克）',
      excursion: ['冷库高于 5 °C', '35 分钟仍超限', '8.4 °C 限值 ≤ 5 °C'],
    },
  ],
])('food-safety tab in %s', (locale, text) => {
  it('lists the stores worst first with the chain status in words, and the tamper alerts', () => {
    renderWithI18n(
      <FoodSafetyBoard
        stores={[jingan, square, xuhui]}
        regions={[
          {
            ...header,
            stores: 3,
            compliance: { ...figures, compliancePct: 97, daysFailed: 2 },
            openActions: 2,
            overdueActions: 1,
            tamperedStores: 1,
          },
        ]}
        alerts={[alert]}
        now={NOW}
        onChoose={() => undefined}
      />,
      locale,
    );
    const list = screen.getByTestId('food-safety-stores');
    expect(list.querySelector('h2')?.textContent).toBe(text.title);
    const order = [...list.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-testid'));
    // As central ranks them: the tampered chain first, the store with nothing reported last.
    expect(order).toEqual([
      'food-safety-store-sh-002',
      'food-safety-store-sh-001',
      'food-safety-store-sh-003',
    ]);
    expect(cells(screen.getByTestId('food-safety-store-sh-002'))).toEqual(text.jingan);
    expect(cells(screen.getByTestId('food-safety-store-sh-001'))).toEqual(text.square);
    expect(cells(screen.getByTestId('food-safety-store-sh-003'))).toEqual(text.xuhui);
    expect(cells(screen.getByTestId('tamper-sh-002-3')).slice(0, 3)).toEqual(text.alert);
    expect(cells(screen.getByTestId('food-safety-region-east'))).toEqual(text.region);
  });

  it('says so when no chain went back', () => {
    renderWithI18n(
      <FoodSafetyBoard stores={[square]} regions={[]} alerts={[]} now={NOW} onChoose={() => undefined} />,
      locale,
    );
    expect(screen.getByTestId('food-safety-alerts').textContent).toContain(text.noAlerts);
  });

  it('asks central for the last 7 store days and shows the worst store’s actions and excursions', async () => {
    const asked = stubCentral();
    renderWithI18n(
      <FoodSafetyPanel
        poll={{ token: 't', everyMs: 60_000, clock: () => NOW, onUnauthorized: () => undefined }}
        now={NOW}
        inRegion={(rows) => (rows ?? []).filter((r) => r.regionId === 'east')}
        onOpenStore={() => undefined}
      />,
      locale,
    );
    await waitFor(() => expect(screen.getByTestId('action-41')).toBeTruthy());
    expect(screen.queryByTestId('food-safety-store-bj-001')).toBeNull();
    expect(screen.getByTestId('food-safety-detail').getAttribute('data-store-id')).toBe('sh-002');
    expect(cells(screen.getByTestId('action-41'))[2]).toBe(text.overdue);
    expect(cells(screen.getByTestId('action-43'))[2]).toBe(text.due);
    expect(cells(screen.getByTestId('action-39'))[2]).toBe(text.signed);
    expect([0, 2, 3].map((i) => cells(screen.getByTestId('excursion-40'))[i])).toEqual(text.excursion);
    // Choosing another store asks for its lists.
    fireEvent.click(screen.getByRole('button', { name: /People’s Square/ }));
    await waitFor(() =>
      expect(screen.getByTestId('food-safety-detail').getAttribute('data-store-id')).toBe('sh-001'),
    );
    const paths = asked.map((url) => new URL(url, 'http://central').pathname);
    expect(new Set(paths)).toEqual(
      new Set([
        '/api/regional/food-safety',
        '/api/regional/food-safety/tamper-alerts',
        '/api/regional/food-safety/stores/sh-002',
        '/api/regional/food-safety/stores/sh-001',
        // the chosen store's archived monthly reports (ReportArchive.tsx)
        '/api/regional/food-safety/stores/sh-002/reports',
        '/api/regional/food-safety/stores/sh-001/reports',
      ]),
    );
    const overview = new URL(asked.find((u) => u.startsWith('/api/regional/food-safety?')) ?? '', 'http://c');
    const from = Number(overview.searchParams.get('from'));
    const to = Number(overview.searchParams.get('to'));
    // Seven whole days in the viewer's zone, ending at today's midnight.
    expect(Math.round((to - from) / (24 * H))).toBe(7);
    expect(to).toBeLessThanOrEqual(NOW);
    expect(NOW - to).toBeLessThan(24 * H);
  });
});

function stubCentral(): string[] {
  const asked: string[] = [];
  const opened = NOW - 5 * H;
  const action = (overrides: Partial<CorrectiveActionView>): CorrectiveActionView => ({
    id: 41,
    seq: 41,
    amends: null,
    change: 'opened',
    controlPointId: 'walkin-cold',
    equipmentId: 'walkin-1',
    excursionId: 40,
    alarmId: null,
    ticketId: null,
    state: 'open',
    title: { en: 'Walk-in above 5 °C', 'zh-CN': '冷库高于 5 °C' },
    openedAt: opened,
    dueAt: opened + H,
    escalation: 'none',
    whatDone: null,
    disposition: null,
    quantity: null,
    movedTo: null,
    note: null,
    by: 'system',
    at: opened,
    ...overrides,
  });
  const excursion: ExcursionView = {
    id: 40,
    controlPointId: 'walkin-cold',
    equipmentId: 'walkin-1',
    startedAt: opened - 35 * 60_000,
    endedAt: null,
    minutes: 35,
    worstC: 8.4,
    limitSeq: 1,
    bound: 'at_most',
    limitC: 5,
    alertDelayMin: 30,
    title: { en: 'Walk-in above 5 °C', 'zh-CN': '冷库高于 5 °C' },
  };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      asked.push(url);
      const north = store({ storeId: 'bj-001', storeName: 'Guomao', regionId: 'north' });
      const path = new URL(url, 'http://central').pathname;
      const body =
        path === '/api/regional/food-safety'
          ? { from: 0, to: 1, stores: [jingan, square, north], regions: [] }
          : path === '/api/regional/food-safety/tamper-alerts'
            ? { alerts: [alert] }
            : {
                store: path.endsWith('sh-001') ? square : jingan,
                excursions: [excursion],
                correctiveActions: [
                  action({}),
                  action({ id: 43, seq: 43, openedAt: NOW - H, dueAt: NOW + H }),
                  action({
                    id: 39,
                    seq: 48,
                    amends: 39,
                    change: 'signed_off',
                    state: 'signed_off',
                    whatDone: 'moved stock to walk-in 2',
                    disposition: 'moved',
                    quantity: { amount: 12.5, unit: 'kg' },
                    movedTo: 'walkin-2',
                    by: 'manager-chen',
                  }),
                ],
                tamperAlerts: [],
                cooling: [],
              };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return asked;
}
