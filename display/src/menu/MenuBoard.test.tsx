// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Locale } from '../../../shared/localized-text';
import type { PushConnection } from '../live/mqtt-push';
import { renderWithI18n } from '../testing/render-with-i18n';
import type { MenuPushOptions } from './menu-push';
import { FakeMenuEdge, PIN } from './testing/fake-menu-edge';
import { at, lunchMenu } from './testing/menu-fixtures';
import { MenuBoardWithPin } from './testing/menu-harness';

const NOW = at(12, 30);
let edge: FakeMenuEdge;

beforeEach(() => {
  edge = new FakeMenuEdge(lunchMenu(), () => NOW);
  vi.stubGlobal('fetch', edge.fetch);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Polled only, and slowly: what a test sees comes from its own actions. */
const POLL_ONLY = { mqttUrl: undefined, pollMs: 60_000 };

async function show(locale: Locale = 'en') {
  renderWithI18n(<MenuBoardWithPin storeId="demo" now={NOW} live={POLL_ONLY} />, locale);
  await screen.findByTestId('menu-item-fries');
}

const row = (item: string) => screen.getByTestId(`menu-item-${item}`);
const rowText = (item: string) => row(item).textContent ?? '';
const order = () =>
  [...document.querySelectorAll<HTMLElement>('[data-testid^="menu-item-"]')].map((r) =>
    r.dataset.testid?.replace('menu-item-', ''),
  );
const methods = (method: string) => edge.requests.filter((r) => r.method === method);

/** Taps a person on the PIN pad and types the PIN; the last digit sends it. */
function enterPin(name: string) {
  const pad = screen.getByRole('dialog', { name: /PIN|密码/ });
  fireEvent.click(within(pad).getByText(name));
  for (const digit of PIN) fireEvent.click(within(pad).getByRole('button', { name: digit }));
}

describe('the 86 board', () => {
  it('shows what is off first, the longest off first, then what can be sold', async () => {
    await show();
    expect(order()).toEqual(['combo', 'fries', 'nuggets', 'salad', 'burger', 'cola', 'shake']);
    expect(rowText('fries')).toContain("86'd");
    expect(rowText('cola')).toContain('Available');
    expect(screen.getByText("86'd now (5)")).toBeTruthy();
    expect(screen.getByText('Available (2)')).toBeTruthy();
  });

  it('says why in English: the units down with their ticket and alarm, who 86d it and why, the stock', async () => {
    await show();
    expect(rowText('fries')).toContain(
      'Fryer 1, Fryer 2 down since 12:04 — ticket #41, Oil over temperature',
    );
    expect(rowText('salad')).toContain("86'd by Manager Li at 12:10: out of lettuce");
    expect(rowText('burger')).toContain('Out of stock: buns, since 12:20');
  });

  it('says why in Chinese', async () => {
    await show('zh-CN');
    expect(rowText('fries')).toContain('炸炉 1、炸炉 2 故障，自 12:04 起 — 报修单 #41、油温过高');
    expect(rowText('fries')).toContain('已估清');
    expect(rowText('salad')).toContain('Manager Li 于 12:10 估清：out of lettuce');
    expect(rowText('burger')).toContain('缺货：buns，自 12:20 起');
    expect(rowText('cola')).toContain('可售');
    expect(screen.getByTestId('menu-back-salad').textContent).toBe('恢复供应');
  });

  it('offers "Back on" only for a hand 86, and says equipment and stock cannot be put back by hand', async () => {
    await show();
    expect(screen.getByTestId('menu-back-salad').textContent).toBe('Back on');
    expect(screen.queryByTestId('menu-86-salad')).toBeNull();
    for (const item of ['fries', 'burger', 'cola'])
      expect(screen.queryByTestId(`menu-back-${item}`)).toBeNull();
    expect(rowText('fries')).toContain(
      'Comes back by itself once the equipment is in service again; it cannot be put back by hand.',
    );
    expect(rowText('burger')).toContain(
      'Comes back by itself once there is stock again; it cannot be put back by hand.',
    );
    expect(rowText('salad')).not.toContain('cannot be put back by hand');
  });
});

describe('86ing by hand', () => {
  it('takes a note, asks for a PIN, then 86s the item under that person with the note', async () => {
    await show();
    fireEvent.click(screen.getByTestId('menu-86-shake'));
    const dialog = screen.getByRole('dialog', { name: '86 Shake' });
    fireEvent.change(within(dialog).getByLabelText('Why (optional)'), {
      target: { value: ' machine being cleaned ' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: '86 it' }));
    // Nothing is sent before someone says who they are.
    expect(methods('PUT')).toEqual([]);
    expect(screen.getByText('To 86 Shake')).toBeTruthy();
    enterPin('Cook Wu');
    await waitFor(() =>
      expect(rowText('shake')).toContain("86'd by Cook Wu at 12:30: machine being cleaned"),
    );
    expect(methods('PUT')).toEqual([
      {
        method: 'PUT',
        path: '/api/menu/items/shake/eighty-six',
        body: { note: 'machine being cleaned' },
        token: 'tok-cook-wu',
      },
    ]);
    expect(order().indexOf('shake')).toBeLessThan(order().indexOf('cola'));
    // 86'd by hand now: it can be put back by hand.
    expect(screen.getByTestId('menu-back-shake')).toBeTruthy();
  });

  it('86s an item already off for the fryers, so it stays off after they are fixed', async () => {
    await show();
    fireEvent.click(screen.getByTestId('menu-86-fries'));
    fireEvent.click(screen.getByRole('button', { name: '86 it' }));
    enterPin('Manager Li');
    await waitFor(() => expect(rowText('fries')).toContain("86'd by Manager Li at 12:30"));
    expect(methods('PUT')[0]?.body).toEqual({});
    expect(rowText('fries')).toContain('Fryer 1, Fryer 2 down since 12:04');
  });

  it('sends nothing when the person closes the PIN pad', async () => {
    await show();
    fireEvent.click(screen.getByTestId('menu-86-cola'));
    fireEvent.click(screen.getByRole('button', { name: '86 it' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(methods('PUT')).toEqual([]);
    expect(rowText('cola')).toContain('Available');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('puts a hand 86 back on after a PIN', async () => {
    await show();
    fireEvent.click(screen.getByTestId('menu-back-salad'));
    expect(screen.getByText('To put Salad back on')).toBeTruthy();
    enterPin('Manager Li');
    await waitFor(() => expect(rowText('salad')).toContain('Available'));
    expect(methods('DELETE').map((r) => [r.path, r.token])).toEqual([
      ['/api/menu/items/salad/eighty-six', 'tok-mgr-li'],
    ]);
    expect(screen.getByTestId('menu-86-salad')).toBeTruthy();
  });

  it('says so when the edge refuses', async () => {
    await show();
    // Someone else put it back meanwhile: the edge answers 409.
    edge.items = edge.items.map((i) => (i.item === 'salad' ? { ...i, available: true, reasons: [] } : i));
    fireEvent.click(screen.getByTestId('menu-back-salad'));
    enterPin('Manager Li');
    expect((await screen.findByRole('alert')).textContent).toBe("Not done: salad was not 86'd by hand");
    await waitFor(() => expect(rowText('salad')).toContain('Available'));
  });
});

describe('kept live', () => {
  it('fetches the list once after a burst of pushed changes', async () => {
    let push: MenuPushOptions | undefined;
    const connectPush = (options: MenuPushOptions): PushConnection => ({
      start: () => {
        push = options;
        options.onConnectedChange(true);
      },
      stop: () => undefined,
    });
    const paired = {
      get: () => ({ credential: 'c', id: 'd1', name: 'Pass' }),
      subscribe: () => () => undefined,
    };
    renderWithI18n(
      <MenuBoardWithPin
        storeId="demo"
        now={NOW}
        live={{ mqttUrl: 'ws://edge/mqtt', pollMs: 60_000, debounceMs: 20, pairing: paired, connectPush }}
      />,
    );
    await screen.findByTestId('menu-item-cola');
    expect(push?.storeId).toBe('demo');
    const before = methods('GET').length;
    edge.items = edge.items.map((i) =>
      i.item === 'cola'
        ? { ...i, available: false, reasons: [{ kind: 'stock', ingredient: 'syrup', since: NOW }] }
        : i,
    );
    act(() => {
      for (const item of ['cola', 'cola', 'shake']) push?.onItemChanged(item);
    });
    await waitFor(() => expect(rowText('cola')).toContain('Out of stock: syrup, since 12:30'));
    expect(methods('GET').length).toBe(before + 1);
  });

  it('keeps the last list on screen and says so when the edge stops answering', async () => {
    renderWithI18n(<MenuBoardWithPin storeId="demo" now={NOW} live={{ mqttUrl: undefined, pollMs: 30 }} />);
    await screen.findByTestId('menu-item-fries');
    edge.down = true;
    expect((await screen.findByRole('status')).textContent).toBe(
      'The menu is not updating: showing what was last known.',
    );
    expect(rowText('salad')).toContain("86'd by Manager Li at 12:10: out of lettuce");
  });
});
