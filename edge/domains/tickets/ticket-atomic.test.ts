import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import type { RuleInput } from '../../../shared/config/rules';
import { MINUTE, storeWithRules } from '../rules/testing/rule-test-kit';
import { countRows, faultChain } from './testing/ticket-test-kit';

const tooWarm: RuleInput = {
  id: 'temp_high',
  kind: 'threshold',
  title: { en: 'Cooler too warm', 'zh-CN': 'Cooler too warm' },
  severity: 'critical',
  metric: 'temp_c',
  raise: { op: '>', value: 5, forS: 60 },
  clear: { op: '<', value: 4, forS: 60 },
};

let chain: ReturnType<typeof faultChain> | undefined;
afterEach(() => chain?.stop());

it('an alarm and the ticket it opens commit together: no reader ever sees the alarm without it', () => {
  chain = faultChain(storeWithRules({ cooler: [tooWarm] }));
  const { db, feed, tickets } = chain;
  const reader = new Database(db.name, { readonly: true });
  const alarmsOutside: number[] = [];
  // Called by a trigger as the ticket row is inserted: what another connection sees at that moment.
  db.function('alarms_seen_by_reader', () => {
    alarmsOutside.push(countRows(reader, 'SELECT count(*) AS n FROM alarms'));
    return null;
  });
  db.exec('CREATE TRIGGER watch AFTER INSERT ON tickets BEGIN SELECT alarms_seen_by_reader(); END;');
  feed('wic-1', 3 * MINUTE, () => ({ temp_c: 8 }));
  reader.close();
  expect(tickets.list({ status: 'open', limit: 10 })).toHaveLength(1);
  expect(alarmsOutside).toEqual([0]);
});

it('a ticket that cannot be written leaves its alarm stored; the ticket follows on the next start', () => {
  chain = faultChain(storeWithRules({ cooler: [tooWarm] }));
  const { db, feed, tickets, alarms, engine } = chain;
  db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON tickets BEGIN SELECT RAISE(ABORT, 'disk says no'); END;`);
  feed('wic-1', 3 * MINUTE, () => ({ temp_c: 8 }));
  expect(alarms.active()).toHaveLength(1);
  expect(countRows(db, 'SELECT count(*) AS n FROM tickets')).toBe(0);
  expect(countRows(db, `SELECT count(*) AS n FROM outbox WHERE type LIKE 'ticket.%'`)).toBe(0);
  expect(tickets.stats.errors).toBe(1);
  expect(alarms.stats.listenerErrors).toBe(1);
  expect(engine.stats.sinkErrors).toBe(0);

  db.exec('DROP TRIGGER refuse');
  tickets.stop();
  tickets.start();
  const [ticket] = tickets.list({ status: 'open', limit: 10 });
  expect(ticket).toMatchObject({
    equipmentId: 'wic-1',
    fault: 'temp_high',
    alarmIds: [alarms.active()[0]!.id],
  });
});
