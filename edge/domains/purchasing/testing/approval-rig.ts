import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { PurchaseRequestView } from '../../../../shared/api/parts';
import { PurchasingSettings } from '../../../../shared/config/purchasing';
import { StockSettings } from '../../../../shared/config/stock';
import type { StoreConfig } from '../../../../shared/config/store-config';
import type { StoreUser } from '../../../../shared/config/users';
import type { ApprovalStepEvent } from '../../../../shared/purchasing/approval-events';
import { Role } from '../../../../shared/roles';
import { loadStoreConfig } from '../../../../shared/server/config/load-store-config';
import { silentLogger } from '../../../../shared/server/runtime/logger';
import { hashSecret } from '../../../../shared/server/secret-hash';
import { type ApiFixture, bearer, createApiFixture, TEST_PIN } from '../../../api/testing/api-fixture';
import { type Database, openDatabase } from '../../../store/database';
import { partsRoutes } from '../../parts/parts-routes';
import { PartsService } from '../../parts/parts-service';
import { stockRoutes } from '../../stock/stock-routes';
import { StockService } from '../../stock/stock-service';
import { burgerStockWith } from '../../stock/testing/stock-kit';
import { ApprovalDelegations } from '../approval-delegation';
import { ApprovalGate } from '../approval-gate';
import { approvalRoutes } from '../approval-routes';
import { purchasingRoutes } from '../purchasing-routes';
import { PurchasingService } from '../purchasing-service';

const DEMO = fileURLToPath(new URL('../../../../config/demo-store.yaml', import.meta.url));
export const START = Date.UTC(2026, 11, 7, 2, 0);

/**
 * Spare parts from one supplier at 13 % VAT: ¥1 592.92 + ¥207.08 = ¥1 800.00 a piece,
 * seven pieces ¥12 600.00 (11 150.44 + 1 449.56).
 */
const PARTS_SUPPLIER = {
  suppliers: [
    {
      id: 'fresh-meat',
      name: { en: 'Fresh Meat Co.', 'zh-CN': '鲜肉供应公司' },
      paymentTermsDays: 30,
      taxRatePct: '9',
      contact: { name: 'Li Wei' },
      items: [
        { kind: 'ingredient' as const, id: 'beef', unit: 'kg', baseUnitsPerUnit: '1000', unitPrice: '82.00' },
      ],
    },
    {
      id: 'kitchen-parts',
      name: { en: 'Kitchen Parts Co.', 'zh-CN': '厨房配件公司' },
      paymentTermsDays: 30,
      taxRatePct: '13',
      contact: { name: 'Zhou Min' },
      items: ['FAN-EVAP-120', 'FRY-THERM-01', 'DW-HEATER-9KW', 'ICE-WATER-FLT', 'HOOD-FILTER-500'].map(
        (id) => ({
          kind: 'part' as const,
          id,
          unit: 'each',
          unitPrice: '1592.92',
        }),
      ),
    },
  ],
};

const pinHash = hashSecret(TEST_PIN, 'scrypt');
/** The fixture's one user per role, plus a second manager to stand in for the first. */
const USERS: StoreUser[] = [
  ...Role.options.map((role) => ({ id: `${role}-1`, name: `Test ${role}`, role, pinHash })),
  { id: 'deputy-1', name: 'Deputy manager', role: 'manager', pinHash },
];

export interface ApprovalEdge {
  f: ApiFixture;
  db: Database;
  gate: ApprovalGate;
  stock: StockService;
  parts: PartsService;
  dir: string;
  token(user: string): Promise<Record<string, string>>;
  /** sessions expire: after moving the clock far, sign in again */
  signOutAll(): void;
  post(url: string, user: string, payload?: object): Promise<{ status: number; body: unknown }>;
  steps(requestId: number): Promise<ApprovalStepEvent[]>;
  request(partNumber: string, user: string, quantity?: number): Promise<PurchaseRequestView>;
  /** the outbox rows not yet handed to central, as a sync batch would carry them */
  unsent(): { seq: number; ts: number; type: string; entityId: string; payload: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startApprovalEdge(): Promise<ApprovalEdge> {
  const dir = mkdtempSync(join(tmpdir(), 'galley-approvals-'));
  const db = openDatabase(dir);
  const config: StoreConfig = {
    ...loadStoreConfig(DEMO),
    users: USERS,
    purchasing: PurchasingSettings.parse(PARTS_SUPPLIER),
    // Beef: 4 kg minimum, 12.5 kg par, so a count of 3 kg reorders exactly 9.5 kg.
    stock: StockSettings.parse(burgerStockWith('beef', { min: 4_000, max: 12_500 })),
  };
  let built: { gate: ApprovalGate; stock: StockService; parts: PartsService } | undefined;
  const f = await createApiFixture(
    ({ pinGate, clock, metrics }) => {
      clock.advanceTo(START);
      const deps = { db, clock, logger: silentLogger(), storeId: config.store.id, config };
      const gate = new ApprovalGate({ db, storeId: config.store.id, config: () => config });
      const stock = new StockService({ ...deps, approvals: gate });
      const parts = new PartsService({ ...deps, approvals: gate });
      const purchasing = new PurchasingService({
        db,
        clock,
        storeId: config.store.id,
        config: () => config,
        ingredients: stock,
        metrics,
      });
      built = { gate, stock, parts };
      return {
        routes: [
          ...partsRoutes({ parts }),
          ...stockRoutes({ stock, settings: () => config.stock }),
          ...purchasingRoutes({ purchasing, pinGate, suppliers: () => config.purchasing.suppliers }),
          ...approvalRoutes({ gate, delegations: new ApprovalDelegations(db, () => config.users), clock }),
        ],
      };
    },
    { extraUsers: USERS.filter((u) => u.id === 'deputy-1') },
  );
  if (!built) throw new Error('the fixture did not build its routes');
  const { gate, stock, parts } = built;
  stock.start();
  parts.start();
  const tokens = new Map<string, string>();
  const token = async (user: string) => {
    let held = tokens.get(user);
    if (!held) {
      const answer = await f.server.inject({
        method: 'POST',
        url: '/api/session',
        payload: { user, pin: TEST_PIN },
      });
      held = (answer.json() as { token: string }).token;
      tokens.set(user, held);
    }
    return bearer(held);
  };
  const post = async (url: string, user: string, payload: object = {}) => {
    const answer = await f.server.inject({ method: 'POST', url, headers: await token(user), payload });
    return { status: answer.statusCode, body: answer.json() as unknown };
  };
  let sentUpTo = 0;
  return {
    f,
    db,
    gate,
    stock,
    parts,
    dir,
    token,
    signOutAll: () => tokens.clear(),
    post,
    steps: async (requestId) =>
      (
        await f.server.inject({
          method: 'GET',
          url: `/api/purchase-approvals/part/${requestId}`,
          headers: await token('purchaser-1'),
        })
      ).json() as ApprovalStepEvent[],
    request: async (partNumber, user, quantity = 1) => {
      const answer = await post('/api/purchase-requests', user, { partNumber, quantity });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      return answer.body as PurchaseRequestView;
    },
    unsent: () => {
      const rows = db
        .prepare<
          [number],
          { seq: number; ts: number; type: string; entity_id: string | number; payload: string }
        >('SELECT seq, ts, type, entity_id, payload FROM outbox WHERE seq > ? ORDER BY seq')
        .all(sentUpTo);
      sentUpTo = rows.at(-1)?.seq ?? sentUpTo;
      return rows.map((r) => ({
        seq: r.seq,
        ts: r.ts,
        type: r.type,
        entityId: String(r.entity_id),
        payload: JSON.parse(r.payload) as Record<string, unknown>,
      }));
    },
    close: async () => {
      parts.stop();
      stock.stop();
      await f.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
