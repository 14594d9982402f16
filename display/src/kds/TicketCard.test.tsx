// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { KdsTicketView } from '../../../shared/api/kds';
import type { Locale } from '../../../shared/localized-text';
import { renderWithI18n } from '../testing/render-with-i18n';
import { chainedFrom, kdsNames } from './kds-names';
import { TicketCard } from './TicketCard';
import { line, setupView, T0, ticket } from './testing/kds-fixtures';

afterEach(cleanup);

function card(tk: KdsTicketView, now: number, locale: Locale = 'en', fired: number[][] = []) {
  const names = kdsNames(setupView, locale);
  renderWithI18n(
    <TicketCard
      ticket={tk}
      station={names.stationView(tk.station)}
      names={names}
      now={now}
      position={1}
      showStation={false}
      chainedFrom={chainedFrom(setupView, tk.station).map((s) => names.station(s.id))}
      selected={false}
      selectedLineId={undefined}
      onSelect={() => undefined}
      onFire={(orderId, course) => fired.push([orderId, course])}
    />,
    locale,
  );
  return screen.getByTestId(`kds-ticket-${tk.id}`);
}

/** What a cook reads on a line (its parts, spaced on screen by CSS), struck parts marked ~~like this~~. */
function lineText(ticketId: number, lineId: string): string {
  const el = screen.getByTestId(`kds-line-${ticketId}-${lineId}`).querySelector('.kds-line-main');
  const read = (node: Node): string =>
    node.nodeName === 'S'
      ? `~~${node.textContent}~~`
      : node.nodeType === Node.TEXT_NODE
        ? (node.textContent ?? '')
        : [...node.childNodes].map(read).join('');
  return el ? [...el.children].map(read).join(' ').replace(/\s+/g, ' ').trim() : '';
}

describe('a ticket card ages by its station', () => {
  // Grill: yellow from 300 s, red from 480 s.
  it('is neutral before the warning, then says HURRY with ▲, then LATE with ■', () => {
    const tk = ticket({ id: 1 });
    let el = card(tk, T0 + 299_000);
    expect(el.dataset.age).toBe('ok');
    expect(el.className).toContain('kds-age-ok');
    expect(screen.getByTestId('kds-timer-1').textContent).toBe('●04:59');
    cleanup();

    el = card(tk, T0 + 300_000);
    expect(el.dataset.age).toBe('warn');
    expect(el.className).toContain('kds-age-warn');
    expect(screen.getByTestId('kds-timer-1').textContent).toBe('▲HURRY05:00');
    cleanup();

    el = card(tk, T0 + 481_000);
    expect(el.dataset.age).toBe('late');
    expect(screen.getByTestId('kds-timer-1').textContent).toBe('■LATE08:01');
  });

  it('uses each station’s own thresholds: four minutes is late for nobody but a hurry at fry', () => {
    card(ticket({ id: 2, station: 'fry' }), T0 + 240_000);
    expect(screen.getByTestId('kds-ticket-2').dataset.age).toBe('warn');
    cleanup();
    card(ticket({ id: 3, station: 'grill' }), T0 + 240_000);
    expect(screen.getByTestId('kds-ticket-3').dataset.age).toBe('ok');
  });

  it('says 超时 in Chinese', () => {
    card(ticket({ id: 1 }), T0 + 600_000, 'zh-CN');
    expect(screen.getByTestId('kds-timer-1').textContent).toBe('■超时10:00');
  });
});

describe('what a ticket says', () => {
  it('shows order number, channel, table and localized items with their modifiers', () => {
    const tk = ticket({
      id: 7,
      orderExternalId: 'POS-1042',
      channel: 'takeaway',
      table: '12',
      lines: [
        line({
          lineId: 'l1',
          item: 'burger',
          qty: 2,
          modifiers: [{ id: 'm1', item: 'no-onion', allergy: false }],
          seat: 3,
          note: 'well done',
        }),
      ],
    });
    const el = card(tk, T0);
    expect(within(el).getByText('#POS-1042')).toBeTruthy();
    expect(within(el).getByText('Takeaway')).toBeTruthy();
    expect(within(el).getByText('Table 12')).toBeTruthy();
    expect(lineText(7, 'l1')).toBe('2 × Burger');
    expect(within(el).getByText('No onion').className).toContain('kds-modifier');
    expect(within(el).getByText('Seat 3')).toBeTruthy();
    expect(within(el).getByText('Note: well done')).toBeTruthy();
    cleanup();

    const zh = card(tk, T0, 'zh-CN');
    expect(within(zh).getByText('外带')).toBeTruthy();
    expect(within(zh).getByText('12 号桌')).toBeTruthy();
    expect(lineText(7, 'l1')).toBe('2 × 汉堡');
    expect(within(zh).getByText('不要洋葱')).toBeTruthy();
  });

  it('strikes through what a later version took off, and the whole of a voided line', () => {
    const tk = ticket({
      id: 8,
      lines: [
        line({ lineId: 'l1', item: 'burger', qty: 1, removedQty: 1 }),
        line({ lineId: 'l2', item: 'fries', qty: 0, removedQty: 3, state: 'voided' }),
        line({ lineId: 'l3', item: 'steak', qty: 1 }),
      ],
    });
    card(tk, T0);
    expect(lineText(8, 'l1')).toBe('~~2~~ 1 × Burger');
    expect(lineText(8, 'l2')).toBe('~~3~~ × ~~Fries~~ REMOVED');
    expect(screen.getByTestId('kds-line-8-l2').className).toContain('kds-line-struck');
    expect(lineText(8, 'l3')).toBe('1 × Steak');
    expect(screen.getByTestId('kds-line-8-l3').className).not.toContain('kds-line-struck');
  });

  it('marks a voided order VOID and strikes every line', () => {
    const tk = ticket({ id: 9, orderVoided: true, lines: [line({ lineId: 'l1', qty: 2 })] });
    const el = card(tk, T0, 'zh-CN');
    expect(within(el).getByRole('status').textContent).toContain('已作废');
    expect(lineText(9, 'l1')).toBe('~~2~~ × ~~汉堡~~ 已退');
  });

  it('dims pending lines with a countdown to firing, or says held and offers to fire the course', () => {
    const fired: number[][] = [];
    const tk = ticket({
      id: 10,
      lines: [
        line({ lineId: 'l1', state: 'pending', firesAt: T0 + 42_000 }),
        line({ lineId: 'l2', item: 'steak', state: 'pending', course: 2 }),
      ],
    });
    card(tk, T0, 'en', fired);
    expect(screen.getByTestId('kds-line-10-l1').textContent).toContain('fires in 0:42');
    expect(screen.getByTestId('kds-line-10-l1').className).toContain('kds-line-pending');
    expect(screen.getByTestId('kds-line-10-l2').textContent).toContain('held');
    screen.getByRole('button', { name: 'Fire course 2' }).click();
    expect(fired).toEqual([[100, 2]]);
    cleanup();
    card(tk, T0 + 30_500, 'zh-CN');
    expect(screen.getByTestId('kds-line-10-l1').textContent).toContain('0:12 后开做');
    expect(screen.getByTestId('kds-line-10-l2').textContent).toContain('等待叫起');
  });

  it('shouts an allergy with an outline and a word, and marks changed lines', () => {
    const tk = ticket({
      id: 11,
      lines: [
        line({
          lineId: 'l1',
          allergy: true,
          changed: true,
          modifiers: [{ id: 'm1', item: 'no-peanut', allergy: true }],
        }),
      ],
    });
    card(tk, T0);
    const el = screen.getByTestId('kds-line-11-l1');
    expect(el.className).toContain('kds-line-allergy');
    expect(el.textContent).toContain('ALLERGY');
    expect(el.textContent).toContain('CHANGED');
    expect(within(el).getByText('Peanut allergy').className).toContain('kds-modifier-allergy');
    cleanup();
    card(tk, T0, 'zh-CN');
    expect(screen.getByTestId('kds-line-11-l1').textContent).toContain('过敏');
  });

  it('badges an addition ADD and a chained ticket with where it came from', () => {
    card(ticket({ id: 12, kind: 'addition' }), T0);
    expect(screen.getByText('ADD')).toBeTruthy();
    cleanup();
    card(ticket({ id: 13, kind: 'chained', station: 'grill' }), T0);
    expect(screen.getByText('from Fry')).toBeTruthy();
    cleanup();
    card(ticket({ id: 12, kind: 'addition' }), T0, 'zh-CN');
    expect(screen.getByText('加单')).toBeTruthy();
  });
});

describe('expo', () => {
  it('shows each prep station’s progress as chips', () => {
    const tk = ticket({
      id: 20,
      station: 'expo',
      readiness: [
        { station: 'grill', ready: true, openLines: 0 },
        { station: 'fry', ready: false, openLines: 2 },
      ],
    });
    card(tk, T0);
    expect(screen.getByTestId('kds-readiness-20-grill').textContent).toBe('Grill ✓');
    expect(screen.getByTestId('kds-readiness-20-grill').dataset.ready).toBe('true');
    expect(screen.getByTestId('kds-readiness-20-fry').textContent).toBe('Fry: 2 left');
    cleanup();
    card(tk, T0, 'zh-CN');
    expect(screen.getByTestId('kds-readiness-20-grill').textContent).toBe('烤台 ✓');
    expect(screen.getByTestId('kds-readiness-20-fry').textContent).toBe('炸台：还剩 2');
  });
});
