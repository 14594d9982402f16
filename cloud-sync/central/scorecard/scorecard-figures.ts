import type {
  FigureValue,
  NoDataReason,
  ScorecardFigureKey,
  ScorecardWeek,
} from '../../../shared/central/scorecard';
import {
  kwhPerDay,
  type MeterUse,
  moneyPerUnit,
  mttrHours,
  pct,
  type Span,
  uptimePct,
} from './scorecard-maths';
import type { TicketSpend } from './scorecard-repair-spend-source';
import type { ControlPointDay, PmDay, SyncedAlarm, SyncedTicket } from './scorecard-sources';

/** Everything synced about one store that its figures are computed from. */
export interface StoreFacts {
  units: ReadonlySet<string>;
  alarms: readonly SyncedAlarm[];
  tickets: readonly SyncedTicket[];
  pmDays: readonly PmDay[];
  foodSafetyDays: readonly ControlPointDay[];
  /** The latest spend each ticket synced in the period. */
  repairSpends: readonly TicketSpend[];
  /** The main meter's use per week (oldest first), or none when the store sent no energy readings. */
  energy: readonly (MeterUse | undefined)[] | undefined;
}

/** Which weeks a window covers, so the energy of the whole period is the sum of its weeks. */
export interface FigureWindow extends ScorecardWeek {
  weekIndexes: readonly number[];
}

const none = (noData: NoDataReason): FigureValue => ({ value: null, noData });
const known = (value: number | null, otherwise: NoDataReason): FigureValue =>
  value === null ? none(otherwise) : { value, noData: null };
const inside = (at: number | null, w: ScorecardWeek) => at !== null && at >= w.from && at < w.to;

/**
 * Down spans per unit: an active critical alarm (raise → clear), and a ticket reported
 * out of service (opened → verified, or closed when it was closed unverified), as the
 * edge takes a unit out of service for its menu.
 */
export function downSpans(facts: Pick<StoreFacts, 'alarms' | 'tickets'>): Map<string, Span[]> {
  const spans = new Map<string, Span[]>();
  const add = (unit: string, span: Span) => spans.set(unit, [...(spans.get(unit) ?? []), span]);
  for (const { alarm } of facts.alarms)
    if (alarm.severity === 'critical')
      add(alarm.equipmentId, { start: alarm.raisedAt, end: alarm.clearedAt });
  for (const { ticket } of facts.tickets)
    if (ticket.outOfService === true)
      add(ticket.equipmentId, { start: ticket.openedAt, end: ticket.verifiedAt ?? ticket.closedAt });
  return spans;
}

/** The figures of one store over one window; `now` ends a window still running for uptime. */
export function figuresOf(
  facts: StoreFacts,
  window: FigureWindow,
  now: number,
): Record<ScorecardFigureKey, FigureValue> {
  const units = new Set(facts.units);
  for (const { alarm } of facts.alarms) units.add(alarm.equipmentId);
  for (const { ticket } of facts.tickets) units.add(ticket.equipmentId);
  const perUnit = (count: number) =>
    units.size === 0 ? none('no_units') : { value: count / units.size, noData: null };

  const repaired = facts.tickets.filter(({ ticket }) =>
    inside(ticket.resolvedAt ?? ticket.verifiedAt, window),
  );
  const repairs = repaired.map(
    ({ ticket }) => [ticket.openedAt, (ticket.resolvedAt ?? ticket.verifiedAt) as number] as const,
  );
  const pmDays = facts.pmDays.filter((d) => d.end > window.from && d.end <= window.to);
  const due = pmDays.reduce((sum, d) => sum + d.due, 0);
  const onTime = pmDays.reduce((sum, d) => sum + d.onTime, 0);
  const fsDays = facts.foodSafetyDays.filter((d) => inside(d.dayStart, window));
  const minutes = fsDays.reduce((sum, d) => sum + d.minutes, 0);
  const compliant = fsDays.reduce((sum, d) => sum + d.compliantMin, 0);
  const energy = facts.energy ? window.weekIndexes.map((i) => facts.energy?.[i]) : [];
  const end = Math.min(window.to, now);

  return {
    uptimePct:
      units.size === 0
        ? none('no_units')
        : known(uptimePct(units.size, downSpans(facts), window.from, end), 'nothing_in_period'),
    alarmsPerUnit: perUnit(facts.alarms.filter(({ alarm }) => inside(alarm.raisedAt, window)).length),
    ticketsPerUnit: perUnit(facts.tickets.filter(({ ticket }) => inside(ticket.openedAt, window)).length),
    mttrH: known(mttrHours(repairs), 'nothing_in_period'),
    pmOnTimePct: pmDays.length === 0 ? none('not_synced') : known(pct(onTime, due), 'nothing_in_period'),
    repairSpend: units.size === 0 ? none('no_units') : repairSpend(facts.repairSpends, repaired, units.size),
    energyKwhPerDay: energy.every((u) => u === undefined)
      ? none('not_synced')
      : known(kwhPerDay(energy), 'not_synced'),
    foodSafetyPct: known(pct(compliant, minutes), 'not_synced'),
  };
}

/**
 * Spend per unit of the repairs done in the window (resolved, or verified when no resolve was
 * recorded: the same repairs as MTTR), each at the latest spend its ticket synced. A repair
 * without one (a box that predates repair spend) leaves the figure empty rather than low.
 */
function repairSpend(
  spends: readonly TicketSpend[],
  repaired: readonly SyncedTicket[],
  units: number,
): FigureValue {
  const byTicket = new Map(spends.map((s) => [s.ticketId, s]));
  const amounts: string[] = [];
  for (const { ticket } of repaired) {
    const spend = byTicket.get(ticket.id);
    if (spend) amounts.push(spend.amount);
    // The box prices only jobs with a recorded resolve; one verified without it has no spend to send.
    else if (ticket.resolvedAt !== null) return none('not_synced');
  }
  const money = moneyPerUnit(amounts, units);
  if (money === null) return none('no_units');
  return {
    value: Number(money.perUnit),
    noData: null,
    money: { ...money, currency: spends.at(-1)?.currency ?? null },
  };
}
