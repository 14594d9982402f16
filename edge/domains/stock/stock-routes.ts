import { z } from 'zod';
import {
  IngredientParams,
  type PricedStockPurchase,
  PricedStockPurchaseList,
  ReorderResult,
  ReorderSuggestionList,
  StockBatchRequest,
  StockBatchView,
  StockCountRequest,
  StockDeliveryRequest,
  StockLevelView,
  StockMovementList,
  StockOverview,
  StockPurchaseParams,
  StockPurchasesQuery,
  StockPurchaseTransition,
  StockPurchaseView,
  StockWasteRequest,
  VarianceQuery,
  VarianceReport,
} from '../../../shared/api/stock';
import type { StockSettings } from '../../../shared/config/stock';
import { toThousandths } from '../../../shared/quantity';
import { ApiHttpError, badRequest, forbidden, notFound } from '../../../shared/server/http/errors';
import { type AuthContext, auditedRefusal, requirePermission } from '../../api/auth';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import { DutiesSegregated, StockError } from './stock-errors';
import { costInCents, money } from './stock-money';
import type { StockActor, StockService } from './stock-service';

function actorOf(auth: AuthContext | undefined): StockActor {
  const role = auth?.session.role;
  if (!auth || !role || role === 'display' || role === 'pos') throw forbidden('stock changes name a person');
  return { id: auth.session.userId };
}

/**
 * A refusal names where it was in the body, like a schema refusal; one said in both
 * languages carries them as `messages`, for a screen to show in its own.
 */
function stockHttpError(err: StockError): ApiHttpError {
  switch (err.code) {
    case 'REQUEST_REFUSED': {
      const issues = [`${['body', ...err.path].join('.')}: ${err.message}`];
      return err.messages
        ? new ApiHttpError(400, 'bad_request', err.message, issues, {}, { messages: err.messages })
        : badRequest(err.message, issues);
    }
    case 'PURCHASE_NOT_FOUND':
      return notFound(err.message);
    case 'PURCHASE_ILLEGAL_TRANSITION':
      return new ApiHttpError(409, 'illegal_transition', err.message);
    case 'DUTIES_SEGREGATED':
      return new ApiHttpError(403, 'forbidden', err.message, undefined, {}, { messages: err.messages });
  }
}

function answer<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw err instanceof StockError ? stockHttpError(err) : err;
  }
}

/** What arrived, else what was asked for, at today's price (a received request may predate a price change). */
function priced(
  requests: readonly StockPurchaseView[],
  settings: Pick<StockSettings, 'currency' | 'ingredients'>,
): PricedStockPurchase[] {
  const prices = new Map(settings.ingredients.map((i) => [i.id, i.costPerUnit]));
  return requests.map((request) => {
    const price = prices.get(request.ingredient);
    const qty = request.receivedQty ?? request.qty;
    return {
      ...request,
      cost: price === undefined ? null : money(settings.currency, costInCents(toThousandths(qty), price)),
    };
  });
}

const MovementsQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/**
 * Managers count and decide purchases, receivers receive; anyone who logged in logs waste,
 * records a batch made (the cooks make the sauce) and reads levels, variance and
 * suggestions (the kitchen needs to see what is running out).
 */
export function stockRoutes(deps: {
  stock: StockService;
  /** the stock settings in force, for the prices of purchase requests */
  settings: () => Pick<StockSettings, 'currency' | 'ingredients'>;
}): EdgeRoute[] {
  const { stock, settings } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/stock',
      summary: 'Stock per ingredient (on hand, projected, low) and portions left per menu item',
      tags: ['stock'],
      access: 'stock.read',
      response: StockOverview,
      handler: () => stock.overview(),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/stock/ingredients/:ingredient/movements',
      summary: 'The ledger of one ingredient, newest first',
      tags: ['stock'],
      access: 'stock.read',
      params: IngredientParams,
      querystring: MovementsQuery,
      response: StockMovementList,
      errors: [400],
      handler: ({ params, query }) => answer(() => stock.movements(params.ingredient, query.limit)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/stock/counts',
      summary: 'Record a stock count (full or partial, optionally of one location)',
      description:
        'A full count must list every ingredient (of the location); a count sets on hand and projected to what was counted. The day’s variance goes to central.',
      tags: ['stock'],
      access: 'stock.count',
      body: StockCountRequest,
      response: z.array(StockLevelView),
      status: 201,
      errors: [400],
      handler: ({ body, auth }) => answer(() => stock.count(body, actorOf(auth))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/stock/deliveries',
      summary: 'Record goods received, in base units or whole packs',
      description: 'A line may name the approved ingredient purchase request it fills.',
      tags: ['stock'],
      access: 'stock.receive',
      body: StockDeliveryRequest,
      response: z.array(StockLevelView),
      status: 201,
      errors: [400, 409],
      handler: ({ body, auth }) => answer(() => stock.receive(body, actorOf(auth))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/stock/waste',
      summary: 'Log waste (dropped, spoiled, burnt)',
      tags: ['stock'],
      access: 'stock.record_waste',
      body: StockWasteRequest,
      response: StockLevelView,
      status: 201,
      errors: [400],
      handler: ({ body, auth }) => answer(() => stock.waste(body, actorOf(auth))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/stock/batches',
      summary: 'Record a batch of a sub-recipe made (whole batches or the quantity made)',
      description:
        'Uses its ingredients and adds what it made to its own level, both as `production` movements sent to central. A refusal carries `messages` in en and zh-CN.',
      tags: ['stock'],
      access: 'stock.record_batch',
      body: StockBatchRequest,
      response: StockBatchView,
      status: 201,
      errors: [400],
      handler: ({ body, auth }) => answer(() => stock.makeBatch(body, actorOf(auth))),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/stock/variance',
      summary: 'Actual against theoretical usage per ingredient for a business day, in quantity and money',
      tags: ['stock'],
      access: 'stock.costs.read',
      querystring: VarianceQuery,
      response: VarianceReport,
      handler: ({ query }) => stock.variance(query.businessDate),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/stock/reorder',
      summary:
        'Reorder suggestions: back to par, in whole packs, for what fell below its minimum; `make` ones are batches to make',
      tags: ['stock'],
      access: 'stock.read',
      response: ReorderSuggestionList,
      handler: () => stock.reorderSuggestions(),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/stock/reorder',
      summary: 'Turn the suggestions into purchase requests waiting for approval',
      description: 'An ingredient with an open (requested or approved) request is skipped, saying which.',
      tags: ['stock'],
      access: 'purchase_requests.create',
      response: ReorderResult,
      status: 201,
      handler: ({ auth }) => stock.reorder(actorOf(auth)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/stock/purchase-requests',
      summary: 'Ingredient purchase requests, newest first, each with its cost',
      tags: ['stock'],
      access: 'purchase_requests.read',
      querystring: StockPurchasesQuery,
      response: PricedStockPurchaseList,
      handler: ({ query }) => priced(stock.purchases(query), settings()),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/stock/purchase-requests/:requestId/transitions',
      summary: 'Approve, reject or receive an ingredient purchase request',
      tags: ['stock'],
      access: 'purchase_requests.act',
      params: StockPurchaseParams,
      body: StockPurchaseTransition,
      response: StockPurchaseView,
      errors: [404, 409],
      handler: ({ params, body, auth }) => {
        const subject = `stock-purchase:${params.requestId}`;
        // Receiving is the receiver's job, deciding the manager's: each step needs its own permission.
        requirePermission(
          auth,
          body.to === 'received' ? 'purchase_requests.receive' : 'purchase_requests.approve',
          subject,
        );
        try {
          return stock.transitionPurchase(params.requestId, body, actorOf(auth));
        } catch (err) {
          // A duty kept apart is refused like a missing permission: said why, and audited.
          if (err instanceof DutiesSegregated)
            throw auditedRefusal(auth, { rule: err.rule, subject, messages: err.why });
          throw err instanceof StockError ? stockHttpError(err) : err;
        }
      },
    }),
  ];
}
