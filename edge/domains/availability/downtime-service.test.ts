import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../shared/server/runtime/fake-clock';
import { alarmSystem } from '../alarms/testing/alarm-system';
import { play } from '../rules/testing/rule-test-kit';
import { database, edge, MIN, START, seedMondays, tempDir, twoFryers } from './testing/downtime-rig';

describe('equipment downtime cost', () => {
  it('prices an outage across an hour boundary at each hour’s own rate, to the cent', () => {
    const clock = new FakeClock(START);
    const e = edge({ db: database(), clock });
    seedMondays(e.db);
    const fryer1 = e.outOfService('fryer-1');
    const fryer2 = e.outOfService('fryer-2');
    expect(e.availability.list().find((i) => i.item === 'fries')?.available).toBe(false);
    clock.advance(47 * MIN);
    e.verified(fryer2);

    // 40 min at 10 an hour + 7 min at 4.8 an hour = 7.2266… portions × 11.00 = 79.4933… → 79.49
    const fries = e.events().find((ev) => ev.item === 'fries');
    expect(fries).toMatchObject({
      startedAt: START,
      endedAt: START + 47 * MIN,
      portionsLost: 7.227,
      amount: { currency: 'CNY', amount: 79.49 },
      rateBasis: ['hour-of-week'],
      priced: true,
    });
    // shared between the two fryers, down together, the odd cent to the first
    expect(fries?.shares).toEqual([
      {
        equipmentId: 'fryer-1',
        ticketId: fryer1,
        alarmId: null,
        portionsLost: 3.614,
        amount: { currency: 'CNY', amount: 39.75 },
      },
      {
        equipmentId: 'fryer-2',
        ticketId: fryer2,
        alarmId: null,
        portionsLost: 3.613,
        amount: { currency: 'CNY', amount: 39.74 },
      },
    ]);
    // the combo sold one an hour at noon and none at 13:00: 40/60 × 32.00 = 21.33
    expect(e.events().find((ev) => ev.item === 'combo')?.amount).toEqual({ currency: 'CNY', amount: 21.33 });

    const byFryer1 = e.downtime.equipmentCost('fryer-1', {});
    expect(e.lineOf(byFryer1, 'fries')).toMatchObject({
      episodes: 1,
      portionsLost: 3.614,
      amount: { amount: 39.75 },
    });
    // fries 39.75 + half the combo's 21.33 (10.67, the odd cent first); nuggets never sold
    expect(byFryer1?.totals.amounts).toEqual([{ currency: 'CNY', amount: 50.42 }]);
    expect(e.lineOf(e.downtime.ticketCost(fryer2), 'fries')?.amount.amount).toBe(39.74);
    // an equipment asked about a period the episode did not end in has nothing
    expect(e.downtime.equipmentCost('fryer-1', { to: START + 47 * MIN })?.lines).toEqual([]);
    expect(e.downtime.equipmentCost('fryer-9', {})).toBeUndefined();
    expect(e.downtime.ticketCost(9999)).toBeUndefined();
  });

  it('a restart in the middle of an episode neither loses it nor counts it twice', () => {
    const clock = new FakeClock(START);
    const dir = tempDir();
    const first = edge({ db: database(dir), clock });
    seedMondays(first.db);
    first.outOfService('fryer-1');
    const fryer2 = first.outOfService('fryer-2');
    clock.advance(20 * MIN);
    // the process dies: its timers go with it (stopping writes nothing), the file is all that is left
    first.stop();
    first.db.close();

    const second = edge({ db: database(dir), clock });
    expect(second.episodes('fries')).toEqual([
      expect.objectContaining({ started_at: START, ended_at: null }),
    ]);
    clock.advance(27 * MIN);
    second.verified(fryer2);
    expect(second.episodes('fries')).toEqual([
      expect.objectContaining({ started_at: START, ended_at: START + 47 * MIN, amount_minor: 7949 }),
    ]);
    expect(second.events().filter((ev) => ev.item === 'fries')).toHaveLength(1);
  });

  it("an item 86'd by hand during an equipment outage stops counting when the equipment returns", () => {
    const clock = new FakeClock(START);
    const e = edge({ db: database(), clock });
    seedMondays(e.db);
    const fryer1 = e.outOfService('fryer-1');
    e.outOfService('fryer-2');
    clock.advance(10 * MIN);
    e.availability.stop86('fries', 'mgr-li', 'oil change after the repair');
    clock.advance(20 * MIN);
    e.verified(fryer1);
    // still off, by hand now: the fryers' episode ended all the same
    expect(e.availability.list().find((i) => i.item === 'fries')).toMatchObject({
      available: false,
      reasons: [expect.objectContaining({ kind: 'manual' })],
    });
    expect(e.episodes('fries')).toEqual([expect.objectContaining({ ended_at: START + 30 * MIN })]);
    clock.advance(30 * MIN);
    e.availability.release86('fries');
    // 30 min at 10 an hour = 5 portions × 11.00
    expect(e.events().filter((ev) => ev.item === 'fries')).toEqual([
      expect.objectContaining({ portionsLost: 5, amount: { currency: 'CNY', amount: 55 } }),
    ]);
  });

  it('two fryers down then one back: fries come back, the episode is shared, the fryer still down adds nothing', () => {
    const clock = new FakeClock(START);
    const e = edge({ db: database(), clock });
    seedMondays(e.db);
    const fryer1 = e.outOfService('fryer-1');
    clock.advance(5 * MIN);
    expect(e.episodes('fries')).toEqual([]);
    const fryer2 = e.outOfService('fryer-2');
    clock.advance(30 * MIN);
    e.verified(fryer1);
    expect(e.availability.list().find((i) => i.item === 'fries')?.available).toBe(true);
    clock.advance(60 * MIN);
    e.availability.recompute();

    // 12:25–12:55 at 10 an hour: 5 portions, 55.00, half each
    expect(e.episodes('fries')).toEqual([
      expect.objectContaining({
        started_at: START + 5 * MIN,
        ended_at: START + 35 * MIN,
        amount_minor: 5500,
      }),
    ]);
    for (const [equipmentId, ticketId] of [
      ['fryer-1', fryer1],
      ['fryer-2', fryer2],
    ] as const) {
      const report = e.downtime.equipmentCost(equipmentId, {});
      expect(e.lineOf(report, 'fries')).toMatchObject({ portionsLost: 2.5, amount: { amount: 27.5 } });
      expect(report?.openEpisodes).toBe(0);
      expect(e.lineOf(e.downtime.ticketCost(ticketId), 'fries')?.amount.amount).toBe(27.5);
    }
  });

  it("records a unit down by an alarm against the alarm's ticket, else against the alarm", () => {
    const config = twoFryers();
    const clock = new FakeClock(START);
    const system = alarmSystem({ config, clock });
    const e = edge({ db: system.db, clock, config, alarms: system.alarms });
    seedMondays(e.db);
    const oil = (id: string, forMs: number, temp: number) =>
      play(clock, system.bus, id, forMs, 5_000, () => ({ oil_temp_c: temp, heating_on: false }));
    oil('fryer-1', 30_000, 230);
    oil('fryer-2', 30_000, 230);
    const alarmOf = (equipmentId: string) =>
      system.alarms.active().find((a) => a.equipmentId === equipmentId)?.id;
    const alarm1 = alarmOf('fryer-1');
    const alarm2 = alarmOf('fryer-2');
    expect(e.episodes('fries')).toHaveLength(1);
    // fryer 1's alarm opened its automatic ticket; fryer 2's has none yet
    const ticket = Number(
      e.db
        .prepare(
          `INSERT INTO tickets (equipment_id, fault, source, title, severity, status, opened_at, opened_by, updated_at)
           VALUES ('fryer-1', 'rule:oil_high', 'alarm', '{"en":"x","zh-CN":"x"}', 'critical', 'open', ?, 'system', ?)`,
        )
        .run(clock.now(), clock.now()).lastInsertRowid,
    );
    e.db.prepare('INSERT INTO ticket_alarms (ticket_id, alarm_id) VALUES (?, ?)').run(ticket, alarm1);
    oil('fryer-2', 90_000, 175);
    expect(e.availability.list().find((i) => i.item === 'fries')?.available).toBe(true);

    const [fries] = e.events().filter((ev) => ev.item === 'fries');
    expect(fries?.shares.map((s) => [s.equipmentId, s.ticketId, s.alarmId])).toEqual([
      ['fryer-1', ticket, alarm1],
      ['fryer-2', null, alarm2],
    ]);
    expect(e.downtime.ticketCost(ticket)?.totals.episodes).toBeGreaterThan(0);
    // once fryer 2's alarm is attached to a ticket, that ticket counts its share
    const later = Number(
      e.db
        .prepare(
          `INSERT INTO tickets (equipment_id, fault, source, title, severity, status, opened_at, opened_by, updated_at)
           VALUES ('fryer-2', 'rule:oil_high', 'alarm', '{"en":"x","zh-CN":"x"}', 'critical', 'open', ?, 'system', ?)`,
        )
        .run(clock.now(), clock.now()).lastInsertRowid,
    );
    e.db.prepare('INSERT INTO ticket_alarms (ticket_id, alarm_id) VALUES (?, ?)').run(later, alarm2);
    expect(e.lineOf(e.downtime.ticketCost(later), 'fries')?.amount).toEqual(fries?.shares[1]?.amount);
  });
});
