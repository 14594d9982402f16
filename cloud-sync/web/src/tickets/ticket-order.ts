import type { OpenTicket } from '../../../../shared/central/api';

export type AgeOrder = 'oldest' | 'newest';

/** By age; ties (same second) by store then ticket id so rows never jump between polls. */
export function sortByAge(tickets: readonly OpenTicket[], order: AgeOrder): OpenTicket[] {
  const sign = order === 'oldest' ? -1 : 1;
  return [...tickets].sort(
    (a, b) => sign * (a.ageS - b.ageS) || a.storeId.localeCompare(b.storeId) || a.ticket.id - b.ticket.id,
  );
}
