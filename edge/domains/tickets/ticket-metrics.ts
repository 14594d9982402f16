import type { TicketMetrics } from '../../../shared/api/tickets';
import type { TicketRow } from './ticket-store';

const UNFINISHED = new Set(['open', 'acknowledged', 'assigned', 'in_progress', 'resolved']);

function average(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);

/**
 * First response, MTTR, MTBF, repeat-repair rate and open ages from the ticket
 * timestamps. MTBF is the mean gap between automatic tickets of the same equipment.
 */
export function computeTicketMetrics(rows: readonly TicketRow[], now: number): TicketMetrics {
  const firstResponse: number[] = [];
  const repair: number[] = [];
  const openAges: number[] = [];
  const failuresByEquipment = new Map<string, number[]>();
  let repeats = 0;
  for (const row of rows) {
    if (row.acknowledged_at !== null) firstResponse.push(row.acknowledged_at - row.opened_at);
    if (row.resolved_at !== null) repair.push(row.resolved_at - row.opened_at);
    if (UNFINISHED.has(row.status)) openAges.push(now - row.opened_at);
    if (row.repeat) repeats++;
    if (row.source === 'auto') {
      const list = failuresByEquipment.get(row.equipment_id) ?? [];
      list.push(row.opened_at);
      failuresByEquipment.set(row.equipment_id, list);
    }
  }
  const gaps: number[] = [];
  for (const openings of failuresByEquipment.values()) {
    openings.sort((a, b) => a - b);
    for (let i = 1; i < openings.length; i++) gaps.push(openings[i]! - openings[i - 1]!);
  }
  return {
    tickets: rows.length,
    firstResponseAvgS: seconds(average(firstResponse)),
    mttrAvgS: seconds(average(repair)),
    mtbfAvgS: seconds(average(gaps)),
    repeatRepairRate: rows.length ? repeats / rows.length : null,
    open: {
      count: openAges.length,
      oldestAgeS: seconds(openAges.length ? Math.max(...openAges) : null),
      avgAgeS: seconds(average(openAges)),
    },
  };
}
