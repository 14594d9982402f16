// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Locale } from '../../../shared/localized-text';
import { renderWithI18n } from '../testing/render-with-i18n';
import { KdsMode } from './KdsMode';
import { STATIONS_KEY } from './kds-prefs';
import { FakeKdsEdge } from './testing/fake-kds-edge';
import { line, memoryStorage, T0, ticket } from './testing/kds-fixtures';

let edge: FakeKdsEdge;
const clock = () => Date.now();

beforeEach(() => {
  // Timers and Date only: the fetch machinery's own scheduling stays real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(T0);
  edge = new FakeKdsEdge(clock);
  vi.stubGlobal('fetch', edge.fetch);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** Lets fetches answer and React draw, advancing the fake clock by `ms`. */
async function pass(ms = 0) {
  await act(async () => {
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(i === 0 ? ms : 0);
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
}

async function show(stations: string[] | undefined, locale: Locale = 'en') {
  const storage = memoryStorage(stations ? { [STATIONS_KEY]: JSON.stringify(stations) } : {});
  renderWithI18n(<KdsMode now={clock} storeId="demo" timezone="UTC" storage={storage} />, locale);
  await pass();
  return storage;
}

const cards = () => [...document.querySelectorAll<HTMLElement>('[data-testid^="kds-ticket-"]')];
const selectedIds = () =>
  cards()
    .filter((c) => c.dataset.selected === 'true')
    .map((c) => c.dataset.testid);
const key = (k: string) => fireEvent.keyDown(window, { key: k });
const posts = () => edge.requests.filter((r) => r.method === 'POST').map((r) => [r.path, r.body]);

function threeGrillTickets() {
  edge.open.grill = [
    ticket({ id: 3, createdAt: T0 - 60_000 }),
    ticket({ id: 1, createdAt: T0 - 180_000 }),
    ticket({
      id: 2,
      createdAt: T0 - 120_000,
      lines: [line({ lineId: 'l1' }), line({ lineId: 'l2', item: 'fries' })],
    }),
  ];
}

describe('choosing stations', () => {
  it('asks which stations to show, remembers the choice and shows their tickets oldest first', async () => {
    threeGrillTickets();
    const storage = await show(undefined);
    expect(screen.getByTestId('kds-station-picker')).toBeTruthy();
    fireEvent.click(screen.getByTestId('kds-station-grill'));
    fireEvent.click(screen.getByTestId('kds-station-done'));
    await pass();
    expect(storage.map.get(STATIONS_KEY)).toBe('["grill"]');
    expect(screen.queryByTestId('kds-station-picker')).toBeNull();
    expect(cards().map((c) => c.dataset.testid)).toEqual(['kds-ticket-1', 'kds-ticket-2', 'kds-ticket-3']);
  });

  it('labels each card with its station when a screen shows prep and expo', async () => {
    edge.open.grill = [ticket({ id: 1, createdAt: T0 - 10_000 })];
    edge.open.expo = [
      ticket({ id: 2, station: 'expo', readiness: [{ station: 'grill', ready: false, openLines: 1 }] }),
    ];
    await show(['grill', 'expo']);
    expect(screen.getByTestId('kds-ticket-1').textContent).toContain('Grill');
    expect(screen.getByTestId('kds-ticket-2').textContent).toContain('Expo');
    expect(screen.getByTestId('kds-readiness-2-grill').textContent).toBe('Grill: 1 left');
    fireEvent.click(screen.getByTestId('kds-ticket-2'));
    expect(screen.getByTestId('kds-bump').textContent).toContain('Bump order (served)');
  });
});

describe('the live timer', () => {
  it('ticks every second and turns the card yellow with HURRY at the station’s warning', async () => {
    edge.open.grill = [ticket({ id: 1, createdAt: T0 - 298_000 })];
    await show(['grill']);
    expect(screen.getByTestId('kds-timer-1').textContent).toBe('●04:58');
    expect(screen.getByTestId('kds-ticket-1').dataset.age).toBe('ok');
    await pass(1000);
    expect(screen.getByTestId('kds-timer-1').textContent).toBe('●04:59');
    await pass(1000);
    expect(screen.getByTestId('kds-timer-1').textContent).toBe('▲HURRY05:00');
    expect(screen.getByTestId('kds-ticket-1').dataset.age).toBe('warn');
    await pass(180_000);
    expect(screen.getByTestId('kds-timer-1').textContent).toBe('■LATE08:00');
  });
});

describe('the bump bar', () => {
  it('selects the Nth ticket with digits, moves with arrows and bumps the selected one with Enter', async () => {
    threeGrillTickets();
    await show(['grill']);
    key('2');
    expect(selectedIds()).toEqual(['kds-ticket-2']);
    key('ArrowRight');
    expect(selectedIds()).toEqual(['kds-ticket-3']);
    key('ArrowRight');
    expect(selectedIds()).toEqual(['kds-ticket-3']);
    key('ArrowLeft');
    key('ArrowLeft');
    expect(selectedIds()).toEqual(['kds-ticket-1']);
    key('Enter');
    await pass();
    expect(posts()).toEqual([['/api/kds/tickets/1/bump', {}]]);
    // Gone from the screen (the edge says so), and the next ticket is selected for the next bump.
    expect(cards().map((c) => c.dataset.testid)).toEqual(['kds-ticket-2', 'kds-ticket-3']);
    expect(selectedIds()).toEqual(['kds-ticket-2']);
    key(' ');
    await pass();
    expect(posts().at(-1)).toEqual(['/api/kds/tickets/2/bump', {}]);
    expect(cards().map((c) => c.dataset.testid)).toEqual(['kds-ticket-3']);
  });

  it('does nothing on Enter with nothing selected, and a digit past the last ticket selects nothing', async () => {
    threeGrillTickets();
    await show(['grill']);
    key('Enter');
    key('7');
    await pass();
    expect(posts()).toEqual([]);
    expect(selectedIds()).toEqual([]);
  });

  it('recalls the last bumped ticket with r', async () => {
    threeGrillTickets();
    edge.bumped = [ticket({ id: 8, bumpedAt: T0 - 50_000 }), ticket({ id: 9, bumpedAt: T0 - 5_000 })];
    await show(['grill']);
    key('r');
    await pass();
    expect(posts()).toEqual([['/api/kds/tickets/9/recall', undefined]]);
    expect(screen.getByTestId('kds-ticket-9').textContent).toContain('RECALLED');
  });

  it('opens and closes all day with a, showing what is cooking and waiting per item', async () => {
    threeGrillTickets();
    edge.allDay.grill = [
      { item: 'burger', cooking: 3, pending: 1 },
      { item: 'fries', cooking: 0, pending: 2 },
    ];
    await show(['grill']);
    key('a');
    await pass();
    const rows = [...screen.getByTestId('kds-all-day').querySelectorAll('tbody tr')].map((r) =>
      [...r.children].map((c) => c.textContent),
    );
    expect(rows).toEqual([
      ['Burger', '3', '1'],
      ['Fries', '0', '2'],
    ]);
    key('a');
    await pass();
    expect(screen.queryByTestId('kds-all-day')).toBeNull();
  });
});

describe('touch', () => {
  it('bumps one line: tap the line, then Bump', async () => {
    threeGrillTickets();
    await show(['grill']);
    fireEvent.click(screen.getByTestId('kds-line-2-l2').querySelector('button') as HTMLElement);
    expect(screen.getByTestId('kds-bump').textContent).toContain('Bump line');
    fireEvent.click(screen.getByTestId('kds-bump'));
    await pass();
    expect(posts()).toEqual([['/api/kds/tickets/2/bump', { lineId: 'l2' }]]);
    expect(screen.getByTestId('kds-line-2-l2').textContent).toContain('done');
    expect(screen.getByTestId('kds-ticket-2')).toBeTruthy();
  });

  it('lists the day’s bumped tickets newest first and recalls the one tapped', async () => {
    edge.open.grill = [];
    edge.bumped = [
      ticket({ id: 8, orderExternalId: 'OLD', bumpedAt: T0 - 50_000 }),
      ticket({ id: 9, orderExternalId: 'NEW', bumpedAt: T0 - 5_000 }),
    ];
    await show(['grill']);
    fireEvent.click(screen.getByTestId('kds-recall-open'));
    await pass();
    const rows = [...screen.getByTestId('kds-recall-panel').querySelectorAll('li')].map(
      (li) => li.querySelector('.kds-order')?.textContent,
    );
    expect(rows).toEqual(['#NEW', '#OLD']);
    fireEvent.click(screen.getByTestId('kds-recall-8'));
    await pass();
    expect(posts()).toEqual([['/api/kds/tickets/8/recall', undefined]]);
    expect(screen.getByTestId('kds-ticket-8')).toBeTruthy();
    expect(screen.queryByTestId('kds-recalled-8')).toBeNull();
  });

  it('fires a held course', async () => {
    edge.open.grill = [ticket({ id: 4, lines: [line({ lineId: 'l1', state: 'pending', course: 2 })] })];
    await show(['grill']);
    fireEvent.click(screen.getByRole('button', { name: 'Fire course 2' }));
    await pass();
    expect(posts()).toEqual([['/api/kds/orders/40/fire', { course: 2 }]]);
  });
});

describe('when the edge cannot be reached', () => {
  it('says NOT LIVE within 5 s, keeps the tickets, and catches up when it is back', async () => {
    edge.open.grill = [ticket({ id: 1 })];
    await show(['grill']);
    expect(screen.queryByTestId('kds-not-live')).toBeNull();
    edge.down = true;
    await pass(5000);
    expect(screen.getByTestId('kds-not-live').textContent).toContain('NOT LIVE');
    expect(screen.getByTestId('kds-ticket-1')).toBeTruthy();
    edge.down = false;
    edge.open.grill = [ticket({ id: 1 }), ticket({ id: 5, createdAt: T0 + 1000 })];
    await pass(5000);
    expect(screen.queryByTestId('kds-not-live')).toBeNull();
    expect(screen.getByTestId('kds-ticket-5')).toBeTruthy();
  });

  it('says so in Chinese too', async () => {
    edge.open.grill = [ticket({ id: 1 })];
    await show(['grill'], 'zh-CN');
    expect(screen.getByTestId('kds-bump').textContent).toContain('完成');
    edge.down = true;
    await pass(5000);
    expect(screen.getByTestId('kds-not-live').textContent).toContain('未连接');
  });
});

describe('speed of service', () => {
  it('shows today’s average and 90th percentile overall, per station and per channel', async () => {
    await show(['grill']);
    fireEvent.click(screen.getByTestId('kds-speed-open'));
    await pass();
    const rows = [...screen.getByTestId('kds-speed').querySelectorAll('tbody tr')].map((r) =>
      [...r.children].map((c) => c.textContent),
    );
    expect(rows).toEqual([
      ['All tickets', '40', '5:30', '9:05'],
      ['Grill', '30', '5:00', '8:20'],
      ['Fry', '10', '—', '—'],
      ['Delivery', '12', '7:00', '10:10'],
    ]);
  });
});
