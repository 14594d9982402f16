import {
  BatchView,
  StockBatchRequest,
  type StockBatchView,
  StockLevelView,
} from '../../../../../shared/api/stock';
import { addQuantities } from '../../../../../shared/quantity';
import type { FakeStockEdge } from '../../testing/fake-stock-edge';
import { NOW } from '../../testing/stock-fixtures';

const HOUR = 3_600_000;

/** The burger sauce, made 1 000 ml at a time from mayonnaise and ketchup, low: two batches back to par. */
export function sauceBatch(): BatchView {
  return BatchView.parse({
    subRecipe: 'burger-sauce',
    name: { en: 'Burger sauce', 'zh-CN': '汉堡酱' },
    unit: 'ml',
    yield: 1000,
    location: 'walk-in',
    shelfLifeHours: 72,
    ingredients: [
      { ingredient: 'mayonnaise', qty: 700 },
      { ingredient: 'ketchup', qty: 300 },
    ],
    suggestedBatches: 2,
    lastMadeAt: null,
    expiresAt: null,
  });
}

const level = (ingredient: string, en: string, zh: string, location: string, qty: number) =>
  StockLevelView.parse({
    ingredient,
    name: { en, 'zh-CN': zh },
    baseUnit: 'ml',
    location,
    tracked: true,
    onHand: qty,
    projected: qty,
    min: null,
    max: null,
    low: false,
    lowAlerted: false,
    lastCountAt: NOW - HOUR,
  });

export interface BatchEdge {
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** every batch the panel sent, with the token it carried */
  made: { body: unknown; token: string | undefined }[];
  /** the next batch is answered with this refusal */
  refuseNext: { status: number; message: string } | undefined;
}

/**
 * The fake stock edge with the sauce as stock of its own, and `POST /api/stock/batches`
 * in front of it: checked with the shared schema, it adds what was made to the sauce and
 * takes the ingredients from their projection, as the real edge does.
 */
export function withBatches(edge: FakeStockEdge): BatchEdge {
  edge.overview = {
    ...edge.overview,
    levels: [
      ...edge.overview.levels,
      level('burger-sauce', 'Burger sauce', '汉堡酱', 'walk-in', 300),
      level('mayonnaise', 'Mayonnaise', '蛋黄酱', 'walk-in', 3000),
      level('ketchup', 'Ketchup', '番茄酱', 'dry-store', 5000),
    ],
    batches: [sauceBatch()],
  };
  const batchEdge: BatchEdge = {
    made: [],
    refuseNext: undefined,
    fetch: async (input, init = {}) => {
      const url = new URL(input, 'http://edge');
      if (url.pathname !== '/api/stock/batches') return edge.fetch(input, init);
      const token = new Headers(init.headers).get('authorization')?.replace('Bearer ', '');
      const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
      batchEdge.made.push({ body, token });
      const refusal = batchEdge.refuseNext;
      batchEdge.refuseNext = undefined;
      if (refusal)
        return new Response(JSON.stringify({ error: 'bad_request', message: refusal.message }), {
          status: refusal.status,
        });
      const request = StockBatchRequest.parse(body);
      const sauce = sauceBatch();
      const times = request.batches ?? 1;
      const moved: StockBatchView['levels'] = [];
      edge.overview = {
        ...edge.overview,
        levels: edge.overview.levels.map((l) => {
          const use = sauce.ingredients.find((i) => i.ingredient === l.ingredient);
          const delta =
            l.ingredient === sauce.subRecipe ? times * sauce.yield : use ? -times * use.qty : undefined;
          if (delta === undefined || l.projected === null) return l;
          const next = { ...l, projected: addQuantities(l.projected, delta) };
          moved.push(next);
          return next;
        }),
        batches: edge.overview.batches.map((b) =>
          b.subRecipe === request.subRecipe
            ? { ...b, suggestedBatches: null, lastMadeAt: NOW, expiresAt: NOW + 72 * HOUR }
            : b,
        ),
      };
      const result: StockBatchView = {
        id: 1,
        subRecipe: request.subRecipe,
        batches: request.batches ?? null,
        qty: times * sauce.yield,
        madeAt: NOW,
        madeBy: token?.replace('tok-', '') ?? '',
        businessDate: '2026-01-05',
        expiresAt: NOW + 72 * HOUR,
        note: null,
        levels: moved,
      };
      return new Response(JSON.stringify(result), { status: 201 });
    },
  };
  return batchEdge;
}
