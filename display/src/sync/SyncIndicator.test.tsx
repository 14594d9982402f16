// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithI18n } from '../testing/render-with-i18n';
import { syncHealth, T0 } from '../testing/work-order-fixtures';
import { SyncIndicator } from './SyncIndicator';

afterEach(cleanup);

const MIN = 60_000;
const failing = (downMin: number) =>
  syncHealth({
    backlog: { high: 2, low: 10 },
    lastSuccessAt: T0 - downMin * MIN,
    lastError: { at: T0 - 20_000, message: 'connect ECONNREFUSED 10.0.0.5:443' },
    consecutiveFailures: 4,
  });

describe('SyncIndicator', () => {
  it('says synced and how long ago, in the muted colour', () => {
    renderWithI18n(<SyncIndicator health={syncHealth()} now={T0} timezone="Asia/Shanghai" />);
    const button = screen.getByTestId('sync-indicator');
    expect(button.querySelector('.sync-icon')?.textContent).toBe('✓');
    expect(button.querySelector('.sync-label')?.textContent).toBe('Synced 3 min ago');
    expect(button.className).not.toContain('sync-unreachable');
  });

  it('says "just now" under a minute, never "0 min ago"', () => {
    renderWithI18n(
      <SyncIndicator health={syncHealth({ lastSuccessAt: T0 - 20_000 })} now={T0} timezone="Asia/Shanghai" />,
      'zh-CN',
    );
    const button = screen.getByTestId('sync-indicator');
    expect(button.querySelector('.sync-label')?.textContent).toBe('刚刚已同步');
    expect(button.querySelector('.sync-label-short')?.textContent).toBe('刚刚');
  });

  it('stays calm through a short outage: the backlog waits, no warning colour', () => {
    renderWithI18n(<SyncIndicator health={failing(5)} now={T0} timezone="Asia/Shanghai" />, 'zh-CN');
    const button = screen.getByTestId('sync-indicator');
    expect(button.getAttribute('data-sync')).toBe('retrying');
    expect(button.textContent).toContain('12 条待发送');
    expect(button.className).not.toContain('sync-unreachable');
  });

  it('warns with icon and words after more than 15 minutes without central', () => {
    renderWithI18n(<SyncIndicator health={failing(40)} now={T0} timezone="Asia/Shanghai" />);
    const button = screen.getByTestId('sync-indicator');
    expect(button.className).toContain('sync-unreachable');
    expect(button.querySelector('.sync-icon')?.textContent).toBe('⚠');
    expect(button.querySelector('.sync-label')?.textContent).toBe('Office unreachable 40 min');
    // The tablet's short form keeps the age.
    expect(button.querySelector('.sync-label-short')?.textContent).toBe('40 min');
  });

  it('shows the last error and the backlog by lane on a tap, and closes again', () => {
    renderWithI18n(<SyncIndicator health={failing(5)} now={T0} timezone="Asia/Shanghai" />);
    fireEvent.click(screen.getByTestId('sync-indicator'));
    const details = screen.getByTestId('sync-details');
    expect(screen.getByTestId('sync-last-error').textContent).toBe(
      'Last error (01/05, 09:59): connect ECONNREFUSED 10.0.0.5:443',
    );
    expect(details.textContent).toContain('2 alarms and tickets, 10 readings');
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByTestId('sync-details')).toBeNull();
  });

  it('shows nothing before the edge answered', () => {
    const { container } = renderWithI18n(
      <SyncIndicator health={undefined} now={T0} timezone="Asia/Shanghai" />,
    );
    expect(container.textContent).toBe('');
  });
});
