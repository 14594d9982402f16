// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TicketTimeSummary } from '../../../../shared/api/kds';
import {
  type StoreSpeedOfService,
  StoreSpeedOfService as StoreSpeedOfServiceSchema,
} from '../../../../shared/central/speed-of-service-api';
import type { Locale } from '../../../../shared/localized-text';
import { renderWithI18n } from '../testing/render-with-i18n';
import { SpeedOfServiceBoard, SpeedOfServicePanel } from './SpeedOfServicePanel';
import { formatTicketTime, todayRange } from './speed-format';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const summary = (tickets: number, averageS: number | null, p90S: number | null): TicketTimeSummary => ({
  tickets,
  averageS,
  p90S,
});

function store(id: string, name: string, overrides: Partial<StoreSpeedOfService> = {}): StoreSpeedOfService {
  return StoreSpeedOfServiceSchema.parse({
    storeId: id,
    storeName: name,
    regionId: 'east',
    regionName: '华东区',
    overall: summary(0, null, null),
    byStation: [],
    byChannel: [],
    ordersByDay: [],
    ...overrides,
  });
}

const quick = store('sh-001', 'People’s Square', {
  overall: summary(40, 245.4, 372),
  byStation: [
    { station: 'fry', ...summary(15, 130, 190) },
    { station: 'grill', ...summary(25, 314.6, 372) },
  ],
  byChannel: [
    { channel: 'dine_in', ...summary(30, 260, 372) },
    { channel: 'delivery', ...summary(10, 200.2, 290) },
  ],
  ordersByDay: [
    {
      businessDate: '2026-01-05',
      orders: 31,
      portions: 88,
      byChannel: [{ channel: 'dine_in', orders: 31, portions: 88 }],
    },
  ],
});
const slow = store('sh-002', 'Xujiahui', {
  overall: summary(12, 600, 905),
  byStation: [{ station: 'wok', ...summary(12, 600, 905) }],
  byChannel: [{ channel: 'takeaway', ...summary(12, 600, 905) }],
});
const idle = store('sh-003', 'Jing’an');

function row(storeId: string): HTMLElement {
  return screen.getByTestId(`speed-store-${storeId}`);
}
const cells = (el: HTMLElement) => [...el.querySelectorAll('td')].map((td) => td.textContent);

describe.each<[Locale, Record<string, string>]>([
  [
    'en',
    {
      title: 'Speed of service today',
      split: 'By station and channel: Xujiahui',
      dineIn: 'Dine-in',
      delivery: 'Delivery',
      none: 'No ticket bumped yet today.',
    },
  ],
  [
    'zh-CN',
    {
      title: '今日出餐速度',
      split: '按工位和渠道：Xujiahui',
      dineIn: '堂食',
      delivery: '外卖',
      none: '今天还没有出餐记录。',
    },
  ],
])('speed of service panel in %s', (locale, text) => {
  it('lists every store, slowest kitchen first, with tickets, average and p90 as m:ss', () => {
    renderWithI18n(
      <SpeedOfServiceBoard stores={[quick, idle, slow]} onOpenStore={() => undefined} />,
      locale,
    );
    const panel = screen.getByTestId('speed-of-service');
    expect(panel.querySelector('h2')?.textContent).toBe(text.title);
    const order = [...panel.querySelectorAll('tbody tr[data-testid^="speed-store-"]')].map((r) =>
      r.getAttribute('data-testid'),
    );
    expect(order).toEqual(['speed-store-sh-002', 'speed-store-sh-001', 'speed-store-sh-003']);
    expect(cells(row('sh-001')).slice(1, 6)).toEqual(['40', '4:05', '6:12', '31', '88']);
    expect(cells(row('sh-002')).slice(1, 4)).toEqual(['12', '10:00', '15:05']);
    expect(cells(row('sh-003')).slice(1, 4)).toEqual(['0', '—', '—']);
  });

  it('splits the chosen store by station and channel, the slowest one until another is chosen', () => {
    renderWithI18n(
      <SpeedOfServiceBoard stores={[quick, idle, slow]} onOpenStore={() => undefined} />,
      locale,
    );
    const split = () => screen.getByTestId('speed-split');
    expect(split().getAttribute('data-store-id')).toBe('sh-002');
    expect(split().querySelector('h2')?.textContent).toBe(text.split);

    fireEvent.click(row('sh-001').querySelector('button.store-link') as HTMLElement);
    expect(split().getAttribute('data-store-id')).toBe('sh-001');
    expect(row('sh-001').getAttribute('aria-current')).toBe('true');
    const byKey = (key: string) => cells(split().querySelector(`tr[data-split="${key}"]`) as HTMLElement);
    expect(byKey('grill')).toEqual(['grill', '25', '5:15', '6:12']);
    expect(byKey('fry')).toEqual(['fry', '15', '2:10', '3:10']);
    expect(byKey('dine_in')).toEqual([text.dineIn, '30', '4:20', '6:12']);
    expect(byKey('delivery')).toEqual([text.delivery, '10', '3:20', '4:50']);

    fireEvent.click(row('sh-003').querySelector('button.store-link') as HTMLElement);
    expect(split().textContent).toContain(text.none);
  });
});

describe('speed of service panel', () => {
  it('asks central for today, midnight to midnight in the viewer’s zone, and shows only the picked region', async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        asked.push(url);
        const north = store('bj-001', 'Guomao', { regionId: 'north' });
        return new Response(JSON.stringify({ from: 0, to: 1, stores: [quick, north] }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      }),
    );
    const now = new Date(2026, 0, 5, 14, 30).getTime();
    renderWithI18n(
      <SpeedOfServicePanel
        poll={{ token: 't', everyMs: 60_000, clock: () => now, onUnauthorized: () => undefined }}
        now={now}
        inRegion={(rows) => (rows ?? []).filter((r) => r.regionId === 'east')}
        onOpenStore={() => undefined}
      />,
    );
    await waitFor(() => expect(screen.getByTestId('speed-store-sh-001')).toBeTruthy());
    expect(screen.queryByTestId('speed-store-bj-001')).toBeNull();
    const { from, to } = todayRange(now);
    expect(from).toBe(new Date(2026, 0, 5).getTime());
    expect(to).toBe(new Date(2026, 0, 6).getTime());
    expect(asked[0]).toBe(`/api/regional/speed-of-service?from=${from}&to=${to}`);
  });

  it('formats ticket times as minutes and seconds', () => {
    expect(formatTicketTime(59.6)).toBe('1:00');
    expect(formatTicketTime(3725)).toBe('62:05');
    expect(formatTicketTime(null)).toBe('—');
  });
});
