import type { ItemAvailability } from '../../../../shared/api/menu';
import type { PurchaseStatus } from '../../../../shared/api/parts';
import {
  type PricedStockPurchase,
  type ReorderSuggestion,
  StockCountRequest,
  StockDeliveryRequest,
  type StockLevelView,
  type StockOverview,
  StockPurchaseTransition,
  type StockPurchaseView,
  StockWasteRequest,
  type VarianceReport,
} from '../../../../shared/api/stock';
import { addQuantities } from '../../../../shared/quantity';
import { emptyVariance, PACKS, PRICES, purchase, USERS } from './stock-fixtures';

/** The parts' purchase lifecycle, which ingredient requests share. */
const NEXT: Record<PurchaseStatus, readonly PurchaseStatus[]> = {
  requested: ['approved', 'rejected'],
  approved: ['received'],
  rejected: [],
  received: [],
};

/** The edge's words for a step the lifecycle does not allow. */
function illegal(from: PurchaseStatus, to: PurchaseStatus): string {
  const allowed = NEXT[from];
  const next = allowed.length ? allowed.join(', ') : `nothing (${from} is final)`;
  return `a ${from} purchase request cannot become ${to}; allowed: ${next}`;
}

/** The PIN every fixture person logs in with. */
export const PIN = '1234';

interface Refusal {
  status: number;
  error: string;
  message: string;
  issues?: string[];
}

/**
 * The edge's stock routes and PIN login as the display sees them, in memory. As the real
 * one: reading stock needs a person (403 for the display alone), counts, deliveries and
 * reorders a manager, waste anyone; bodies are checked with the shared schemas (400 with
 * `issues`), a count line of another location is refused naming the ingredient, and
 * purchase requests are listed with their cost and move through the parts' lifecycle
 * (a step it does not allow is a 409 in the edge's words).
 * `refuseNext` answers the next change with a refusal of the test's choosing.
 */
export class FakeStockEdge {
  overview: StockOverview;
  variance = new Map<string, VarianceReport>();
  suggestions: ReorderSuggestion[];
  purchases: StockPurchaseView[] = [];
  refuseNext: Refusal | undefined;
  /** every request, `METHOD path` with its body and bearer token */
  readonly requests: { method: string; path: string; body?: unknown; token?: string }[] = [];
  readonly #sessions = new Map<string, string>();
  #nextId = 12;

  constructor(
    overview: StockOverview,
    readonly menu: ItemAvailability[],
    suggestions: ReorderSuggestion[],
    readonly now: () => number,
  ) {
    this.overview = overview;
    this.suggestions = suggestions;
  }

  /** The changes sent: `METHOD path` of every request that was not a read. */
  posts(path: string) {
    return this.requests.filter((r) => r.method === 'POST' && r.path === path);
  }

  readonly fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const method = init.method ?? 'GET';
    const url = new URL(input, 'http://edge');
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const token = new Headers(init.headers).get('authorization')?.replace('Bearer ', '');
    this.requests.push({
      method,
      path: url.pathname,
      ...(body === undefined ? {} : { body }),
      ...(token === undefined ? {} : { token }),
    });
    const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status });
    const refuse = (r: Refusal) =>
      json({ error: r.error, message: r.message, ...(r.issues ? { issues: r.issues } : {}) }, r.status);
    const forbidden = (message: string) => refuse({ status: 403, error: 'forbidden', message });
    const badRequest = (message: string, issues: string[]) =>
      refuse({ status: 400, error: 'bad_request', message, issues });

    if (method === 'GET' && url.pathname === '/api/menu/availability') return json(this.menu);
    if (method === 'POST' && url.pathname === '/api/session') {
      const { user, pin } = body as { user: string; pin: string };
      const person = USERS.find((u) => u.id === user);
      if (!person || pin !== PIN) return refuse({ status: 401, error: 'unauthorized', message: 'wrong PIN' });
      const session = `tok-${user}`;
      this.#sessions.set(session, user);
      return json({
        token: session,
        role: person.role,
        userId: user,
        name: person.name,
        expiresAt: this.now() + 600_000,
      });
    }
    if (!url.pathname.startsWith('/api/stock'))
      return refuse({ status: 404, error: 'not_found', message: 'no route' });

    const userId = token ? this.#sessions.get(token) : undefined;
    const role = USERS.find((u) => u.id === userId)?.role;
    if (!userId || !role) return forbidden('stock is read and changed by a person');
    const manager = role === 'manager' || role === 'admin';

    if (method === 'GET') {
      if (url.pathname === '/api/stock') return json(this.overview);
      if (url.pathname === '/api/stock/variance') {
        const date = url.searchParams.get('businessDate') ?? '';
        return json(this.variance.get(date) ?? emptyVariance(date));
      }
      if (url.pathname === '/api/stock/reorder') return json(this.suggestions);
      if (url.pathname === '/api/stock/purchase-requests') {
        const status = url.searchParams.get('status') ?? 'open';
        const shown = this.purchases.filter((p) =>
          status === 'all'
            ? true
            : status === 'open'
              ? p.status === 'requested' || p.status === 'approved'
              : p.status === status,
        );
        return json(shown.map((p) => priced(p)));
      }
    }
    if (method !== 'POST') return refuse({ status: 404, error: 'not_found', message: 'no route' });
    if (url.pathname !== '/api/stock/waste' && !manager)
      return forbidden(`role ${role} may not do this; allowed: manager, admin`);
    if (this.refuseNext) {
      const r = this.refuseNext;
      this.refuseNext = undefined;
      return refuse(r);
    }

    if (url.pathname === '/api/stock/counts') {
      const parsed = StockCountRequest.safeParse(body);
      if (!parsed.success)
        return badRequest(
          'invalid request',
          parsed.error.issues.map((i) => i.message),
        );
      const request = parsed.data;
      for (const [i, line] of request.lines.entries()) {
        const level = this.#level(line.ingredient);
        if (!level)
          return badRequest(`unknown ingredient "${line.ingredient}"`, [`body.lines.${i}.ingredient`]);
        if (request.location && level.location !== request.location)
          return badRequest(`"${line.ingredient}" is kept in ${level.location}, not ${request.location}`, [
            `body.lines.${i}.ingredient`,
          ]);
      }
      const counted = request.lines.map((line) =>
        this.#set(line.ingredient, (l) => ({
          ...l,
          tracked: true,
          onHand: line.qty,
          projected: line.qty,
          low: l.min !== null && line.qty < l.min,
        })),
      );
      return json(counted, 201);
    }
    if (url.pathname === '/api/stock/waste') {
      const parsed = StockWasteRequest.safeParse(body);
      if (!parsed.success)
        return badRequest(
          'invalid request',
          parsed.error.issues.map((i) => i.message),
        );
      const { ingredient, qty } = parsed.data;
      if (!this.#level(ingredient))
        return badRequest(`unknown ingredient "${ingredient}"`, ['body.ingredient']);
      const level = this.#set(ingredient, (l) => {
        const projected = l.projected === null ? null : addQuantities(l.projected, -qty);
        return { ...l, projected, low: projected !== null && l.min !== null && projected < l.min };
      });
      return json(level, 201);
    }
    if (url.pathname === '/api/stock/deliveries') {
      const parsed = StockDeliveryRequest.safeParse(body);
      if (!parsed.success)
        return badRequest(
          'invalid request',
          parsed.error.issues.map((i) => i.message),
        );
      const moved = [];
      for (const [i, line] of parsed.data.lines.entries()) {
        if (!this.#level(line.ingredient))
          return badRequest(`unknown ingredient "${line.ingredient}"`, [`body.lines.${i}.ingredient`]);
        const size = PACKS[line.ingredient];
        if (line.packs !== undefined && size === undefined)
          return badRequest(`"${line.ingredient}" has no packs in the config: give qty in its base unit`, [
            `body.lines.${i}.packs`,
          ]);
        const qty = line.packs !== undefined ? line.packs * (size ?? 0) : (line.qty ?? 0);
        if (line.purchaseRequestId !== undefined) {
          const filled = this.#fill(line.purchaseRequestId, line.ingredient, qty, userId);
          if (filled)
            return refuse({
              ...filled,
              ...(filled.status === 400
                ? { issues: [`body.lines.${i}.purchaseRequestId: ${filled.message}`] }
                : {}),
            });
        }
        moved.push(
          this.#set(line.ingredient, (l) => ({
            ...l,
            onHand: l.onHand === null ? null : addQuantities(l.onHand, qty),
            projected: l.projected === null ? null : addQuantities(l.projected, qty),
          })),
        );
      }
      return json(moved, 201);
    }
    const step = /^\/api\/stock\/purchase-requests\/(\d+)\/transitions$/.exec(url.pathname);
    if (step) {
      const parsed = StockPurchaseTransition.safeParse(body);
      if (!parsed.success)
        return badRequest(
          'invalid request',
          parsed.error.issues.map((i) => `body.${i.path.join('.')}: ${i.message}`),
        );
      const id = Number(step[1]);
      const request = this.purchases.find((p) => p.id === id);
      if (!request)
        return refuse({ status: 404, error: 'not_found', message: `no ingredient purchase request #${id}` });
      const { to } = parsed.data;
      if (!NEXT[request.status].includes(to))
        return refuse({ status: 409, error: 'illegal_transition', message: illegal(request.status, to) });
      const at = this.now();
      const note = parsed.data.note ?? null;
      const moved: StockPurchaseView = {
        ...request,
        status: to,
        ...(to === 'received'
          ? { receivedAt: at, receivedBy: userId, receivedQty: parsed.data.qty ?? request.qty }
          : { decidedAt: at, decidedBy: userId }),
        history: [...request.history, { from: request.status, to, at, by: userId, note }],
      };
      this.purchases = this.purchases.map((p) => (p.id === id ? moved : p));
      return json(moved);
    }
    if (url.pathname === '/api/stock/reorder') {
      const created: StockPurchaseView[] = [];
      const skipped: { ingredient: string; reason: string }[] = [];
      this.suggestions = this.suggestions.map((s) => {
        if (s.openPurchaseRequestId !== null) {
          skipped.push({
            ingredient: s.ingredient,
            reason: `purchase request #${s.openPurchaseRequestId} is open`,
          });
          return s;
        }
        const p = purchase(this.#nextId++, s.ingredient, s.packs ?? 0, s.pack?.id ?? '', s.qty, userId);
        created.push(p);
        return { ...s, openPurchaseRequestId: p.id };
      });
      this.purchases = [...created, ...this.purchases];
      return json({ created, skipped }, 201);
    }
    return refuse({ status: 404, error: 'not_found', message: 'no route' });
  };

  /** A delivery line filling a request: received, or why not. */
  #fill(id: number, ingredient: string, qty: number, by: string): Refusal | undefined {
    const request = this.purchases.find((p) => p.id === id);
    if (!request)
      return { status: 400, error: 'bad_request', message: `no ingredient purchase request #${id}` };
    if (request.ingredient !== ingredient)
      return {
        status: 400,
        error: 'bad_request',
        message: `purchase request #${id} is for "${request.ingredient}", not "${ingredient}"`,
      };
    if (request.status !== 'approved')
      return { status: 409, error: 'illegal_transition', message: illegal(request.status, 'received') };
    const at = this.now();
    const received: StockPurchaseView = {
      ...request,
      status: 'received',
      receivedAt: at,
      receivedBy: by,
      receivedQty: qty,
      history: [...request.history, { from: 'approved', to: 'received', at, by, note: null }],
    };
    this.purchases = this.purchases.map((p) => (p.id === id ? received : p));
    return undefined;
  }

  #level(ingredient: string): StockLevelView | undefined {
    return this.overview.levels.find((l) => l.ingredient === ingredient);
  }

  #set(ingredient: string, change: (level: StockLevelView) => StockLevelView): StockLevelView {
    let next: StockLevelView | undefined;
    this.overview = {
      ...this.overview,
      levels: this.overview.levels.map((l) => {
        if (l.ingredient !== ingredient) return l;
        next = change(l);
        return next;
      }),
    };
    if (!next) throw new Error(`no ingredient ${ingredient}`);
    return next;
  }
}

/** What the edge adds to a listed request: received (else requested) at the ingredient's price. */
function priced(p: StockPurchaseView): PricedStockPurchase {
  const price = PRICES[p.ingredient];
  const cents = price === undefined ? undefined : Math.round((p.receivedQty ?? p.qty) * price * 100);
  return { ...p, cost: cents === undefined ? null : { currency: 'CNY', amount: cents / 100 } };
}
