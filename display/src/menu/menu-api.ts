import { z } from 'zod';
import { ItemAvailability } from '../../../shared/api/menu';
import type { RequestOptions } from '../../../shared/browser/json-client';
import { requestEdge } from '../api/edge-client';

/**
 * The display's calls to `/api/menu/*`. Reading needs no person (the paired display's
 * credential, or nothing, as the board); 86ing and putting back need a person's token:
 * the edge refuses a display alone (403), so every change carries a name.
 */

export const AvailabilityList = z.array(ItemAvailability);

export const menuPaths = {
  availability: '/api/menu/availability',
  eightySix: (item: string) => `/api/menu/items/${encodeURIComponent(item)}/eighty-six`,
} as const;

/** The edge's route is a PUT: 86ing twice is 86ing once. */
const PUT = 'PUT' satisfies RequestOptions['method'];

export function fetchAvailability(): Promise<ItemAvailability[]> {
  return requestEdge(menuPaths.availability, AvailabilityList);
}

export function eightySix(item: string, note: string | undefined, token: string): Promise<ItemAvailability> {
  const trimmed = note?.trim();
  return requestEdge(menuPaths.eightySix(item), ItemAvailability, {
    method: PUT,
    token,
    body: trimmed ? { note: trimmed } : {},
  });
}

export function backOn(item: string, token: string): Promise<ItemAvailability> {
  return requestEdge(menuPaths.eightySix(item), ItemAvailability, { method: 'DELETE', token });
}
