import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PosOrderSubmission } from '../../../../shared/api/orders';
import type { SquareOrder } from '../../../../shared/api/pos-connectors';
import type { CatalogMapping } from '../../../../shared/config/pos-connectors';
import { canonicalFromSquare } from './square-order-mapping';
import { squareSignature, verifySquareSignature } from './square-signature';

const KEY = 'sig-key-123';
const URL_ = 'https://edge.example/api/pos/square/webhook';
const BODY = '{"merchant_id":"M1","type":"order.updated","event_id":"e-1","data":{"id":"O1"}}';

describe('Square signature', () => {
  // Computed independently of the code under test: base64(HMAC-SHA256(key, url + body)).
  const good = createHmac('sha256', KEY)
    .update(URL_ + BODY)
    .digest('base64');

  it('accepts the signature of the exact body and URL', () => {
    expect(squareSignature(KEY, URL_, BODY)).toBe(good);
    expect(verifySquareSignature(KEY, URL_, Buffer.from(BODY), good)).toBe(true);
  });

  it('refuses a tampered body, a wrong key, another URL, a missing or malformed header', () => {
    expect(verifySquareSignature(KEY, URL_, BODY.replace('O1', 'O2'), good)).toBe(false);
    expect(verifySquareSignature(KEY, URL_, `${BODY} `, good)).toBe(false);
    expect(verifySquareSignature('other-key', URL_, BODY, good)).toBe(false);
    expect(verifySquareSignature(KEY, `${URL_}/`, BODY, good)).toBe(false);
    expect(verifySquareSignature(KEY, URL_, BODY, undefined)).toBe(false);
    expect(verifySquareSignature(KEY, URL_, BODY, '')).toBe(false);
    expect(verifySquareSignature(KEY, URL_, BODY, 'not base64 !!')).toBe(false);
    expect(verifySquareSignature(KEY, URL_, BODY, good.slice(0, 20))).toBe(false);
  });
});

const CATALOG: CatalogMapping = {
  items: { VAR_BURGER: 'burger', VAR_FRIES: 'fries' },
  modifiers: { MOD_LARGE: 'large' },
  ignore: ['VAR_COKE'],
};

function squareOrder(over: Partial<SquareOrder> = {}): SquareOrder {
  return {
    id: 'ORD-1',
    version: 3,
    state: 'OPEN',
    created_at: '2026-01-05T04:30:00.123Z',
    source: { name: 'Square Point of Sale' },
    ticket_name: 'T4',
    line_items: [
      { uid: 'u1', catalog_object_id: 'VAR_BURGER', name: 'Burger', quantity: '2', note: 'ALLERGY: sesame' },
      {
        uid: 'u2',
        catalog_object_id: 'VAR_FRIES',
        name: 'Fries',
        quantity: '1',
        modifiers: [{ uid: 'mu1', catalog_object_id: 'MOD_LARGE', name: 'Large' }],
      },
      { uid: 'u3', catalog_object_id: 'VAR_COKE', name: 'Coke', quantity: '1' },
    ],
    ...over,
  };
}

describe('Square order → canonical order', () => {
  it('maps quantity strings, uids, catalog ids, state, table and channel', () => {
    const mapped = canonicalFromSquare(squareOrder(), 'evt-9', CATALOG);
    if (mapped.ok !== true) throw new Error(JSON.stringify(mapped));
    const submission = PosOrderSubmission.parse(mapped.submission);
    expect(submission).toEqual({
      source: 'square',
      eventId: 'evt-9',
      order: {
        externalId: 'ORD-1',
        version: 3,
        channel: 'dine_in',
        placedAt: Date.parse('2026-01-05T04:30:00.123Z'),
        status: 'open',
        table: 'T4',
        lines: [
          { lineId: 'u1', item: 'burger', qty: 2, modifiers: [], note: 'ALLERGY: sesame' },
          { lineId: 'u2', item: 'fries', qty: 1, modifiers: [{ id: 'mu1', item: 'large' }] },
        ],
      },
    });
  });

  it('maps states and fulfillments: COMPLETED closed, CANCELED voided, refunds refunded, PICKUP takeaway', () => {
    const status = (o: Partial<SquareOrder>) => {
      const m = canonicalFromSquare(squareOrder(o), 'e', CATALOG);
      return m.ok === true ? [m.submission.order.status, m.submission.order.channel] : m;
    };
    expect(status({ state: 'COMPLETED' })).toEqual(['closed', 'dine_in']);
    expect(status({ state: 'CANCELED', fulfillments: [{ type: 'PICKUP' }] })).toEqual(['voided', 'takeaway']);
    expect(
      status({ state: 'COMPLETED', refunds: [{ id: 'r' }], fulfillments: [{ type: 'DELIVERY' }] }),
    ).toEqual(['refunded', 'delivery']);
    expect(canonicalFromSquare(squareOrder({ state: 'DRAFT' }), 'e', CATALOG).ok).toBe('skip');
  });

  it('refuses the whole order naming every line it cannot make', () => {
    const mapped = canonicalFromSquare(
      squareOrder({
        version: undefined,
        line_items: [
          { uid: 'u1', catalog_object_id: 'VAR_PIZZA', name: 'Pizza', quantity: '1' },
          { uid: 'u2', catalog_object_id: 'VAR_FRIES', quantity: '1.5' },
          {
            uid: 'u3',
            catalog_object_id: 'VAR_FRIES',
            quantity: '1',
            modifiers: [{ catalog_object_id: 'MOD_X' }],
          },
        ],
      }),
      'e',
      CATALOG,
    );
    expect(mapped.ok).toBe(false);
    if (mapped.ok !== false) return;
    expect(mapped.problems).toHaveLength(4);
    expect(mapped.problems.join('\n')).toMatch(/no version[\s\S]*VAR_PIZZA[\s\S]*"1.5"[\s\S]*MOD_X/);
  });
});
