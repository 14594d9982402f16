import type { ApiRefusal } from '../../../shared/api/session';
import type { StoreCommandRefusalCode } from '../../../shared/central/store-commands';
import { ApiHttpError, errorCodeForStatus } from '../../../shared/server/http/errors';

/**
 * The HTTP answer to a refused regional action: the status and English message as central
 * always answered them, the stable code and parameters beside (`ApiError.refusal`) so the
 * regional page words it in its own language (the same shape as a rollout's refusal).
 */
export function storeCommandRefused(
  status: 404 | 409,
  code: StoreCommandRefusalCode,
  message: string,
  params: ApiRefusal['params'] = {},
): ApiHttpError {
  return new ApiHttpError(
    status,
    errorCodeForStatus(status),
    message,
    undefined,
    {},
    {
      refusal: { code, params },
    },
  );
}
