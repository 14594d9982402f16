import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpareParts } from '../../../shared/config/parts';
import { PurchasingSettings } from '../../../shared/config/purchasing';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { TicketTransitionPayload } from '../../../shared/sync/ticket-repair-spend';
import { PartsService } from '../parts/parts-service';
import { GASKET } from '../parts/testing/parts-test-kit';
import { TicketQuoteStore } from '../predictive/ticket-quote-store';
import { storeWithRules } from '../rules/testing/rule-test-kit';
import { faultChain } from './testing/ticket-test-kit';
import type { TicketActor } from './ticket-lifecycle';

const admin: TicketActor = { id: 'admin', role: 'admin' };
let chain: ReturnType<typeof faultChain>;
let quotes: TicketQuoteStore;

beforeAll(() => {
  chain = faultChain(storeWithRules({}));
  quotes = new TicketQuoteStore(chain.db);
});
afterAll(() => chain.stop());

/** The `ticket.transition` events the box queued for central for one ticket, oldest first. */
function transitionsOf(ticketId: number, db = chain.db): TicketTransitionPayload[] {
  const rows = db
    .prepare<[number], { payload: string }>(
      `SELECT payload FROM outbox WHERE type = 'ticket.transition' AND entity_id = ? ORDER BY seq`,
    )
    .all(ticketId);
  return rows.map((r) => TicketTransitionPayload.parse(JSON.parse(r.payload)));
}

function report(fault: string): number {
  return chain.tickets.report({ equipmentId: 'wic-1', fault, category: 'other' }, admin).ticket.id;
}

function resolve(id: number) {
  if (chain.tickets.get(id)?.status === 'open') chain.tickets.transition(id, { to: 'acknowledged' }, admin);
  chain.tickets.transition(id, { to: 'in_progress' }, admin);
  return chain.tickets.transition(id, { to: 'resolved', resolutionCode: 'fixed', parts: [] }, admin);
}

describe('repair spend on the ticket sync event', () => {
  it('carries the quoted job price, in the store currency, on resolved, verified and closed', () => {
    const id = report('compressor noise');
    chain.tickets.transition(id, { to: 'acknowledged' }, admin);
    quotes.add(id, '1300', 'first look', chain.clock.now(), 'tech-wang');
    quotes.add(id, '1234.5', 'parts and call-out', chain.clock.now(), 'tech-wang');
    resolve(id);
    chain.tickets.transition(id, { to: 'verified' }, admin);
    chain.tickets.transition(id, { to: 'closed' }, admin);

    const events = transitionsOf(id);
    expect(events.map((e) => [e.transition.to, e.repairSpend ?? null, e.currency ?? null])).toEqual([
      ['acknowledged', null, null],
      ['in_progress', null, null],
      ['resolved', '1234.50', 'CNY'],
      ['verified', '1234.50', 'CNY'],
      ['closed', '1234.50', 'CNY'],
    ]);
  });

  it('counts what a step listener writes in the same transaction (the parts used on resolve)', () => {
    const id = report('door gasket torn');
    const off = chain.tickets.onTransitionCommitting((step) => {
      if (step.request.to === 'resolved')
        quotes.add(step.ticket.id, '99.99', undefined, step.at, 'tech-wang');
    });
    try {
      resolve(id);
    } finally {
      off();
    }
    expect(transitionsOf(id).at(-1)).toMatchObject({ repairSpend: '99.99', currency: 'CNY' });
  });

  it('sends 0.00 for a repair with neither quote nor priced parts, and nothing when closed unrepaired', () => {
    const free = report('loose handle');
    resolve(free);
    expect(transitionsOf(free).at(-1)?.repairSpend).toBe('0.00');

    const dropped = report('duplicate report');
    chain.tickets.transition(dropped, { to: 'closed' }, admin);
    const last = transitionsOf(dropped).at(-1);
    expect(last?.transition.to).toBe('closed');
    expect(last?.repairSpend).toBeUndefined();
  });

  it('prices the parts the resolve used at the supplier’s list price when the job has no quote', () => {
    const base = storeWithRules({});
    const purchasing = PurchasingSettings.parse({
      suppliers: [
        {
          id: 'cold-parts',
          name: { en: 'Cold Parts', 'zh-CN': '冷链配件' },
          paymentTermsDays: 30,
          taxRatePct: '13',
          contact: { name: 'Ms Zhao' },
          // A pack of 3 gaskets for 99.99: 33.33 a gasket.
          items: [{ kind: 'part', id: 'GSK-1', unit: 'pack', baseUnitsPerUnit: '3', unitPrice: '99.99' }],
        },
      ],
    });
    const own = faultChain({ ...base, parts: SpareParts.parse([GASKET]), purchasing });
    const parts = new PartsService({
      db: own.db,
      clock: own.clock,
      logger: silentLogger(),
      storeId: base.store.id,
      config: { ...base, parts: SpareParts.parse([GASKET]), purchasing },
      tickets: own.tickets,
    });
    parts.start();
    try {
      const { ticket } = own.tickets.report(
        { equipmentId: 'wic-1', fault: 'seal', category: 'other' },
        admin,
      );
      own.tickets.transition(ticket.id, { to: 'acknowledged' }, admin);
      own.tickets.transition(ticket.id, { to: 'in_progress' }, admin);
      own.tickets.transition(
        ticket.id,
        { to: 'resolved', resolutionCode: 'replaced', parts: [{ name: 'Door gasket', quantity: 3 }] },
        admin,
      );
      expect(parts.get('GSK-1').onHand).toBe(1);
      expect(transitionsOf(ticket.id, own.db).at(-1)).toMatchObject({
        repairSpend: '99.99',
        currency: 'CNY',
      });
    } finally {
      parts.stop();
      own.stop();
    }
  });
});
