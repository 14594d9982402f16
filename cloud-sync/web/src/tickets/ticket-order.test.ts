import { describe, expect, it } from 'vitest';
import { openTicket } from '../testing/fixtures';
import { sortByAge } from './ticket-order';

describe('sorting open tickets by age', () => {
  const tickets = [
    openTicket(1, 600),
    openTicket(2, 86_400 * 3),
    openTicket(3, 60),
    openTicket(4, 600, 'bj-002'),
  ];

  it('oldest first puts the longest-waiting ticket on top', () => {
    expect(sortByAge(tickets, 'oldest').map((t) => t.ticket.id)).toEqual([2, 4, 1, 3]);
  });

  it('newest first is the other way round, ties still by store then id', () => {
    expect(sortByAge(tickets, 'newest').map((t) => t.ticket.id)).toEqual([3, 4, 1, 2]);
  });

  it('does not reorder the list it was given', () => {
    sortByAge(tickets, 'oldest');
    expect(tickets.map((t) => t.ticket.id)).toEqual([1, 2, 3, 4]);
  });
});
