import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KdsBumpedPayload, OrderAppliedPayload } from '../../../shared/central/kitchen-events';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { type CentralDatabase, openCentralDatabase } from '../db/central-db';
import { BACKENDS, event, releaseSharedPostgres, sharedPostgres } from '../testing/central-test-kit';
import { ProjectionPlan } from './projections';

afterAll(releaseSharedPostgres, 60_000);

const T = Date.UTC(2026, 0, 5, 11, 30);
const STORE = 'sh-001';

function bump(seq: number, ticketId: number, timeS: number, overrides: Partial<KdsBumpedPayload> = {}) {
  const payload: KdsBumpedPayload = {
    ticketId,
    station: 'grill',
    kind: 'original',
    channel: 'dine_in',
    businessDate: '2026-01-05',
    createdAt: T,
    bumpedAt: T + timeS * 1000,
    ticketTimeS: timeS,
    ...overrides,
  };
  return event(seq, 'kds.bumped', ticketId, payload);
}

function recall(seq: number, ticketId: number) {
  return event(seq, 'kds.recalled', ticketId, {
    ticketId,
    station: 'grill',
    businessDate: '2026-01-05',
    by: 'staff-chen',
    at: T + 60_000,
  });
}

function order(seq: number, externalId: string, overrides: Partial<OrderAppliedPayload> = {}) {
  const payload = {
    source: 'square',
    externalId,
    version: 1,
    status: 'open',
    channel: 'takeaway',
    businessDate: '2026-01-05',
    placedAt: T,
    lines: 2,
    portions: 3,
    ticketsOpened: 2,
    ...overrides,
  };
  return event(seq, 'order.applied', `square:${externalId}`, payload);
}

describe.each(BACKENDS)('kitchen projection on %s', (backend) => {
  let database: CentralDatabase;
  let dataDir: string;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'galley-kitchen-'));
    const databaseUrl = backend === 'postgres' ? await (await sharedPostgres()).createDatabase() : undefined;
    database = await openCentralDatabase({ dataDir, databaseUrl });
    await database.db.insertInto('regions').values({ id: 'east', name: 'East', created_at: T }).execute();
    await database.db
      .insertInto('stores')
      .values({ id: STORE, name: 'Shanghai 001', region_id: 'east', created_at: T })
      .execute();
  });
  afterEach(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** One group of batches: every event taken in, then written in one transaction. */
  async function project(...events: SyncEvent[]): Promise<string[]> {
    const plan = new ProjectionPlan();
    const outcomes = events.map((e) => plan.add(STORE, e).kind);
    await database.db.transaction().execute((trx) => plan.apply(trx));
    return outcomes;
  }

  const ticket = (ticketId: number) =>
    database.db
      .selectFrom('kitchen_ticket_times')
      .selectAll()
      .where('store_id', '=', STORE)
      .where('ticket_id', '=', ticketId)
      .executeTakeFirst();

  it('keeps a bumped ticket with its station, channel, day, times and seq', async () => {
    expect(
      await project(bump(4, 17, 312, { kind: 'addition', channel: 'delivery', station: 'fry' })),
    ).toEqual(['projected']);
    expect(await ticket(17)).toEqual({
      store_id: STORE,
      ticket_id: 17,
      station: 'fry',
      kind: 'addition',
      channel: 'delivery',
      business_date: '2026-01-05',
      created_at: T,
      bumped_at: T + 312_000,
      ticket_time_s: 312,
      last_seq: 4,
    });
  });

  it('never rolls a ticket back to an older bump, across groups or inside one', async () => {
    await project(bump(9, 1, 240));
    await project(bump(3, 1, 100));
    expect(await ticket(1)).toMatchObject({ ticket_time_s: 240, last_seq: 9 });

    await project(bump(12, 2, 420), bump(11, 2, 90));
    expect(await ticket(2)).toMatchObject({ ticket_time_s: 420, last_seq: 12 });
  });

  it('takes a recalled ticket’s time away until it is bumped again, then counts the newest bump', async () => {
    await project(bump(1, 5, 200));
    await project(recall(2, 5));
    expect(await ticket(5)).toMatchObject({
      bumped_at: null,
      ticket_time_s: null,
      kind: 'original',
      channel: 'dine_in',
      last_seq: 2,
    });
    await project(bump(3, 5, 380));
    expect(await ticket(5)).toMatchObject({ bumped_at: T + 380_000, ticket_time_s: 380, last_seq: 3 });
  });

  it('ignores a recall that arrives after the rebump that followed it', async () => {
    await project(bump(1, 6, 200), bump(3, 6, 380));
    await project(recall(2, 6));
    expect(await ticket(6)).toMatchObject({ ticket_time_s: 380, last_seq: 3 });
  });

  it('keeps a recall that arrives before the bump it undid', async () => {
    await project(recall(2, 7));
    expect(await ticket(7)).toMatchObject({ station: 'grill', kind: null, ticket_time_s: null, last_seq: 2 });
    await project(bump(1, 7, 200));
    expect(await ticket(7)).toMatchObject({ ticket_time_s: null, last_seq: 2 });
  });

  it('keeps each order’s newest version, whatever order the versions arrive in', async () => {
    await project(order(5, 'A-1', { version: 2, status: 'closed', portions: 4 }), order(6, 'A-2'));
    await project(order(4, 'A-1', { version: 1, portions: 3 }));
    const rows = await database.db
      .selectFrom('store_orders')
      .select(['order_key', 'status', 'channel', 'business_date', 'placed_at', 'portions', 'last_seq'])
      .orderBy('order_key')
      .execute();
    expect(rows).toEqual([
      {
        order_key: 'square:A-1',
        status: 'closed',
        channel: 'takeaway',
        business_date: '2026-01-05',
        placed_at: T,
        portions: 4,
        last_seq: 5,
      },
      {
        order_key: 'square:A-2',
        status: 'open',
        channel: 'takeaway',
        business_date: '2026-01-05',
        placed_at: T,
        portions: 3,
        last_seq: 6,
      },
    ]);
  });

  it('keeps an event that does not fit as history only, and says why', async () => {
    const broken = event(8, 'kds.bumped', 9, { ticketId: 9, station: 'grill', businessDate: '5 Jan' });
    const plan = new ProjectionPlan();
    const outcome = plan.add(STORE, broken);
    expect(outcome.kind).toBe('invalid');
    expect(outcome.kind === 'invalid' ? outcome.problem : '').toContain('businessDate');
    await database.db.transaction().execute((trx) => plan.apply(trx));
    expect(await ticket(9)).toBeUndefined();
  });
});
