import type { ApiRefusal } from '../../../shared/api/session';
import type { CommissioningRefusalCode } from '../../../shared/central/commissioning-progress';
import {
  REASON_REQUIRED_FOR,
  type StoreLifecycleState,
  type StoreStateRefusalCode,
} from '../../../shared/central/store-lifecycle';
import { ApiHttpError, errorCodeForStatus } from '../../../shared/server/http/errors';
import type { StoreStateMoveError } from './store-lifecycle';

/**
 * The HTTP answer to a refused store state move or commissioning request: the status, `error`
 * and English message as central always answered them, the stable code and parameters beside
 * (`ApiError.refusal`) so the regional page words it in its own language. `details` keeps the
 * fields a route already answered with (a refused move's `from` and `allowed`).
 */
export function storeRefused(
  status: 400 | 403 | 404 | 409,
  code: StoreStateRefusalCode | CommissioningRefusalCode,
  message: string,
  params: ApiRefusal['params'] = {},
  answered: { error?: string; details?: Record<string, unknown> } = {},
): ApiHttpError {
  return new ApiHttpError(
    status,
    answered.error ?? errorCodeForStatus(status),
    message,
    undefined,
    {},
    {
      ...answered.details,
      refusal: { code, params },
    },
  );
}

/** A move the lifecycle rules refused, as the route answers it (400 for a missing reason, else 409). */
export function moveRefused(
  err: StoreStateMoveError,
  storeId: string,
  to: StoreLifecycleState,
): ApiHttpError {
  const allowed = [...err.allowed];
  // A move off the table has always answered `conflict` with where the store may go instead.
  const offTable = { error: 'conflict', details: { from: err.from, allowed } };
  switch (err.code) {
    case 'REASON_REQUIRED':
      // The rules ask a reason of these states on the table, and of every other move as an override.
      return REASON_REQUIRED_FOR.includes(to)
        ? storeRefused(400, 'store_state.reason_required', err.message, { to })
        : storeRefused(400, 'store_state.override_needs_reason', err.message, { to });
    case 'SAME_STATE':
      return storeRefused(409, 'store_state.same_state', err.message, { from: err.from, allowed }, offTable);
    case 'MOVE_NOT_ALLOWED':
      return storeRefused(
        409,
        'store_state.not_allowed',
        err.message,
        { from: err.from, to, allowed },
        offTable,
      );
    case 'HANDOVER_REQUIRED':
      return storeRefused(409, 'commissioning.handover_required', err.message, { store: storeId }, offTable);
  }
}
