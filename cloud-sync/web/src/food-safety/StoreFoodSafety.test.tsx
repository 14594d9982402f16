// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CoolingBatchView } from '../../../../shared/api/food-safety';
import type { StoreFoodSafety } from '../../../../shared/central/food-safety-api';
import type { Locale } from '../../../../shared/localized-text';
import { formatDateTime } from '../format/time';
import { renderWithI18n } from '../testing/render-with-i18n';
import { StoreFoodSafetyPanel } from './StoreFoodSafety';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const H = 3_600_000;
const NOW = Date.UTC(2026, 0, 14, 4);
const cells = (el: HTMLElement) => [...el.querySelectorAll('td')].map((td) => td.textContent);

const figures: StoreFoodSafety = {
  storeId: 'sh-002',
  storeName: 'Jing’an',
  regionId: 'east',
  regionName: '华东区',
  compliance: {
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
  },
  openActions: 0,
  oldestOpenSince: null,
  oldestOpenAgeMs: null,
  overdueActions: 0,
  escalatedToCentral: 0,
  openExcursions: 0,
  cooling: { batches: 2, failed: 1 },
  chain: { status: 'ok', headSeq: 48, headAt: NOW - 2 * 60_000, alerts: 0 },
};

function batch(overrides: Partial<CoolingBatchView>): CoolingBatchView {
  const t0 = NOW - 17 * H;
  const stage = (toC: number, withinMin: number) => ({
    toC,
    withinMin,
    deadline: t0 + withinMin * 60_000,
    result: 'pending' as const,
    at: null,
    valueC: null,
    warnedAt: null,
    projectedAt: null,
  });
  return {
    id: 60,
    seq: 62,
    amends: 60,
    change: 'stage_failed',
    product: 'Chicken stock',
    quantity: { amount: 12, unit: 'l' },
    equipmentId: 'ric-1',
    metric: 'temp_c',
    pack: 'us-fda-food-code-2022',
    packEdition: '2022',
    limitId: 'cooling',
    clause: '3-501.14(A)',
    fromC: 57,
    startedAt: t0,
    t0,
    state: 'failed',
    stages: [
      { ...stage(21, 120), result: 'failed', at: t0 + 2 * H, valueC: 22 },
      { ...stage(5, 360), result: 'skipped' },
    ],
    actionId: 61,
    by: 'system',
    note: null,
    at: t0 + 2 * H,
    latest: null,
    projection: null,
    title: { en: 'Cooling Chicken stock', 'zh-CN': '冷却 Chicken stock' },
    ...overrides,
  };
}

/** Central as the panel sees it: the store's detail with two batches, and its records CSV. */
function stubCentral(): { asked: string[]; tokens: Map<string, string | undefined> } {
  const asked: string[] = [];
  const tokens = new Map<string, string | undefined>();
  const passedT0 = NOW - 3 * H;
  const passed = (toC: number, withinMin: number, atMin: number) => ({
    toC,
    withinMin,
    deadline: passedT0 + withinMin * 60_000,
    result: 'passed' as const,
    at: passedT0 + atMin * 60_000,
    valueC: toC,
    warnedAt: null,
    projectedAt: null,
  });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: { headers?: Record<string, string> }) => {
      asked.push(url);
      tokens.set(new URL(url, 'http://central').pathname, init?.headers?.authorization);
      if (url.includes('/records.csv'))
        return new Response('\uFEFFFood safety records held by central\r\n\r\nCooling batches\r\n', {
          status: 200,
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="x.csv"',
          },
        });
      const body = {
        store: figures,
        excursions: [],
        correctiveActions: [],
        tamperAlerts: [],
        // As central orders them: the batch that missed a stage first, though the other is newer.
        cooling: [
          batch({}),
          batch({
            id: 70,
            product: '红烧肉',
            state: 'passed',
            t0: passedT0,
            startedAt: passedT0,
            actionId: null,
            stages: [passed(21, 120, 110), passed(5, 360, 350)],
          }),
        ],
        checks: [
          {
            id: 90,
            checkId: 'nuggets-hold',
            title: { en: 'Nuggets in holding cabinet 2', 'zh-CN': '保温柜 2 中的鸡块' },
            equipmentId: null,
            slotAt: NOW - 5 * H,
            closesAt: NOW - 4 * H,
            pack: 'galley-company-standard',
            packEdition: '2026-01',
            limitId: 'hot-holding-probe',
            clause: 'GCS-4',
            measure: { kind: 'temperature', bound: 'at_least', tempC: 63 },
            status: 'missed',
            valueC: null,
            inLimit: null,
            actionId: null,
            by: 'system',
            note: null,
            at: NOW - 4 * H,
          },
        ],
      };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return { asked, tokens };
}

describe.each<[Locale, Record<string, string[] | string>]>([
  [
    'en',
    {
      failedBatch: [
        'Failed≤ 21 °C within 2 h{a} · 22 °C',
        'Not judged≤ 5 °C within 6 h',
        'Failedcorrective action #61',
      ],
      passedBatch: ['Passed≤ 21 °C within 2 h{b} · 21 °C', 'Passed≤ 5 °C within 6 h{c} · 5 °C', 'Passed'],
      download: 'Download records (CSV)',
    },
  ],
  [
    'zh-CN',
    {
      failedBatch: [
        '不合格2 小时内降至 ≤ 21 °C{a} · 22 °C',
        '未判定6 小时内降至 ≤ 5 °C',
        '不合格纠正措施 #61',
      ],
      passedBatch: ['合格2 小时内降至 ≤ 21 °C{b} · 21 °C', '合格6 小时内降至 ≤ 5 °C{c} · 5 °C', '合格'],
      download: '下载记录（CSV）',
    },
  ],
])('a store’s cooling batches and records download in %s', (locale, text) => {
  it('lists the batches, missed stages first with each stage’s time and °C, and downloads central’s CSV with the session token', async () => {
    const { asked, tokens } = stubCentral();
    renderWithI18n(
      <StoreFoodSafetyPanel
        storeId="sh-002"
        storeName="Jing’an"
        from={NOW - 7 * 24 * H}
        to={NOW}
        poll={{ token: 't', everyMs: 60_000, clock: () => NOW, onUnauthorized: () => undefined }}
        now={NOW}
        onOpenStore={() => undefined}
      />,
      locale,
    );
    await waitFor(() => expect(screen.getByTestId('cooling-60')).toBeTruthy());
    // The missed check, named in the page's language.
    const checks = screen.getByTestId('food-safety-checks');
    expect(checks.querySelector('tbody tr')?.getAttribute('data-status')).toBe('missed');
    expect(checks.textContent).toContain(
      locale === 'en' ? 'Nuggets in holding cabinet 2' : '保温柜 2 中的鸡块',
    );
    expect(checks.textContent).toContain(locale === 'en' ? 'MISSED' : '漏检');
    // Cooling: the batch that missed a stage first, as central sends it, marked.
    const batches = [...screen.getByTestId('food-safety-cooling').querySelectorAll('tbody tr')];
    expect(batches.map((r) => [r.getAttribute('data-testid'), r.getAttribute('data-failed')])).toEqual([
      ['cooling-60', 'true'],
      ['cooling-70', 'false'],
    ]);
    // Times in the viewer's zone, as every time on the page.
    const times = {
      '{a}': formatDateTime(NOW - 15 * H, locale),
      '{b}': formatDateTime(NOW - 3 * H + 110 * 60_000, locale),
      '{c}': formatDateTime(NOW - 3 * H + 350 * 60_000, locale),
    };
    const at = (lines: string[] | string) =>
      [lines].flat().map((l) => l.replace(/\{[abc]\}/g, (k) => times[k as keyof typeof times]));
    expect(cells(screen.getByTestId('cooling-60')).slice(2)).toEqual(at(text.failedBatch ?? []));
    expect(cells(screen.getByTestId('cooling-70')).slice(2)).toEqual(at(text.passedBatch ?? []));

    // The store's records as a file, fetched with the session's token.
    const made: Blob[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(URL, {
        createObjectURL: (b: Blob) => {
          made.push(b);
          return 'blob:x';
        },
        revokeObjectURL: () => undefined,
      }),
    );
    const download = screen.getByRole('button', { name: String(text.download) });
    fireEvent.click(download);
    await waitFor(() => expect(made).toHaveLength(1));
    const csvUrl = new URL(asked.find((u) => u.includes('/records.csv')) ?? '', 'http://c');
    expect(csvUrl.pathname).toBe('/api/regional/food-safety/stores/sh-002/records.csv');
    expect(csvUrl.searchParams.get('lang')).toBe(locale);
    expect(tokens.get(csvUrl.pathname)).toBe('Bearer t');
    expect(await made[0]?.text()).toContain('Cooling batches');
  });
});
