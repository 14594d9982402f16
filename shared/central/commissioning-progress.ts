import { z } from 'zod';
import { HandoverSignature } from '../api/commissioning-handover';
import { CommissioningProgress } from '../api/commissioning-progress';
import { StoreLifecycle } from './store-lifecycle';

/**
 * Commissioning as the region sees it (cloud-sync/central/stores/commissioning-progress.ts):
 * the newest checklist progress a store's box sent (`commissioning.progress`) and its handover.
 */
export const COMMISSIONING_PROGRESS_ROUTES = {
  store: '/api/stores/:storeId/commissioning',
  stores: '/api/commissioning/progress',
} as const;

/** A store's commissioning at central: the latest progress its box sent and its signed handover. */
export const StoreCommissioning = z.object({
  storeId: z.string(),
  lifecycle: StoreLifecycle,
  progress: CommissioningProgress.nullable().describe('null before the box sent any'),
  receivedAt: z.number().int().nullable().describe('when central stored that progress'),
  handover: HandoverSignature.nullable().describe('null before the box signed it'),
});
export type StoreCommissioning = z.infer<typeof StoreCommissioning>;

export const StoresCommissioning = z.array(StoreCommissioning);

/**
 * Why central refuses a commissioning request (`ApiError.refusal`), worded by the regional
 * page in its language. Parameters by code: handover_required {store} (opening along the
 * table before the box's signed handover reached central); store_not_in_scope {store}.
 */
export const CommissioningRefusalCode = z.enum([
  'commissioning.handover_required',
  'commissioning.store_not_in_scope',
]);
export type CommissioningRefusalCode = z.infer<typeof CommissioningRefusalCode>;
