import { afterEach, describe, expect, it } from 'vitest';
import {
  TicketChangeMessage,
  type TicketTransitionRecord,
  type TicketView,
} from '../../../shared/api/tickets';
import type { RuleInput } from '../../../shared/config/rules';
import { HOUR, MINUTE, storeWithRules } from '../rules/testing/rule-test-kit';
import { faultChain } from './testing/ticket-test-kit';
import type { TicketActor } from './ticket-lifecycle';
import { INCIDENT_ALARMS_SQL } from './ticket-store';

const DAY = 24 * HOUR;
const manager: TicketActor = { id: 'mgr-li', role: 'manager' };
const tech: TicketActor = { id: 'tech-wang', role: 'technician' };
const doorQuiet = { while: [{ metric: 'door_open', recoveryS: 600 }] };

/** Warms 2 °C within 10 min: raised minutes before the cooler is above 5 °C long enough. */
const risingFast: RuleInput = {
  id: 'temp_rising_fast',
  kind: 'rate',
  title: { en: 'Cooler warming fast', 'zh-CN': '冷藏库升温过快' },
  severity: 'warning',
  metric: 'temp_c',
  direction: 'rise',
  delta: 2,
  windowS: 600,
  suppress: doorQuiet,
};
const tooWarm: RuleInput = {
  id: 'temp_high',
  kind: 'threshold',
  title: { en: 'Cooler above 5 °C', 'zh-CN': '冷藏库温度高于 5 °C' },
  severity: 'critical',
  metric: 'temp_c',
  raise: { op: '>', value: 5, forS: 300 },
  clear: { op: '<', value: 4, forS: 300 },
  // The door silences this rule, which makes door_open one of its metrics for ruleMetrics:
  // that alone must not make a door left open part of the warming incident.
  suppress: doorQuiet,
};
const doorLeftOpen: RuleInput = {
  id: 'door_left_open',
  kind: 'duty_cycle',
  title: { en: 'Door left open', 'zh-CN': '库门未关' },
  severity: 'warning',
  metric: 'door_open',
  maxPct: 80,
  windowS: 300,
  ticket: { when: 'immediate' },
};

let chain: ReturnType<typeof faultChain> | undefined;
afterEach(() => chain?.stop());

/** The rate warning opens its own ticket at once, as a store that wants early calls would set it. */
function setup(rate: RuleInput = { ...risingFast, ticket: { when: 'immediate' } }) {
  const announced: TicketChangeMessage[] = [];
  chain = faultChain(storeWithRules({ cooler: [rate, tooWarm, doorLeftOpen] }), {
    publish: (_topic, payload) => announced.push(TicketChangeMessage.parse(JSON.parse(payload))),
  });
  const c = chain;
  const cooler = (ms: number, temp: number, doorOpen = false) =>
    c.feed('wic-1', ms, () => ({ temp_c: temp, door_open: doorOpen }));
  return {
    ...c,
    announced,
    cooler,
    /** 0.3 °C a minute from 3 °C up to 12 °C: "rising fast" at ~7 min, above 5 °C for 5 min at ~12 min. */
    warming: (fromMs: number, forMs: number) =>
      c.feed('wic-1', forMs, (t) => ({
        temp_c: Math.min(12, 3 + (0.3 * (fromMs + t)) / MINUTE),
        door_open: false,
      })),
    all: () => c.tickets.list({ status: 'all', limit: 50 }),
    alarmOf: (rule: string) => {
      const found = c.alarms.list({ state: 'all', limit: 50 }).filter((a) => a.rule === rule);
      expect(found).toHaveLength(1);
      return found[0]!;
    },
    outboxTransitions: (ticketId: number) =>
      c.db
        .prepare<[number], { payload: string }>(
          `SELECT payload FROM outbox WHERE type = 'ticket.transition' AND entity_id = ? ORDER BY seq`,
        )
        .all(ticketId)
        .map((r) => JSON.parse(r.payload) as { ticket: TicketView; transition: TicketTransitionRecord }),
  };
}

type Setup = ReturnType<typeof setup>;

/** A cooler whose refrigeration fails: 20 min normal, then 30 min warming to 12 °C. */
function warmingIncident(s: Setup): void {
  s.cooler(20 * MINUTE, 3);
  s.warming(0, 30 * MINUTE);
}

function repair(s: Setup, id: number): void {
  s.tickets.transition(id, { to: 'assigned', assignee: 'tech-wang' }, manager);
  s.tickets.transition(id, { to: 'in_progress' }, tech);
  s.tickets.transition(id, { to: 'resolved', resolutionCode: 'condenser_fan', parts: [] }, tech);
}

describe('one incident, one ticket', () => {
  it('"rising fast" then "above 5 °C" on one cooler: one ticket, raised to critical, both alarms on it', async () => {
    const s = setup();
    s.cooler(20 * MINUTE, 3);
    s.warming(0, 9 * MINUTE);
    const [first, ...others] = s.all();
    expect(others).toEqual([]);
    expect(first).toMatchObject({ fault: 'temp_rising_fast', severity: 'warning', status: 'open' });

    s.warming(9 * MINUTE, 10 * MINUTE);
    const rising = s.alarmOf('temp_rising_fast');
    const high = s.alarmOf('temp_high');
    expect(high.raisedAt).toBeGreaterThan(rising.raisedAt);
    expect(s.all()).toHaveLength(1);
    const ticket = s.tickets.get(first!.id)!;
    expect(ticket).toMatchObject({ fault: 'temp_rising_fast', severity: 'critical', status: 'open' });
    expect(ticket.alarmIds).toEqual([rising.id, high.id]);

    const escalation = s.tickets.history(ticket.id).at(-1)!;
    expect(escalation).toMatchObject({ from: 'open', to: 'open', at: high.raisedAt, by: 'system' });
    expect(escalation.note).toContain('warning → critical');
    expect(escalation.note).toContain('警告 → 严重');
    expect(escalation.note).toContain(`alarm ${high.id}`);
    // Central learns the new severity from the ticket the event carries.
    const sent = s.outboxTransitions(ticket.id);
    expect(sent.map((e) => [e.ticket.severity, e.transition.note])).toEqual([['critical', escalation.note]]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(s.announced).toContainEqual({
      ticketId: ticket.id,
      equipmentId: 'wic-1',
      status: 'open',
      at: high.raisedAt,
    });
  });

  it('a door left open on the same cooler is a fault of its own, before the incident and during it', () => {
    const s = setup();
    s.cooler(20 * MINUTE, 3);
    s.cooler(6 * MINUTE, 3, true);
    s.cooler(20 * MINUTE, 3);
    warmingIncident(s);
    s.cooler(6 * MINUTE, 12, true);
    const doorAlarms = s.alarms.list({ state: 'all', limit: 50 }).filter((a) => a.rule === 'door_left_open');
    expect(doorAlarms).toHaveLength(2);
    const tickets = s.all();
    expect(tickets.map((t) => [t.fault, t.severity, t.alarmIds.length])).toEqual([
      ['temp_rising_fast', 'critical', 2],
      ['door_left_open', 'warning', 2],
    ]);
    expect(tickets[1]!.alarmIds.sort()).toEqual(doorAlarms.map((a) => a.id).sort());
  });

  it('critical first, the warning’s delayed ticket later: the warning joins the critical ticket', () => {
    const s = setup(risingFast);
    warmingIncident(s);
    const rising = s.alarmOf('temp_rising_fast');
    const high = s.alarmOf('temp_high');
    // The warning's ticket was due 15 min after it was raised, once the critical had opened one.
    expect(rising.raisedAt + 15 * MINUTE).toBeGreaterThan(high.raisedAt);
    expect(rising.clearedAt).toBeNull();
    const tickets = s.all();
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ fault: 'temp_high', severity: 'critical' });
    expect(tickets[0]!.alarmIds).toEqual([rising.id, high.id]);
    expect(s.tickets.history(tickets[0]!.id).map((h) => h.to)).toEqual(['open']);
  });

  it('resolved while the critical alarm it took on is still active: not reopened on restart, not verified until it clears', () => {
    const s = setup();
    warmingIncident(s);
    // Steady at 12 °C: no longer rising fast, still above 5 °C.
    s.cooler(20 * MINUTE, 12);
    expect(s.alarmOf('temp_rising_fast').clearedAt).not.toBeNull();
    expect(s.alarmOf('temp_high').clearedAt).toBeNull();
    const id = s.all()[0]!.id;
    repair(s, id);
    const steps = s.tickets.history(id).length;
    // A restart finds the critical alarm active and already on this ticket: nothing to reopen.
    s.tickets.stop();
    s.tickets.start();
    expect(s.tickets.history(id)).toHaveLength(steps);
    s.cooler(2 * HOUR, 12);
    expect(s.tickets.get(id)?.status).toBe('resolved');
    s.cooler(10 * MINUTE, 3);
    expect(s.alarmOf('temp_high').clearedAt).not.toBeNull();
    s.cooler(HOUR, 3);
    expect(s.tickets.get(id)).toMatchObject({ status: 'verified', verifiedBy: 'system' });
  });

  it('after the incident’s ticket is verified and closed, the next incident opens a new ticket', () => {
    const s = setup();
    warmingIncident(s);
    s.cooler(20 * MINUTE, 3);
    const first = s.all()[0]!.id;
    repair(s, first);
    s.cooler(HOUR + 10 * MINUTE, 3);
    expect(s.tickets.get(first)?.status).toBe('verified');
    s.tickets.transition(first, { to: 'closed' }, manager);

    s.clock.advance(DAY);
    warmingIncident(s);
    const tickets = s.all();
    expect(tickets).toHaveLength(2);
    const second = tickets[0]!;
    expect(second.id).not.toBe(first);
    expect(second).toMatchObject({
      fault: 'temp_rising_fast',
      severity: 'critical',
      status: 'open',
      repeat: true,
      previousTicketId: first,
    });
    expect(second.alarmIds).toHaveLength(2);
    expect(s.tickets.get(first)!.alarmIds).toHaveLength(2);
  });

  it('a fault the incident’s ticket took on, back within days of its verified repair, is a repeat repair', () => {
    const s = setup();
    warmingIncident(s);
    s.cooler(20 * MINUTE, 3);
    const first = s.all()[0]!;
    expect(first.fault).toBe('temp_rising_fast');
    repair(s, first.id);
    s.cooler(HOUR + 10 * MINUTE, 3);
    expect(s.tickets.get(first.id)?.status).toBe('verified');

    s.clock.advance(3 * DAY);
    // Warming slowly this time (1 °C in 10 min): above 5 °C, never rising fast.
    s.feed('wic-1', 40 * MINUTE, (t) => ({ temp_c: 3 + (0.1 * t) / MINUTE, door_open: false }));
    const [second, ...older] = s.all();
    expect(older.map((t) => t.id)).toEqual([first.id]);
    expect(second).toMatchObject({ fault: 'temp_high', repeat: true, previousTicketId: first.id });
  });

  it('finds the incident’s alarms from the unfinished-tickets partial index', () => {
    const s = setup();
    const plan = s.db
      .prepare<[string], { detail: string }>(`EXPLAIN QUERY PLAN ${INCIDENT_ALARMS_SQL}`)
      .all('wic-1')
      .map((r) => r.detail)
      .join('; ');
    expect(plan).toContain('USING INDEX tickets_unfinished');
  });
});
