// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketView } from '../../../shared/api/tickets';
import { createI18n } from '../i18n/setup';
import { equipmentView } from '../testing/equipment-fixtures';
import { renderWithI18n } from '../testing/render-with-i18n';
import { ticketView } from '../testing/ticket-fixtures';
import { TicketsList } from './TicketsList';
import { actorName } from './ticket-people';

afterEach(cleanup);

const HOUR = 3_600_000;
const OPENED = Date.UTC(2026, 0, 5, 1, 0);

const ticket = ticketView;

const tickets = [
  ticket({ id: 1 }),
  ticket({ id: 2, status: 'resolved', resolvedAt: OPENED + 2 * HOUR, resolvedBy: 'tech-wang' }),
];

describe('TicketsList', () => {
  it('counts an open ticket on, and stops counting a resolved one at its repair', () => {
    const equipment = [equipmentView({ id: 'wic-1' })];
    const ages = (now: number) => {
      renderWithI18n(
        <TicketsList tickets={tickets} equipment={equipment} now={now} onOpen={() => undefined} />,
      );
      const text = [...document.querySelectorAll('.ticket-age')].map((e) => e.textContent);
      cleanup();
      return text;
    };
    expect(ages(OPENED + 3 * HOUR)).toEqual(['open 3 h', 'resolved after 2 h']);
    expect(ages(OPENED + 30 * HOUR)).toEqual(['open 30 h', 'resolved after 2 h']);
    renderWithI18n(
      <TicketsList
        tickets={tickets}
        equipment={equipment}
        now={OPENED + 3 * HOUR}
        onOpen={() => undefined}
      />,
      'zh-CN',
    );
    expect(screen.getByText('用时 2 小时 解决')).toBeTruthy();
  });
});

describe('who acted on a ticket', () => {
  const users = [{ id: 'staff-chen', name: '陈 Chen', role: 'staff' as const }];
  it('names people from the store list and the system in words', () => {
    const zh = createI18n('zh-CN').t;
    expect(actorName('staff-chen', users, zh)).toBe('陈 Chen');
    expect(actorName('system', users, zh)).toBe('系统自动');
    expect(actorName('system', users, createI18n('en').t)).toBe('Automatic');
    expect(actorName('tech-from-elsewhere', users, zh)).toBe('tech-from-elsewhere');
  });

  it('names a reported fault in the reader’s words, an older report by its category', () => {
    const equipment = [
      equipmentView({ id: 'dish-1', type: 'dishwasher', name: { en: 'Dishwasher', 'zh-CN': '洗碗机' } }),
    ];
    const reported = (id: number, fault: string, category: TicketView['category']) =>
      ticket({
        id,
        equipmentId: 'dish-1',
        source: 'manual',
        fault,
        category,
        title: { en: fault, 'zh-CN': fault },
      });
    const list = [reported(5, 'not_draining', 'other'), reported(6, 'electrical', 'electrical')];
    const { container } = renderWithI18n(
      <TicketsList tickets={list} equipment={equipment} now={OPENED} onOpen={() => undefined} />,
      'zh-CN',
    );
    const titles = [...container.querySelectorAll('.ticket-title')].map((e) => e.textContent);
    expect(titles).toEqual(['不排水', '电气/断电']);
  });
});
