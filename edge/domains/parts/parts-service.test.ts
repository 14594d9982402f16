import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { openDatabase } from '../../store/database';
import { countRows } from '../tickets/testing/ticket-test-kit';
import { PartsError } from './parts-errors';
import { PartsService } from './parts-service';
import { GASKET, MANAGER, partsChain, TECHNICIAN } from './testing/parts-test-kit';

describe('spare parts and purchase requests', () => {
  let f: ReturnType<typeof partsChain>;
  afterEach(() => f.stop());

  it('seeds the stock from the config once, keeping levels across restarts', () => {
    f = partsChain();
    expect(f.parts.get('GSK-1')).toMatchObject({
      onHand: 4,
      belowReorderPoint: false,
      openPurchaseRequestId: null,
    });
    f.parts.adjust('GSK-1', { delta: 1, reason: 'found one in the van' }, MANAGER);
    f.parts.stop();
    f.parts.start();
    expect(f.parts.get('GSK-1').onHand).toBe(5);
  });

  it('takes used parts out of stock with the resolve, and a shortage raises one purchase request', () => {
    f = partsChain();
    const resolved = f.repair('door seal torn', [{ name: 'Door gasket', quantity: 1 }]);
    expect(f.parts.get('GSK-1')).toMatchObject({ onHand: 3, openPurchaseRequestId: null });
    const movement = f.parts.get('GSK-1').movements[0];
    expect(movement).toMatchObject({
      reason: 'used',
      delta: -1,
      ticketId: resolved.id,
      equipmentId: 'wic-1',
      by: 'tech-wang',
    });

    f.repair('door seal torn again', [{ name: 'gasket by number', partNumber: 'GSK-1', quantity: 2 }]);
    const part = f.parts.get('GSK-1');
    expect(part).toMatchObject({ onHand: 1, belowReorderPoint: true });
    const [request] = f.parts.purchaseRequests({ status: 'open', limit: 10 });
    expect(request).toMatchObject({
      id: part.openPurchaseRequestId,
      partNumber: 'GSK-1',
      quantity: 6,
      status: 'requested',
      reason: 'reorder_point',
      requestedBy: 'system',
    });

    // Still short: more use does not ask again while the request is open.
    f.repair('hinge gasket', [{ name: 'Door gasket', quantity: 1 }]);
    expect(f.parts.get('GSK-1').onHand).toBe(0);
    expect(f.parts.purchaseRequests({ status: 'all', limit: 10 })).toHaveLength(1);
    expect(countRows(f.db, `SELECT count(*) AS n FROM outbox WHERE type = 'purchase.requested'`)).toBe(1);
    expect(countRows(f.db, `SELECT count(*) AS n FROM outbox WHERE type = 'part.used'`)).toBe(3);
  });

  it('approve then receive restocks, each step recorded with who and when', () => {
    f = partsChain();
    f.repair('seal', [{ name: 'Door gasket', quantity: 3 }]);
    const id = f.parts.get('GSK-1').openPurchaseRequestId!;
    f.clock.advance(3_600_000);
    const approved = f.parts.transitionPurchase(id, { to: 'approved', note: 'ok' }, MANAGER);
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'mgr-li', decidedAt: f.clock.now() });
    f.clock.advance(86_400_000);
    const received = f.parts.transitionPurchase(id, { to: 'received' }, MANAGER);
    expect(received).toMatchObject({
      status: 'received',
      receivedBy: 'mgr-li',
      receivedAt: f.clock.now(),
      receivedQuantity: 6,
    });
    expect(received.history.map((h) => [h.from, h.to, h.by])).toEqual([
      [null, 'requested', 'system'],
      ['requested', 'approved', 'mgr-li'],
      ['approved', 'received', 'mgr-li'],
    ]);
    expect(f.parts.get('GSK-1')).toMatchObject({
      onHand: 7,
      belowReorderPoint: false,
      openPurchaseRequestId: null,
    });
    expect(f.parts.get('GSK-1').movements[0]).toMatchObject({
      reason: 'received',
      delta: 6,
      purchaseRequestId: id,
    });
    const types = f.db
      .prepare(`SELECT type FROM outbox WHERE type LIKE 'purchase.%' ORDER BY seq`)
      .pluck()
      .all();
    expect(types).toEqual(['purchase.requested', 'purchase.approved', 'purchase.received']);
  });

  it('refuses illegal steps with the allowed next states, and lets only managers decide', () => {
    f = partsChain();
    f.repair('seal', [{ name: 'Door gasket', quantity: 3 }]);
    const id = f.parts.get('GSK-1').openPurchaseRequestId!;
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err;
      }
      throw new Error('expected a refusal');
    };
    expect(refused(() => f.parts.transitionPurchase(id, { to: 'received' }, MANAGER))).toMatchObject({
      code: 'PURCHASE_ILLEGAL_TRANSITION',
      allowed: ['approved', 'rejected'],
    });
    expect(refused(() => f.parts.transitionPurchase(id, { to: 'approved' }, TECHNICIAN))).toMatchObject({
      code: 'PURCHASE_FORBIDDEN',
    });
    f.parts.transitionPurchase(id, { to: 'rejected', note: 'use the spare from store 2' }, MANAGER);
    const final = refused(() => f.parts.transitionPurchase(id, { to: 'approved' }, MANAGER));
    expect(final).toBeInstanceOf(PartsError);
    expect(final).toMatchObject({ code: 'PURCHASE_ILLEGAL_TRANSITION', allowed: [] });
    expect(f.parts.purchaseRequest(id).status).toBe('rejected');
    expect(f.parts.get('GSK-1').onHand).toBe(1);
  });

  it('a rejected shortage is not asked again until the stock has recovered', () => {
    f = partsChain();
    f.repair('seal', [{ name: 'Door gasket', quantity: 3 }]);
    const first = f.parts.get('GSK-1').openPurchaseRequestId!;
    f.clock.advance(60_000);
    f.parts.transitionPurchase(first, { to: 'rejected', note: 'not now' }, MANAGER);
    f.clock.advance(60_000);
    f.repair('seal 2', [{ name: 'Door gasket', quantity: 1 }]);
    expect(f.parts.purchaseRequests({ status: 'all', limit: 10 })).toHaveLength(1);
    f.clock.advance(60_000);
    f.parts.adjust('GSK-1', { delta: 5, reason: 'bought locally' }, MANAGER);
    f.clock.advance(60_000);
    f.repair('seal 3', [{ name: 'Door gasket', quantity: 4 }]);
    const requests = f.parts.purchaseRequests({ status: 'all', limit: 10 });
    expect(requests.map((r) => r.status)).toEqual(['requested', 'rejected']);
  });

  it('a manager correction below the reorder point raises the request, with the reason kept', () => {
    f = partsChain();
    const detail = f.parts.adjust('GSK-1', { delta: -3, reason: 'count found 1' }, MANAGER);
    expect(detail).toMatchObject({ onHand: 1, belowReorderPoint: true });
    expect(detail.movements[0]).toMatchObject({ reason: 'adjusted', note: 'count found 1', by: 'mgr-li' });
    expect(detail.openPurchaseRequestId).not.toBeNull();
  });

  it('parts not in the catalogue are kept on the ticket but move no stock', () => {
    f = partsChain();
    const ticket = f.repair('seal', [{ name: 'cable tie', quantity: 3 }]);
    expect(ticket.parts).toEqual([{ name: 'cable tie', quantity: 3 }]);
    expect(f.parts.get('GSK-1').onHand).toBe(4);
    expect(f.parts.stats.unlisted).toBe(1);
  });

  it('two connections consuming the same part leave exactly one open request', () => {
    f = partsChain([{ ...GASKET, initialStock: 10 }]);
    const other = openDatabase(dirname(f.db.name));
    const second = new PartsService({
      db: other,
      clock: f.clock,
      logger: silentLogger(),
      storeId: f.config.store.id,
      config: f.config,
    });
    second.start();
    try {
      for (let i = 0; i < 5; i++) {
        f.repair(`seal ${i}`, [{ name: 'Door gasket', quantity: 1 }]);
        second.adjust('GSK-1', { delta: -1, reason: `other counter ${i}` }, MANAGER);
      }
    } finally {
      second.stop();
      other.close();
    }
    expect(f.parts.get('GSK-1').onHand).toBe(0);
    const requests = f.parts.purchaseRequests({ status: 'all', limit: 10 });
    expect(requests).toHaveLength(1);
    expect(countRows(f.db, `SELECT count(*) AS n FROM outbox WHERE type = 'purchase.requested'`)).toBe(1);
  });

  it('a failed stock write rolls the resolve back with it', () => {
    f = partsChain();
    const { ticket } = f.tickets.report({ equipmentId: 'wic-1', fault: 'seal', category: 'other' }, MANAGER);
    f.tickets.transition(ticket.id, { to: 'assigned', assignee: 'tech-wang' }, MANAGER);
    f.tickets.transition(ticket.id, { to: 'in_progress' }, TECHNICIAN);
    f.db.exec('DROP TABLE part_movements');
    expect(() =>
      f.tickets.transition(
        ticket.id,
        { to: 'resolved', resolutionCode: 'x', parts: [{ name: 'Door gasket', quantity: 1 }] },
        TECHNICIAN,
      ),
    ).toThrow();
    expect(f.tickets.get(ticket.id)?.status).toBe('in_progress');
    expect(countRows(f.db, 'SELECT on_hand_milli / 1000 AS n FROM part_stock')).toBe(4);
  });
});
