import type { LightMyRequestResponse } from 'fastify';
import type { z } from 'zod';
import { PurchasingSettings } from '../../../../shared/config/purchasing';
import type { StoreConfig } from '../../../../shared/config/store-config';
import type { SessionRole } from '../../../../shared/roles';
import { silentLogger } from '../../../../shared/server/runtime/logger';
import { type ApiFixture, bearer, createApiFixture } from '../../../api/testing/api-fixture';
import { PartsService } from '../../parts/parts-service';
import { stockRoutes } from '../../stock/stock-routes';
import { burgerStockWith, type StockKit, stockKit } from '../../stock/testing/stock-kit';
import { invoiceRoutes } from '../invoice-routes';
import { InvoiceService } from '../invoice-service';
import { purchasingRoutes } from '../purchasing-routes';
import { PurchasingService } from '../purchasing-service';

/** The supplier: beef by the kg at ¥82.00 and 9 % VAT, delivered chilled; door gaskets at 13 %. */
export const FRESH_MEAT = {
  suppliers: [
    {
      id: 'fresh-meat',
      name: { en: 'Fresh Meat Co.', 'zh-CN': '鲜肉供应公司' },
      currency: 'CNY',
      paymentTermsDays: 30,
      taxRatePct: '9',
      contact: { name: 'Li Wei', phone: '+86 21 5555 0100' },
      items: [
        {
          kind: 'ingredient',
          id: 'beef',
          unit: 'kg',
          baseUnitsPerUnit: '1000',
          unitPrice: '82.00',
          chilled: true,
        },
        { kind: 'part', id: 'GSK-WIC-01', unit: 'm', unitPrice: '35.50', taxRatePct: '13' },
      ],
    },
  ],
} satisfies z.input<typeof PurchasingSettings>;

export interface PurchasingRig {
  f: ApiFixture;
  kit: StockKit;
  parts: PartsService;
  purchasing: PurchasingService;
  invoices: InvoiceService;
  config: StoreConfig;
  as(role: SessionRole): Promise<Record<string, string>>;
  post(url: string, headers: Record<string, string>, payload?: object): Promise<LightMyRequestResponse>;
  get(url: string, headers: Record<string, string>): Promise<LightMyRequestResponse>;
  outbox(type: string): { entityId: string; payload: unknown }[];
  close(): Promise<void>;
}

/**
 * The real API with the stock, parts and purchasing rooms over one SQLite file in a
 * temp dir: beef at 3 kg below its minimum of 4 kg with a par of 12.5 kg, so the
 * reorder asks for exactly 9.5 kg.
 */
export async function purchasingRig(
  settings: z.input<typeof PurchasingSettings> = FRESH_MEAT,
): Promise<PurchasingRig> {
  const kit = stockKit(burgerStockWith('beef', { min: 4_000, max: 12_500 }));
  const config: StoreConfig = { ...kit.config, purchasing: PurchasingSettings.parse(settings) };
  const invoices = new InvoiceService({
    db: kit.db,
    clock: kit.clock,
    storeId: config.store.id,
    config: () => config,
  });
  const parts = new PartsService({
    db: kit.db,
    clock: kit.clock,
    logger: silentLogger(),
    storeId: config.store.id,
    config,
  });
  parts.start();
  let made: PurchasingService | undefined;
  const f = await createApiFixture(({ pinGate, metrics }) => {
    made = new PurchasingService({
      db: kit.db,
      clock: kit.clock,
      storeId: config.store.id,
      config: () => config,
      ingredients: kit.stock,
      metrics,
    });
    return {
      routes: [
        ...stockRoutes({ stock: kit.stock, settings: () => config.stock }),
        ...purchasingRoutes({ purchasing: made, pinGate, suppliers: () => config.purchasing.suppliers }),
        ...invoiceRoutes({ invoices }),
      ],
    };
  });
  if (!made) throw new Error('the fixture did not build its routes');
  const purchasing: PurchasingService = made;
  return {
    f,
    kit,
    parts,
    purchasing,
    invoices,
    config,
    as: async (role) => bearer(await f.tokenFor(role)),
    post: (url, headers, payload = {}) => f.server.inject({ method: 'POST', url, headers, payload }),
    get: (url, headers) => f.server.inject({ method: 'GET', url, headers }),
    outbox: (type) => kit.outbox(type),
    close: async () => {
      parts.stop();
      await f.close();
      kit.close();
    },
  };
}
