// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KdsMode } from '../kds/KdsMode';
import { STATIONS_KEY } from '../kds/kds-prefs';
import { FakeKdsEdge } from '../kds/testing/fake-kds-edge';
import { memoryStorage, ticket } from '../kds/testing/kds-fixtures';
import { renderWithI18n } from '../testing/render-with-i18n';
import { EightySixStrip } from './EightySixStrip';
import { FakeMenuEdge } from './testing/fake-menu-edge';
import { allOn, at, lunchMenu } from './testing/menu-fixtures';

const NOW = at(12, 30);
let menu: FakeMenuEdge;
let kds: FakeKdsEdge;

beforeEach(() => {
  menu = new FakeMenuEdge(lunchMenu(), () => NOW);
  kds = new FakeKdsEdge(() => NOW);
  // One edge: the menu's routes to the menu, the rest to the order screens'.
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) =>
    input.startsWith('/api/menu/') ? menu.fetch(input, init) : kds.fetch(input, init),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const strip = () => screen.queryByTestId('kds-86-strip');

describe("the order screens' 86 strip", () => {
  it("names what is 86'd now with a short reason, grouped by reason", async () => {
    renderWithI18n(<EightySixStrip storeId="demo" live={{ mqttUrl: undefined, pollMs: 60_000 }} />);
    await waitFor(() => expect(strip()).not.toBeNull());
    expect(strip()?.textContent).toBe(
      '86: Combo, Fries, Nuggets — fryers down · Salad — out of lettuce · Burger — out of buns',
    );
  });

  it('in Chinese', async () => {
    renderWithI18n(<EightySixStrip storeId="demo" live={{ mqttUrl: undefined, pollMs: 60_000 }} />, 'zh-CN');
    await waitFor(() => expect(strip()).not.toBeNull());
    expect(strip()?.textContent).toBe(
      '估清： 鸡块、薯条、套餐（炸炉故障）；沙拉（out of lettuce）；汉堡（buns缺货）',
    );
  });

  it('names the units where the display has no word for the equipment type', async () => {
    menu.items = lunchMenu()
      .filter((i) => i.item === 'fries')
      .map((i) => ({
        ...i,
        reasons: i.reasons.map((r) => (r.kind === 'equipment' ? { ...r, capability: 'tilting_kettle' } : r)),
      }));
    renderWithI18n(<EightySixStrip storeId="demo" live={{ mqttUrl: undefined, pollMs: 60_000 }} />);
    await waitFor(() => expect(strip()?.textContent).toBe('86: Fries — Fryer 1, Fryer 2 down'));
  });

  it('is not there while everything can be sold, and appears once something is 86d', async () => {
    menu.items = allOn();
    renderWithI18n(<EightySixStrip storeId="demo" live={{ mqttUrl: undefined, pollMs: 20 }} />);
    await waitFor(() => expect(menu.requests.length).toBeGreaterThan(1));
    expect(strip()).toBeNull();
    menu.items = lunchMenu().map((i) => (i.item === 'salad' ? i : { ...i, available: true, reasons: [] }));
    await waitFor(() => expect(strip()?.textContent).toBe('86: Salad — out of lettuce'));
  });

  it('stands below the tickets on the order screens, so it never moves a card as it comes and goes', async () => {
    kds.open.grill = [ticket({ id: 1, createdAt: NOW - 60_000 })];
    const storage = memoryStorage({ [STATIONS_KEY]: JSON.stringify(['grill']) });
    renderWithI18n(<KdsMode now={() => NOW} storeId="demo" timezone="UTC" storage={storage} />);
    await screen.findByTestId('kds-ticket-1');
    await waitFor(() => expect(strip()?.textContent).toContain('Combo, Fries, Nuggets — fryers down'));
    const shown = strip();
    const tickets = screen.getByTestId('kds-ticket-1');
    expect(shown && shown.compareDocumentPosition(tickets) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy();
  });
});
