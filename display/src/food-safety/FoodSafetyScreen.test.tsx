// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { displayCredential } from '../auth/display-credential';
import { FakeFoodSafetyEdge } from './testing/fake-food-safety-edge';
import { enterPin, showFoodSafety, text, typeOnPad } from './testing/food-safety-driver';
import { NOW } from './testing/food-safety-fixtures';

let edge: FakeFoodSafetyEdge;

beforeEach(() => {
  edge = new FakeFoodSafetyEdge(() => NOW);
  vi.stubGlobal('fetch', edge.fetch);
  displayCredential.set({ credential: 'gdc_pass-display', id: 'pass', name: 'Pass' });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  displayCredential.clear();
});

const actionIds = () =>
  [...document.querySelectorAll<HTMLElement>('.fs-action')].map((el) => el.dataset.testid);

describe('the food-safety screen', () => {
  it('lists every control point with where it stands, its limit and clause, and today so far', async () => {
    await showFoodSafety();
    expect(text('fs-point-cold:wic-1')).toContain('Out of limit since 11:20');
    expect(text('fs-point-cold:wic-1')).toContain('≤ 5.0 °C');
    expect(text('fs-point-cold:wic-1')).toContain('86.4 %');
    expect(text('fs-point-cold:wic-1')).toContain('Fail');
    expect(text('fs-point-cold:wic-1')).toContain('12:29–12:30 · 8.9 °C');
    expect(text('fs-point-cold:ric-1')).toContain('In limit');
    expect(text('fs-point-frozen:wif-1')).toContain('Excused: defrosting');
    expect(text('fs-point-frozen:wif-1')).toContain('100.0 %');
    expect(text('fs-point-frozen:wif-1')).toContain('Pass');
    expect(text('fs-point-hot:hh-1')).toContain('No data since 12:29');
    expect(text('fs-point-hot:hh-1')).toContain('≥ 63.0 °C');
    const card = within(screen.getByTestId('fs-point-cold:wic-1'));
    fireEvent.click(card.getByRole('button', { name: /Galley company standard · GS-4.2/ }));
    expect(card.getByText(/chilled food is held at 5 °C or below/)).toBeTruthy();
  });

  it('puts the overdue action first, like an alarm, with its excursion, alarm and ticket', async () => {
    await showFoodSafety();
    expect(actionIds()).toEqual(['fs-action-41', 'fs-action-61', 'fs-action-21']);
    const overdue = screen.getByTestId('fs-action-41');
    expect(overdue.dataset.urgency).toBe('overdue');
    expect(overdue.textContent).toContain('OVERDUE since 12:21');
    expect(overdue.textContent).toContain('Escalated to the manager');
    expect(overdue.textContent).toContain('Walk-in cooler 11:20–now, worst 9.4 °C (70 min)');
    expect(overdue.textContent).toContain('Alarm #7');
    expect(overdue.textContent).toContain('Ticket #3');
    expect(text('fs-action-61')).toContain('Due by 12:45');
    expect(text('fs-action-61')).toContain('11:40–12:15, worst 7.1 °C');
    expect(text('fs-action-21')).toContain('Manager Li');
  });

  it("signs off with exactly what was chosen and the person in charge's PIN, then shows it signed", async () => {
    await showFoodSafety();
    const action = within(screen.getByTestId('fs-action-41'));
    fireEvent.click(action.getByRole('button', { name: 'Sign off' }));
    fireEvent.click(action.getByRole('button', { name: 'Moved the food to a working unit' }));
    fireEvent.click(action.getByRole('button', { name: 'Called for repair' }));
    fireEvent.change(action.getByLabelText('In your own words (optional)'), {
      target: { value: 'compressor tripped' },
    });
    fireEvent.click(action.getByRole('button', { name: 'Moved elsewhere' }));
    fireEvent.click(action.getByRole('button', { name: 'Reach-in cooler' }));
    typeOnPad('12.5');
    fireEvent.click(action.getByRole('button', { name: 'kg' }));
    fireEvent.click(action.getByRole('button', { name: 'Sign off with PIN' }));
    const pad = await screen.findByRole('dialog');
    // Only the people in charge are offered.
    expect(within(pad).queryByText('Cook Wu')).toBeNull();
    enterPin('Manager Li');
    await screen.findByText('Corrective action for Walk-in cooler signed off by Manager Li.');
    expect(edge.posts('/api/food-safety/corrective-actions')).toEqual([
      {
        method: 'POST',
        path: '/api/food-safety/corrective-actions/41/sign-off',
        query: '',
        token: 'gdc_pass-display',
        body: {
          user: 'mgr-li',
          pin: '1234',
          whatDone: 'Moved the food to a working unit; Called for repair; compressor tripped',
          disposition: 'moved',
          quantity: { amount: 12.5, unit: 'kg' },
          movedTo: 'Reach-in cooler',
        },
      },
    ]);
    await waitFor(() => expect(actionIds()).toEqual(['fs-action-61', 'fs-action-41', 'fs-action-21']));
    expect(text('fs-action-41')).toContain('Signed off');
    expect(text('fs-action-41')).toContain('product moved, 12.5 kg');
    expect(screen.getByText('Corrective actions to sign off (1)')).toBeTruthy();
  });

  it('asks for what was done, the disposition and a quantity before the PIN', async () => {
    await showFoodSafety();
    const action = within(screen.getByTestId('fs-action-61'));
    fireEvent.click(action.getByRole('button', { name: 'Sign off' }));
    fireEvent.click(action.getByRole('button', { name: 'Sign off with PIN' }));
    expect(action.getByText('Choose what was done, or write it.')).toBeTruthy();
    expect(action.getByText('Choose kept, moved or discarded.')).toBeTruthy();
    expect(action.getByText('Type the quantity.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it("shows the edge's refusal with its reason in the screen's language, and keeps the form", async () => {
    await showFoodSafety();
    edge.refuseNext = {
      status: 409,
      error: 'not_open',
      message: 'corrective action 61 is already signed off (by mgr-zhao) / 纠正措施 61 已签核（mgr-zhao）',
    };
    const action = within(screen.getByTestId('fs-action-61'));
    fireEvent.click(action.getByRole('button', { name: 'Sign off' }));
    fireEvent.click(action.getByRole('button', { name: 'Closed the door / checked the seal' }));
    fireEvent.click(action.getByRole('button', { name: 'Kept' }));
    typeOnPad('3');
    fireEvent.click(action.getByRole('button', { name: 'Sign off with PIN' }));
    enterPin('Manager Li');
    const alert = await screen.findByText(
      'Refused: corrective action 61 is already signed off (by mgr-zhao)',
    );
    expect(alert.getAttribute('role')).toBe('alert');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('fs-sign-off')).toBeTruthy();
  });

  it('keeps the PIN pad open on a wrong PIN', async () => {
    await showFoodSafety();
    const action = within(screen.getByTestId('fs-action-61'));
    fireEvent.click(action.getByRole('button', { name: 'Sign off' }));
    fireEvent.click(action.getByRole('button', { name: 'Probed the food temperature' }));
    fireEvent.click(action.getByRole('button', { name: 'Discarded' }));
    typeOnPad('0.75');
    fireEvent.click(action.getByRole('button', { name: 'Sign off with PIN' }));
    enterPin('Manager Li', '9999');
    const pad = screen.getByRole('dialog');
    await within(pad).findByText('Unknown user or wrong PIN');
    expect(edge.actions.find((a) => a.id === 61)?.state).toBe('open');
  });

  it('shows a day of one control point as a strip of its intervals', async () => {
    await showFoodSafety();
    fireEvent.click(
      within(screen.getByTestId('fs-point-cold:wic-1')).getByRole('button', { name: 'Day log' }),
    );
    const strip = await screen.findByTestId('fs-strip');
    const statuses = [...strip.querySelectorAll('rect[data-status]')].map((r) =>
      r.getAttribute('data-status'),
    );
    expect(statuses).toContain('excused');
    expect(statuses.at(-1)).toBe('out_of_limit');
    expect(await screen.findByTestId('fs-day-summary')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Yesterday' }));
    await waitFor(() =>
      expect(edge.requests.some((r) => r.path.endsWith('/records') && r.query === '?day=2026-01-04')).toBe(
        true,
      ),
    );
  });

  it("opens the report for a manager: the PDF of this week in the screen's language, in a new tab", async () => {
    vi.stubGlobal(
      'URL',
      Object.assign(URL, { createObjectURL: () => 'blob:report', revokeObjectURL: () => undefined }),
    );
    const opened: string[] = [];
    vi.stubGlobal('open', (url: string) => {
      opened.push(url);
      return {};
    });
    await showFoodSafety();
    fireEvent.click(screen.getByRole('button', { name: 'This week' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open PDF to print' }));
    enterPin('Manager Li');
    await screen.findByText('food-safety_demo.pdf opened in a new tab: print it from there.');
    expect(opened).toEqual(['blob:report']);
    const report = edge.requests.find((r) => r.path === '/api/food-safety/report');
    expect(report?.query).toBe('?from=2026-01-05&to=2026-01-05&format=pdf&lang=en');
    expect(report?.token).toBe('tok-mgr-li');
  });

  it('says the report is for a manager when staff are logged in, and asks the edge nothing', async () => {
    await showFoodSafety();
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    enterPin('Cook Wu');
    await screen.findByText('Cook Wu is logged in: the report is for a manager. Log out and log in as one.');
    expect(edge.requests.some((r) => r.path === '/api/food-safety/report')).toBe(false);
  });

  it('speaks Chinese', async () => {
    await showFoodSafety('zh-CN');
    expect(screen.getByRole('heading', { name: '食品安全（HACCP）' })).toBeTruthy();
    expect(text('fs-point-cold:wic-1')).toContain('自 11:20 起超出限值');
    expect(text('fs-point-cold:wic-1')).toContain('不合格');
    expect(text('fs-point-frozen:wif-1')).toContain('豁免：正在除霜');
    expect(text('fs-action-41')).toContain('已超期（应于 12:21 前完成）');
    expect(text('fs-action-41')).toContain('已升级至经理');
    expect(screen.getByText('待签核的纠正措施（2）')).toBeTruthy();
  });
});
