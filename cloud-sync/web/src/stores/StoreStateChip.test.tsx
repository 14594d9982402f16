// @vitest-environment jsdom
import { cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { type StoreState, StoreState as StoreStateSchema } from '../../../../shared/central/api';
import type { StoreLifecycleState } from '../../../../shared/central/store-lifecycle';
import { renderWithI18n } from '../testing/render-with-i18n';
import { StoresTable } from './StoresTable';
import { byUrgency } from './store-order';

afterEach(cleanup);

function store(id: string, state: StoreLifecycleState | undefined, critical: number): StoreState {
  return StoreStateSchema.parse({
    id,
    name: `Store ${id}`,
    regionId: 'east',
    regionName: 'East',
    activeAlarms: { critical, warning: 0, info: 0 },
    openTickets: 0,
    oldestOpenTicketAgeS: null,
    lastHeardAt: 1,
    silentForMs: 20_000,
    syncLagMs: 1200,
    highestSeq: 10,
    droppedRollups: 0,
    equipment: { total: 20, offline: 0 },
    config: { latestVersion: 2, appliedVersion: 2, lastReport: null },
    ...(state ? { lifecycle: { state, since: Date.UTC(2026, 11, 1, 9) } } : {}),
  });
}

function row(storeId: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`tr[data-store-id="${storeId}"]`);
  if (!found) throw new Error(`no row for ${storeId}`);
  return found;
}

describe('store lifecycle on the stores table', () => {
  const stores = [
    store('sh-new', 'commissioning', 3),
    store('sh-open', 'open', 1),
    store('sh-old', undefined, 0),
  ];

  it('shows each store’s state as a chip in the page language, and flags only an open store’s critical alarms', () => {
    renderWithI18n(
      <StoresTable stores={stores} fetchedAt={0} now={0} showRegion={false} onOpen={() => undefined} />,
      'zh-CN',
    );
    expect(row('sh-new').querySelector('.state-chip')?.textContent).toBe('调试中');
    expect(row('sh-open').querySelector('.state-chip')?.textContent).toBe('营业中');
    // A central that sends no state shows no chip.
    expect(row('sh-old').querySelector('.state-chip')).toBeNull();
    expect(row('sh-new').className).not.toContain('row-critical');
    expect(row('sh-open').className).toContain('row-critical');
    expect(row('sh-new').querySelector('.state-chip')?.getAttribute('title')).toContain('不向区域发送告警');

    cleanup();
    renderWithI18n(
      <StoresTable stores={stores} fetchedAt={0} now={0} showRegion={false} onOpen={() => undefined} />,
    );
    expect(row('sh-new').querySelector('.state-chip')?.textContent).toBe('Commissioning');
  });

  it('puts an open store with one critical alarm above a commissioning store with three', () => {
    expect([...stores].sort(byUrgency).map((s) => s.id)).toEqual(['sh-open', 'sh-new', 'sh-old']);
  });
});
