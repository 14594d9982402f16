import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { AvailabilityChange } from '../../../shared/api/menu';
import type { StoreConfig } from '../../../shared/config/store-config';
import { loadStoreConfig } from '../../../shared/server/config/load-store-config';
import { FakeClock } from '../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { alarmSystem } from '../alarms/testing/alarm-system';
import { play } from '../rules/testing/rule-test-kit';
import { AvailabilityService } from './availability-service';

const SEC = 1000;
const demo = () =>
  loadStoreConfig(fileURLToPath(new URL('../../../config/demo-store.yaml', import.meta.url)));

/** The demo store with two fryers, as the fryer scenario has it. */
function twoFryers(): StoreConfig {
  const config = demo();
  return { ...config, equipment: config.equipment.filter((e) => e.id !== 'fryer-3') };
}

interface Received {
  method: string;
  body: AvailabilityChange;
  key: string | undefined;
}

/** A POS's webhook receiver on loopback; answers `status()` (200 unless told otherwise). */
async function receiver(status: () => number = () => 200) {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    req.on('end', () => {
      const code = status();
      if (code < 300) {
        received.push({
          method: req.method ?? '',
          body: AvailabilityChange.parse(JSON.parse(text)),
          key: req.headers['idempotency-key'] as string | undefined,
        });
      }
      res.writeHead(code).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/availability`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function setup(status?: () => number) {
  const config = twoFryers();
  const clock = new FakeClock(Date.UTC(2026, 11, 7, 4, 0));
  const system = alarmSystem({ config, clock });
  const pos = await receiver(status);
  closers.push(pos.close);
  const availability = new AvailabilityService({
    db: system.db,
    clock,
    logger: silentLogger(),
    storeId: config.store.id,
    settings: () => ({
      kitchen: config.kitchen,
      equipment: config.equipment,
      webhooks: [{ id: 'pos', url: pos.url, shape: 'generic', items: {} }],
    }),
    alarms: system.alarms,
  });
  availability.start();
  closers.push(async () => availability.stop());
  const fryerOil = (id: string, forMs: number, temp: number) =>
    play(clock, system.bus, id, forMs, 5 * SEC, () => ({ oil_temp_c: temp, heating_on: false }));
  const unavailable = () =>
    availability
      .list()
      .filter((i) => !i.available)
      .map((i) => i.item)
      .sort();
  /** Waits (on the real clock) until the receiver has `n` deliveries. */
  const delivered = async (n: number) => {
    const deadline = Date.now() + 5_000;
    while (pos.received.length < n && Date.now() < deadline) {
      await availability.deliverer.drain();
      await new Promise((r) => setTimeout(r, 10));
    }
    return pos.received;
  };
  return { availability, system, clock, pos, fryerOil, unavailable, delivered };
}

describe('menu availability follows equipment health', () => {
  it('the fryer scenario: one fryer down changes nothing; both down 86 fries, nuggets and combo; a repair brings back only those', async () => {
    const s = await setup();
    s.fryerOil('fryer-1', 30 * SEC, 230);
    expect(s.unavailable()).toEqual([]);

    s.fryerOil('fryer-2', 30 * SEC, 230);
    expect(s.unavailable()).toEqual(['combo', 'fries', 'nuggets']);
    const fries = s.availability.list().find((i) => i.item === 'fries');
    expect(fries?.reasons).toEqual([
      expect.objectContaining({
        kind: 'equipment',
        capability: 'fryer',
        units: [
          expect.objectContaining({
            equipmentId: 'fryer-1',
            alarmTitle: expect.objectContaining({ en: 'Fryer oil above 200 °C' }),
          }),
          expect.objectContaining({ equipmentId: 'fryer-2' }),
        ],
      }),
    ]);
    const out = await s.delivered(3);
    expect(out.map((d) => [d.body.item, d.body.available]).sort()).toEqual([
      ['combo', false],
      ['fries', false],
      ['nuggets', false],
    ]);
    expect(new Set(out.map((d) => d.key)).size).toBe(3);

    s.availability.stop86('salad', 'mgr-li', 'out of lettuce');
    expect(s.unavailable()).toEqual(['combo', 'fries', 'nuggets', 'salad']);
    await s.delivered(4);

    // the same alarm replayed: nothing new to tell
    s.fryerOil('fryer-2', 30 * SEC, 235);
    s.availability.recompute();
    expect((await s.delivered(4)).length).toBe(4);

    // fryer 2 back below 190 °C long enough to clear: its items come back, salad stays off
    s.fryerOil('fryer-2', 90 * SEC, 175);
    expect(s.unavailable()).toEqual(['salad']);
    const all = await s.delivered(7);
    expect(
      all
        .slice(4)
        .map((d) => [d.body.item, d.body.available])
        .sort(),
    ).toEqual([
      ['combo', true],
      ['fries', true],
      ['nuggets', true],
    ]);
    expect(all).toHaveLength(7);
    expect(s.availability.list().find((i) => i.item === 'salad')?.reasons).toEqual([
      expect.objectContaining({ kind: 'manual', by: 'mgr-li', note: 'out of lettuce' }),
    ]);
  });

  it('an open out-of-service repair ticket takes its unit out until it is verified', async () => {
    const s = await setup();
    s.system.db
      .prepare(
        `INSERT INTO tickets (equipment_id, fault, source, title, severity, status, opened_at, opened_by, updated_at, out_of_service)
         VALUES ('fryer-1', 'manual:not_heating', 'manual', '{"en":"x","zh-CN":"x"}', 'critical', 'open', ?, 'mgr-li', ?, 1)`,
      )
      .run(s.clock.now(), s.clock.now());
    s.availability.recompute();
    expect(s.unavailable()).toEqual([]);
    s.system.db
      .prepare(
        `INSERT INTO tickets (equipment_id, fault, source, title, severity, status, opened_at, opened_by, updated_at, out_of_service)
         VALUES ('fryer-2', 'manual:not_heating', 'manual', '{"en":"x","zh-CN":"x"}', 'critical', 'open', ?, 'mgr-li', ?, 1)`,
      )
      .run(s.clock.now(), s.clock.now());
    s.availability.recompute();
    expect(s.unavailable()).toEqual(['combo', 'fries', 'nuggets']);
    const reason = s.availability.list().find((i) => i.item === 'fries')?.reasons[0];
    expect(reason).toMatchObject({
      kind: 'equipment',
      units: [{ ticketId: expect.any(Number) }, { ticketId: expect.any(Number) }],
    });
    s.system.db.prepare("UPDATE tickets SET status = 'verified' WHERE equipment_id = 'fryer-2'").run();
    s.availability.recompute();
    expect(s.unavailable()).toEqual([]);
  });

  it('a receiver that refuses is retried with the same idempotency key until it takes the change', async () => {
    let refuse = 2;
    const s = await setup(() => (refuse-- > 0 ? 503 : 200));
    s.availability.stop86('salad', 'mgr-li');
    const deadline = Date.now() + 5_000;
    while ((s.availability.store.deliveries(10)[0]?.attempts ?? 0) < 1 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const [first] = s.availability.store.deliveries(10);
    expect(first).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 503 });
    for (let attempts = 2; attempts <= 3; attempts++) {
      s.clock.advance(61 * SEC);
      const until = Date.now() + 5_000;
      while ((s.availability.store.deliveries(10)[0]?.attempts ?? 0) < attempts && Date.now() < until) {
        await s.availability.deliverer.drain();
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    expect(s.pos.received).toHaveLength(1);
    expect(s.availability.store.deliveries(10)[0]).toMatchObject({
      state: 'delivered',
      attempts: 3,
      lastStatus: 200,
    });
    expect(s.pos.received[0]?.key).toBe(first?.idempotencyKey);
  });
});
