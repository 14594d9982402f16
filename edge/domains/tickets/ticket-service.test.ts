import { afterEach, describe, expect, it } from 'vitest';
import type { RuleInput } from '../../../shared/config/rules';
import { HOUR, MINUTE, storeWithRules } from '../rules/testing/rule-test-kit';
import { countRows, faultChain } from './testing/ticket-test-kit';
import { SYSTEM_ACTOR, type TicketActor } from './ticket-lifecycle';

const DAY = 24 * HOUR;
const text = (en: string) => ({ en, 'zh-CN': en });
const tooWarm: RuleInput = {
  id: 'temp_high',
  kind: 'threshold',
  title: text('Cooler too warm'),
  severity: 'critical',
  metric: 'temp_c',
  raise: { op: '>', value: 5, forS: 900 },
  clear: { op: '<', value: 4, forS: 300 },
  suppress: { while: [{ metric: 'door_open', recoveryS: 600 }] },
};
const slowDrift: RuleInput = {
  id: 'temp_drift',
  kind: 'threshold',
  title: text('Cooler drifting warm'),
  severity: 'warning',
  metric: 'temp_c',
  raise: { op: '>', value: 4.5, forS: 60 },
  clear: { op: '<', value: 4, forS: 60 },
  ticket: { when: 'after_delay', delayS: 1800 },
};

const manager: TicketActor = { id: 'mgr-li', role: 'manager' };
const tech: TicketActor = { id: 'tech-wang', role: 'technician' };
const staff: TicketActor = { id: 'staff-chen', role: 'staff' };

let chain: ReturnType<typeof faultChain> | undefined;
afterEach(() => chain?.stop());

function setup(rules: RuleInput[] = [tooWarm]) {
  chain = faultChain(storeWithRules({ cooler: rules }));
  const c = chain;
  return {
    ...c,
    normal: (ms: number) => c.feed('wic-1', ms, () => ({ temp_c: 3, door_open: false })),
    warm: (ms: number) => c.feed('wic-1', ms, () => ({ temp_c: 8, door_open: false })),
    open: () => c.tickets.list({ status: 'open', limit: 50 }),
    all: () => c.tickets.list({ status: 'all', limit: 50 }),
  };
}

function repairAndResolve(s: ReturnType<typeof setup>, id: number) {
  s.tickets.transition(id, { to: 'acknowledged' }, staff);
  s.tickets.transition(id, { to: 'assigned', assignee: 'tech-wang' }, manager);
  s.tickets.transition(id, { to: 'in_progress' }, tech);
  return s.tickets.transition(
    id,
    {
      to: 'resolved',
      resolutionCode: 'replaced_part',
      parts: [{ name: 'door gasket', quantity: 1 }],
      notes: 'gasket torn',
    },
    tech,
  );
}

describe('automatic tickets', () => {
  it('a critical alarm opens a ticket at once, with the last hour of telemetry and the rule', () => {
    const s = setup();
    s.normal(HOUR);
    s.warm(16 * MINUTE);
    const [ticket] = s.open();
    expect(ticket).toMatchObject({
      equipmentId: 'wic-1',
      source: 'auto',
      fault: 'temp_high',
      status: 'open',
      severity: 'critical',
      repeat: false,
      openedBy: 'system',
    });
    expect(ticket!.alarmIds).toHaveLength(1);
    const snapshot = ticket!.snapshot!;
    expect(snapshot.rule).toMatchObject({ kind: 'threshold', raise: { op: '>', value: 5, forS: 900 } });
    expect(snapshot.value).toBe(8);
    const temps = snapshot.series.temp_c!;
    expect(temps.length).toBeGreaterThanOrEqual(60);
    expect(temps.every((p) => p.ts >= snapshot.from && p.ts <= snapshot.to)).toBe(true);
    expect(Math.max(...temps.map((p) => p.max))).toBe(8);
    expect(Math.min(...temps.map((p) => p.min))).toBe(3);
    expect(snapshot.series.door_open).toBeDefined();
  });

  it('a warning opens a ticket only if still active after the delay', () => {
    const s = setup([slowDrift]);
    s.feed('wic-1', 20 * MINUTE, () => ({ temp_c: 5 }));
    s.normal(HOUR);
    expect(s.all()).toEqual([]);
    s.feed('wic-1', 40 * MINUTE, () => ({ temp_c: 5 }));
    const [ticket] = s.all();
    expect(ticket).toMatchObject({ fault: 'temp_drift', severity: 'warning' });
    const alarm = s.alarms.get(ticket!.alarmIds[0]!)!;
    expect(ticket!.openedAt - alarm.raisedAt).toBe(30 * MINUTE);
  });

  it('one unfinished ticket per (equipment, fault): a new alarm attaches', () => {
    const s = setup();
    s.warm(16 * MINUTE);
    s.normal(HOUR);
    s.warm(16 * MINUTE);
    expect(s.alarms.list({ state: 'all', limit: 10 })).toHaveLength(2);
    const tickets = s.all();
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.alarmIds).toHaveLength(2);
  });
});

describe('lifecycle', () => {
  it('walks open → … → closed, recording who and when', () => {
    const s = setup();
    s.warm(16 * MINUTE);
    const id = s.open()[0]!.id;
    const openFor = s.clock.now() - s.open()[0]!.openedAt + 3 * MINUTE;
    s.clock.advance(3 * MINUTE);
    const resolved = repairAndResolve(s, id);
    expect(resolved).toMatchObject({
      status: 'resolved',
      acknowledgedBy: 'staff-chen',
      assignedTo: 'tech-wang',
      resolvedBy: 'tech-wang',
      resolutionCode: 'replaced_part',
      parts: [{ name: 'door gasket', quantity: 1 }],
      resolutionNotes: 'gasket torn',
    });
    expect(resolved.acknowledgedAt! - resolved.openedAt).toBe(openFor);
    s.tickets.transition(id, { to: 'verified' }, manager);
    const closed = s.tickets.transition(id, { to: 'closed' }, manager);
    expect(closed).toMatchObject({ status: 'closed', verifiedBy: 'mgr-li', closedBy: 'mgr-li' });
    expect(s.tickets.history(id).map((h) => `${h.from ?? '-'}>${h.to} ${h.by}`)).toEqual([
      '->open system',
      'open>acknowledged staff-chen',
      'acknowledged>assigned mgr-li',
      'assigned>in_progress tech-wang',
      'in_progress>resolved tech-wang',
      'resolved>verified mgr-li',
      'verified>closed mgr-li',
    ]);
  });

  it('refuses illegal transitions and roles with a clear error, changing nothing', () => {
    const s = setup();
    s.warm(16 * MINUTE);
    const id = s.open()[0]!.id;
    const outboxBefore = countRows(s.db, 'SELECT count(*) AS n FROM outbox');
    expect(() => s.tickets.transition(id, { to: 'resolved', resolutionCode: 'x', parts: [] }, tech)).toThrow(
      expect.objectContaining({
        code: 'TICKET_ILLEGAL_TRANSITION',
        message: expect.stringMatching(/open ticket cannot become resolved/),
      }),
    );
    s.tickets.transition(id, { to: 'acknowledged' }, staff);
    expect(() => s.tickets.transition(id, { to: 'in_progress' }, staff)).toThrow(
      expect.objectContaining({ code: 'TICKET_FORBIDDEN' }),
    );
    s.tickets.transition(id, { to: 'closed', note: 'duplicate' }, manager);
    expect(() => s.tickets.transition(id, { to: 'open' }, manager)).toThrow(
      expect.objectContaining({ code: 'TICKET_ILLEGAL_TRANSITION' }),
    );
    expect(() => s.tickets.transition(999, { to: 'acknowledged' }, staff)).toThrow(
      expect.objectContaining({ code: 'TICKET_NOT_FOUND' }),
    );
    expect(s.tickets.get(id)?.status).toBe('closed');
    expect(countRows(s.db, 'SELECT count(*) AS n FROM outbox') - outboxBefore).toBe(2);
  });

  it('a transition whose history cannot be written is rolled back with its outbox event', () => {
    const s = setup();
    s.warm(16 * MINUTE);
    const id = s.open()[0]!.id;
    const outboxBefore = countRows(s.db, 'SELECT count(*) AS n FROM outbox');
    s.db.exec(
      `CREATE TRIGGER no_history BEFORE INSERT ON ticket_transitions BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    expect(() => s.tickets.transition(id, { to: 'acknowledged' }, staff)).toThrow(/disk full/);
    expect(s.tickets.get(id)).toMatchObject({ status: 'open', acknowledgedAt: null });
    expect(countRows(s.db, 'SELECT count(*) AS n FROM outbox')).toBe(outboxBefore);
  });
});

describe('verification, reopening, repeat repairs', () => {
  it('verifies by itself after an hour of normal telemetry following "resolved"', () => {
    const s = setup();
    s.warm(16 * MINUTE);
    s.normal(10 * MINUTE);
    const id = s.open()[0]!.id;
    const resolved = repairAndResolve(s, id);
    s.normal(59 * MINUTE);
    expect(s.tickets.get(id)?.status).toBe('resolved');
    s.normal(2 * MINUTE);
    expect(s.tickets.get(id)).toMatchObject({ status: 'verified', verifiedBy: 'system' });
    expect(s.tickets.get(id)!.verifiedAt! - resolved.resolvedAt!).toBe(HOUR);
  });

  it('resolved while the fault is still active: the hour counts from when it clears', () => {
    const s = setup();
    s.warm(16 * MINUTE);
    const id = s.open()[0]!.id;
    repairAndResolve(s, id);
    s.warm(30 * MINUTE);
    s.normal(HOUR);
    expect(s.tickets.get(id)?.status).toBe('resolved');
    s.normal(10 * MINUTE);
    expect(s.tickets.get(id)?.status).toBe('verified');
  });

  it('the fault returning before verification reopens the same ticket', () => {
    const s = setup();
    s.warm(16 * MINUTE);
    s.normal(10 * MINUTE);
    const id = s.open()[0]!.id;
    repairAndResolve(s, id);
    s.normal(20 * MINUTE);
    s.warm(16 * MINUTE);
    expect(s.all()).toHaveLength(1);
    expect(s.tickets.get(id)).toMatchObject({ status: 'open', reopenCount: 1, resolvedAt: null });
    expect(s.tickets.get(id)!.alarmIds).toHaveLength(2);
    s.normal(3 * HOUR);
    expect(s.tickets.get(id)?.status).toBe('open');
  });

  it('a fault back within 7 days of a verified repair opens a repeat ticket linked to it', () => {
    const s = setup();
    s.warm(16 * MINUTE);
    s.normal(10 * MINUTE);
    const first = s.open()[0]!.id;
    repairAndResolve(s, first);
    s.normal(2 * HOUR);
    s.tickets.transition(first, { to: 'closed' }, manager);
    s.clock.advance(3 * DAY);
    s.warm(16 * MINUTE);
    const second = s.open()[0]!;
    expect(second).toMatchObject({ repeat: true, previousTicketId: first });
    s.normal(10 * MINUTE);
    repairAndResolve(s, second.id);
    s.normal(2 * HOUR);
    s.clock.advance(8 * DAY);
    s.warm(16 * MINUTE);
    expect(s.open()[0]).toMatchObject({ repeat: false, previousTicketId: null });
  });
});

describe('manual reports and metrics', () => {
  it('a manual report is a ticket like any other; the same problem reported twice is one ticket', () => {
    const s = setup();
    const first = s.tickets.report(
      { equipmentId: 'wic-1', fault: 'Door does not close', category: 'door_or_seal', note: 'hinge loose' },
      staff,
    );
    expect(first.created).toBe(true);
    expect(first.ticket).toMatchObject({
      source: 'manual',
      category: 'door_or_seal',
      note: 'hinge loose',
      status: 'open',
      openedBy: 'staff-chen',
      snapshot: null,
    });
    const again = s.tickets.report(
      { equipmentId: 'wic-1', fault: 'Door does not close', category: 'other' },
      manager,
    );
    expect(again).toMatchObject({ created: false, ticket: { id: first.ticket.id } });
    expect(s.all()).toHaveLength(1);
    expect(() => s.tickets.report({ equipmentId: 'nope', fault: 'x', category: 'other' }, staff)).toThrow(
      expect.objectContaining({ code: 'TICKET_UNKNOWN_EQUIPMENT' }),
    );
  });

  it('first response, MTTR, MTBF, repeat rate and open ages come from the timestamps', () => {
    const s = setup();
    s.warm(16 * MINUTE);
    s.normal(10 * MINUTE);
    const first = s.open()[0]!.id;
    s.clock.advance(5 * MINUTE);
    // Opened 50 s before the warm spell ended (15 min 10 s in), then 10 + 5 min pass: ack and resolve.
    repairAndResolve(s, first);
    s.normal(2 * HOUR);
    s.clock.advance(DAY);
    s.warm(16 * MINUTE);
    s.clock.advance(HOUR);
    const metrics = s.tickets.metrics({ type: 'walk_in_cooler' });
    const [second] = s.open();
    expect(metrics).toMatchObject({
      tickets: 2,
      firstResponseAvgS: 15 * 60 + 50,
      mttrAvgS: 15 * 60 + 50,
      repeatRepairRate: 0.5,
      open: { count: 1, oldestAgeS: HOUR / 1000 + 50 },
    });
    const t1 = s.tickets.get(first)!;
    expect(metrics.mtbfAvgS).toBe((second!.openedAt - t1.openedAt) / 1000);
    expect(s.tickets.metrics({ equipmentId: 'wif-1' }).tickets).toBe(0);
    expect(SYSTEM_ACTOR.role).toBe('system');
  });
});
