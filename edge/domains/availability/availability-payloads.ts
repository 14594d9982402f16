import type { AvailabilityChange } from '../../../shared/api/menu';
import type { AvailabilityWebhook } from '../../../shared/config/pos-connectors';

export interface OutgoingRequest {
  method: 'POST' | 'PUT';
  body: string;
  headers: Record<string, string>;
}

/**
 * The request one availability change makes to one webhook, or undefined when that POS
 * has no id for the item (nothing to tell it). Built once and stored, so every retry
 * sends the same bytes with the same idempotency key.
 */
export function requestFor(
  webhook: AvailabilityWebhook,
  change: AvailabilityChange,
): OutgoingRequest | undefined {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'idempotency-key': change.idempotencyKey,
  };
  if (webhook.shape === 'generic') return { method: 'POST', body: JSON.stringify(change), headers };
  const posId = webhook.items[change.item];
  if (!posId) return undefined;
  if (webhook.shape === 'toast') {
    // Toast's stock API: PUT /stock/v1/inventory/update with the items and their status.
    if (webhook.locationId) headers['toast-restaurant-external-id'] = webhook.locationId;
    const body = [{ guid: posId, status: change.available ? 'IN_STOCK' : 'OUT_OF_STOCK', quantity: null }];
    return { method: 'PUT', body: JSON.stringify(body), headers };
  }
  // Square's catalog: the item variation's per-location override says whether it is sold out.
  const body = {
    idempotency_key: change.idempotencyKey,
    batches: [
      {
        objects: [
          {
            type: 'ITEM_VARIATION',
            id: posId,
            item_variation_data: {
              location_overrides: [{ location_id: webhook.locationId ?? '', sold_out: !change.available }],
            },
          },
        ],
      },
    ],
  };
  return { method: 'POST', body: JSON.stringify(body), headers };
}
