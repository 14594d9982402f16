// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { type StoreState, StoreState as StoreStateSchema } from '../../../../shared/central/api';
import { renderWithI18n } from '../testing/render-with-i18n';
import { StoresTable } from './StoresTable';

afterEach(cleanup);

const H = 3600_000;
function store(id: string, overrides: Partial<StoreState> = {}): StoreState {
  return StoreStateSchema.parse({
    id,
    name: `Store ${id}`,
    regionId: 'east',
    regionName: 'East',
    activeAlarms: { critical: 0, warning: 0, info: 0 },
    openTickets: 0,
    oldestOpenTicketAgeS: null,
    lastHeardAt: 1,
    silentForMs: 20_000,
    syncLagMs: 1200,
    highestSeq: 10,
    droppedRollups: 0,
    equipment: { total: 20, offline: 0 },
    config: { latestVersion: 2, appliedVersion: 2, lastReport: null },
    ...overrides,
  });
}

function row(storeId: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`tr[data-store-id="${storeId}"]`);
  if (!found) throw new Error(`no row for ${storeId}`);
  return found;
}

describe('stores table', () => {
  it('shows a silent store prominently as stale, and a fresh one not', () => {
    renderWithI18n(
      <StoresTable
        stores={[store('sh-001'), store('sh-002', { silentForMs: 3 * H })]}
        fetchedAt={1000}
        now={1000}
        showRegion={false}
        onOpen={() => undefined}
      />,
    );
    const silent = row('sh-002').querySelector('.last-heard');
    expect(silent?.textContent).toContain('3 h ago');
    expect(silent?.getAttribute('data-stale')).toBe('true');
    const fresh = row('sh-001').querySelector('.last-heard');
    expect(fresh?.textContent).toBe('just now');
    expect(fresh?.getAttribute('data-stale')).toBe('false');
  });

  it('keeps silence running between polls: 4 min at fetch + 2 min later is stale', () => {
    const { rerender, i18n } = renderWithI18n(
      <StoresTable
        stores={[store('sh-001', { silentForMs: 4 * 60_000 })]}
        fetchedAt={0}
        now={0}
        showRegion={false}
        onOpen={() => undefined}
      />,
    );
    expect(row('sh-001').querySelector('.last-heard')?.getAttribute('data-stale')).toBe('false');
    rerender(
      <StoresTable
        stores={[store('sh-001', { silentForMs: 4 * 60_000 })]}
        fetchedAt={0}
        now={2 * 60_000}
        showRegion={false}
        onOpen={() => undefined}
      />,
    );
    expect(i18n.language).toBe('en');
    expect(row('sh-001').querySelector('.last-heard')?.textContent).toContain('6 min ago');
    expect(row('sh-001').querySelector('.last-heard')?.getAttribute('data-stale')).toBe('true');
  });

  it('shows alarms by severity, tickets with the oldest age, config and lag; critical stores first', () => {
    renderWithI18n(
      <StoresTable
        stores={[
          store('sh-001'),
          store('sh-002', {
            activeAlarms: { critical: 2, warning: 1, info: 0 },
            openTickets: 3,
            oldestOpenTicketAgeS: 2 * 3600 + 15 * 60,
            config: { latestVersion: 5, appliedVersion: 4, lastReport: null },
            equipment: { total: 20, offline: 3 },
          }),
        ]}
        fetchedAt={0}
        now={0}
        showRegion={false}
        onOpen={() => undefined}
      />,
    );
    const rows = [...document.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-store-id'));
    expect(rows).toEqual(['sh-002', 'sh-001']);
    const text = row('sh-002').textContent ?? '';
    expect(row('sh-002').querySelector('[data-severity="critical"]')?.textContent).toContain('2');
    expect(text).toContain('oldest 2 h 15 min');
    expect(text).toContain('v4 applied, v5 pending');
    expect(text).toContain('3 of 20 offline');
    expect(row('sh-001').textContent).toContain('1 s');
    expect(screen.queryByText('Region')).toBeNull();
  });
});
