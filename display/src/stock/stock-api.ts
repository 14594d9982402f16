import { z } from 'zod';
import { ItemAvailability } from '../../../shared/api/menu';
import {
  PricedStockPurchaseList,
  ReorderResult,
  ReorderSuggestionList,
  type StockCountRequest,
  type StockDeliveryRequest,
  StockLevelView,
  StockOverview,
  StockPurchaseList,
  type StockPurchaseTransition,
  StockPurchaseView,
  type StockWasteRequest,
  VarianceReport,
} from '../../../shared/api/stock';
import { requestEdge } from '../api/edge-client';

/**
 * The display's calls to `/api/stock/*`. Unlike the board, stock is read by a person
 * (the edge refuses a paired display alone), so every call carries a person's token;
 * counts, deliveries and reorders need a manager, waste anyone logged in.
 */

export const stockPaths = {
  overview: '/api/stock',
  variance: (businessDate: string) => `/api/stock/variance?businessDate=${encodeURIComponent(businessDate)}`,
  reorder: '/api/stock/reorder',
  purchases: '/api/stock/purchase-requests',
  /** with their cost; `open` is waiting for approval or for the goods */
  purchaseList: (status: 'open' | 'all') => `/api/stock/purchase-requests?status=${status}&limit=100`,
  purchaseTransition: (id: number) => `/api/stock/purchase-requests/${id}/transitions`,
  counts: '/api/stock/counts',
  waste: '/api/stock/waste',
  deliveries: '/api/stock/deliveries',
  /** only for the menu items' names in the portions list; the board reads it without a person */
  menu: '/api/menu/availability',
} as const;

export const StockLevelList = z.array(StockLevelView);
export const MenuNames = z.array(ItemAvailability);

export { PricedStockPurchaseList, ReorderSuggestionList, StockOverview, StockPurchaseList, VarianceReport };

export function postCount(request: StockCountRequest, token: string) {
  return requestEdge(stockPaths.counts, StockLevelList, { method: 'POST', token, body: request });
}

export function postWaste(request: StockWasteRequest, token: string) {
  return requestEdge(stockPaths.waste, StockLevelView, { method: 'POST', token, body: request });
}

export function postDelivery(request: StockDeliveryRequest, token: string) {
  return requestEdge(stockPaths.deliveries, StockLevelList, { method: 'POST', token, body: request });
}

export function postReorder(token: string) {
  return requestEdge(stockPaths.reorder, ReorderResult, { method: 'POST', token });
}

/** Approve or reject (a manager's); goods in go through `postDelivery` with the request's id. */
export function postPurchaseStep(id: number, step: StockPurchaseTransition, token: string) {
  return requestEdge(stockPaths.purchaseTransition(id), StockPurchaseView, {
    method: 'POST',
    token,
    body: step,
  });
}
