import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type PurchasingRig, purchasingRig } from '../edge/domains/purchasing/testing/purchasing-rig';
import { ConfigError, parseStoreConfig } from '../shared/server/config/load-store-config';

const DEMO = fileURLToPath(new URL('../config/demo-store.yaml', import.meta.url));

/** The demo store with a `purchasing` section appended as YAML. */
/** The demo store without its own suppliers (the section is last in the file). */
const demoWithoutPurchasing = () => {
  const text = readFileSync(DEMO, 'utf8');
  const at = text.indexOf('\npurchasing:');
  return at < 0 ? text : text.slice(0, at);
};
const withPurchasing = (yaml: string) => `${demoWithoutPurchasing()}\npurchasing:\n${yaml}`;

const SUPPLIER = `
  suppliers:
    - id: fresh-meat
      name: { en: Fresh Meat Co., zh-CN: 鲜肉供应公司 }
      paymentTermsDays: 30
      taxRatePct: "9"
      contact: { name: Li Wei, email: orders@fresh-meat.example }
      items:
        - { kind: ingredient, id: beef, unit: kg, baseUnitsPerUnit: "1000", unitPrice: "82.00", chilled: true }
`;

function problemsOf(text: string): string[] {
  try {
    parseStoreConfig(text, 'store.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('purchasing: the supplier master in the store config', () => {
  it('a store without purchasing has no suppliers; one with them keeps prices and rates as exact text', () => {
    expect(parseStoreConfig(demoWithoutPurchasing(), DEMO).purchasing).toMatchObject({
      suppliers: [],
      matchTolerances: { quantityPct: '2', pricePct: '3' },
    });
    expect(parseStoreConfig(readFileSync(DEMO, 'utf8'), DEMO).purchasing.suppliers.map((p) => p.id)).toEqual([
      'fresh-meat',
      'kitchen-spares',
    ]);
    const config = parseStoreConfig(withPurchasing(SUPPLIER), 'store.yaml');
    expect(config.purchasing.suppliers[0]).toMatchObject({
      id: 'fresh-meat',
      currency: 'CNY',
      taxRatePct: '9',
      items: [
        { kind: 'ingredient', id: 'beef', unitPrice: '82.00', baseUnitsPerUnit: '1000', chilled: true },
      ],
    });
  });

  it('reports every problem with its path: unknown keys with a hint, floats for money, bounds, duplicates', () => {
    const bad = SUPPLIER.replace('paymentTermsDays: 30', 'paymentTerms: 30')
      .replace('unitPrice: "82.00"', 'unitPrice: "82.00001"')
      .replace('taxRatePct: "9"', 'taxRatePct: "45"')
      .concat(`    - id: fresh-meat
      name: { en: Again, zh-CN: 重复 }
      paymentTermsDays: 400
      taxRatePct: "9"
      contact: { name: X }
`);
    expect(problemsOf(withPurchasing(bad))).toEqual([
      'purchasing.suppliers[0].paymentTermsDays: missing (required)',
      'purchasing.suppliers[0].taxRatePct: a tax rate is between 0 and 30 %',
      'purchasing.suppliers[0].items[beef].unitPrice: a unit price: a decimal such as "82.00", at most 4 decimals',
      'purchasing.suppliers[0].paymentTerms: unknown key (expected one of: id, name, currency, paymentTermsDays, taxRatePct, contact, items, new)',
      'purchasing.suppliers[1].paymentTermsDays: Too big: expected number to be <=180',
    ]);
    // Once each supplier is well formed, the list is checked as a whole.
    const twice = SUPPLIER.concat(
      SUPPLIER.replace('  suppliers:\n', '').replace(
        '- { kind: ingredient, id: beef',
        '- { kind: ingredient, id: bun',
      ),
    );
    expect(problemsOf(withPurchasing(twice))).toEqual([
      'purchasing.suppliers[1].id: supplier "fresh-meat" is listed twice',
    ]);
    const itemTwice = SUPPLIER.concat(
      '        - { kind: ingredient, id: beef, unit: case, baseUnitsPerUnit: "10000", unitPrice: "800" }\n',
    );
    expect(problemsOf(withPurchasing(itemTwice))).toEqual([
      'purchasing.suppliers[fresh-meat].items[1].id: ingredient "beef" is on this price list twice',
    ]);
  });
});

describe('purchasing: the API description and bad input', () => {
  let rig: PurchasingRig;
  afterEach(async () => {
    await rig.close();
  });

  it('the OpenAPI document lists every purchasing route with the permission it needs', async () => {
    rig = await purchasingRig();
    const doc = (await rig.get('/api/openapi.json', {})).json() as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const paths = Object.keys(doc.paths).filter(
      (p) => p.startsWith('/api/purchase-orders') || p === '/api/suppliers',
    );
    expect(paths.sort()).toEqual([
      '/api/purchase-orders',
      '/api/purchase-orders/{orderId}',
      '/api/purchase-orders/{orderId}.csv',
      '/api/purchase-orders/{orderId}.pdf',
      '/api/purchase-orders/{orderId}/invoices',
      '/api/purchase-orders/{orderId}/receipts',
      '/api/purchase-orders/{orderId}/transitions',
      '/api/suppliers',
    ]);
    expect(JSON.stringify(doc.paths['/api/purchase-orders/{orderId}/receipts'])).toContain(
      'purchase_requests.receive',
    );
    expect(JSON.stringify(doc.paths['/api/purchase-orders']?.post)).toContain('purchase_orders.place');
  });

  it('refuses bad bodies with their path, never crashes, and counts each refusal', async () => {
    rig = await purchasingRig();
    const purchaser = await rig.as('purchaser');
    const receiver = await rig.as('receiver');
    const cases: [string, object, number, RegExp][] = [
      [
        '/api/purchase-orders',
        { supplier: 'nobody', requests: [{ kind: 'ingredient', id: 1 }] },
        400,
        /no supplier \\"nobody\\"/,
      ],
      [
        '/api/purchase-orders',
        { supplier: 'fresh-meat', requests: [{ kind: 'ingredient', id: 99 }] },
        400,
        /no ingredient purchase request #99/,
      ],
      ['/api/purchase-orders', { supplier: 'fresh-meat', requests: [] }, 400, /requests/],
      ['/api/purchase-orders', { supplier: 'fresh-meat', requests: [{ kind: 'fish', id: 1 }] }, 400, /kind/],
      [
        '/api/purchase-orders',
        { supplier: 'fresh-meat', requests: [{ kind: 'part', id: 1 }], extra: 1 },
        400,
        /extra/,
      ],
    ];
    for (const [url, payload, status, message] of cases) {
      const answer = await rig.post(url, purchaser, payload);
      expect(answer.statusCode, JSON.stringify(payload)).toBe(status);
      expect(JSON.stringify(answer.json())).toMatch(message);
    }
    expect(rig.purchasing.stats.refused).toBe(2);
    const metrics = await rig.get('/metrics', {});
    expect(metrics.body).toContain('galley_purchasing_refused_total{code="REQUEST_REFUSED"} 2');

    const receipts: object[] = [
      { ref: 'DN', lines: [{ line: 1, qty: '-1' }] },
      { ref: 'DN', lines: [{ line: 1, qty: '1.2345' }] },
      { ref: 'DN', lines: [{ line: 1, qty: '1', rejectedQty: '1' }] },
      { ref: 'DN', lines: [{ line: 1, qty: '1', deliveryTempC: 400 }] },
      { ref: 'DN', lines: [{ line: 1, qty: '1', expiry: '12/12/2026' }] },
    ];
    for (const payload of receipts) {
      const answer = await rig.post('/api/purchase-orders/1/receipts', receiver, payload);
      expect(answer.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect(
      (
        await rig.post('/api/purchase-orders/1/receipts', receiver, {
          ref: 'DN',
          lines: [{ line: 1, qty: '1' }],
        })
      ).statusCode,
    ).toBe(404);
    expect((await rig.get('/api/purchase-orders/7.pdf', receiver)).statusCode).toBe(404);
  });
});
