import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import type { RuleInput } from '../../../shared/config/rules';
import { storeWithRules } from '../rules/testing/rule-test-kit';
import { countRows, faultChain } from '../tickets/testing/ticket-test-kit';

const tooWarm: RuleInput = {
  id: 'temp_high',
  kind: 'threshold',
  title: { en: 'Too warm', 'zh-CN': 'Too warm' },
  severity: 'critical',
  metric: 'temp_c',
  raise: { op: '>', value: 5 },
  clear: { op: '<', value: 4 },
};

let chain: ReturnType<typeof faultChain> | undefined;
afterEach(() => chain?.stop());

function setup() {
  chain = faultChain(storeWithRules({ cooler: [tooWarm], freezer: [tooWarm] }));
  const c = chain;
  const bothWarm = () =>
    c.bus.emit('readingsCommitted', [
      { equipmentId: 'wic-1', ts: c.clock.now(), readings: { temp_c: 8 } },
      { equipmentId: 'wif-1', ts: c.clock.now(), readings: { temp_c: 8 } },
    ]);
  return { ...c, bothWarm };
}

it('faults from one batch of readings commit together and are announced after that commit', () => {
  const s = setup();
  const reader = new Database(s.db.name, { readonly: true });
  const alarmsCommitted = () => countRows(reader, 'SELECT count(*) AS n FROM alarms');
  const atTicketInsert: number[] = [];
  s.db.function('seen_at_ticket_insert', () => {
    atTicketInsert.push(alarmsCommitted());
    return null;
  });
  s.db.exec('CREATE TRIGGER watch AFTER INSERT ON tickets BEGIN SELECT seen_at_ticket_insert(); END;');
  const atAnnounce: number[] = [];
  s.alarms.onChange(() => atAnnounce.push(alarmsCommitted()));

  s.bothWarm();
  reader.close();
  expect(s.tickets.list({ status: 'open', limit: 10 })).toHaveLength(2);
  // Neither alarm was visible to another connection before both tickets were written…
  expect(atTicketInsert).toEqual([0, 0]);
  // …and listeners (MQTT, display) hear of them only once both are durable.
  expect(atAnnounce).toEqual([2, 2]);
});

it('a batch whose commit fails stores and announces nothing; its transitions are sent again on the next readings', () => {
  const s = setup();
  // A deferred foreign key is checked at COMMIT: a way to make exactly the batch commit fail.
  s.db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
    CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
    CREATE TRIGGER poison AFTER INSERT ON alarms BEGIN INSERT INTO child VALUES (42); END;`);
  const announced: string[] = [];
  s.alarms.onChange((c) => announced.push(`${c.type} ${c.alarm.equipmentId}`));

  s.bothWarm();
  expect(countRows(s.db, 'SELECT count(*) AS n FROM alarms')).toBe(0);
  expect(countRows(s.db, 'SELECT count(*) AS n FROM tickets')).toBe(0);
  expect(countRows(s.db, 'SELECT count(*) AS n FROM outbox')).toBe(0);
  expect(announced).toEqual([]);
  expect(s.engine.stats.sinkErrors).toBe(1);

  s.db.exec('DROP TRIGGER poison');
  s.clock.advance(10_000);
  s.bothWarm();
  expect(announced).toEqual(['raised wic-1', 'raised wif-1']);
  expect(s.alarms.active().map((a) => a.equipmentId)).toEqual(['wic-1', 'wif-1']);
  expect(s.tickets.list({ status: 'open', limit: 10 })).toHaveLength(2);
});
