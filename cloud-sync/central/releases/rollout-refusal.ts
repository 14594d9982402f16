import type { ApiRefusal } from '../../../shared/api/session';
import type { RolloutRefusalCode } from '../../../shared/central/edge-releases';
import { ApiHttpError, errorCodeForStatus } from '../../../shared/server/http/errors';

/** A rollout action refused: its stable code and parameters for screens, and the English words. */
export interface RolloutRefusal {
  code: RolloutRefusalCode;
  params: ApiRefusal['params'];
  message: string;
}

/** The most names a refusal lists (ApiRefusal's bound); the message still names every one. */
const MAX_LISTED = 1000;

export function rolloutRefusal(
  code: RolloutRefusalCode,
  message: string,
  params: ApiRefusal['params'] = {},
): RolloutRefusal {
  const bounded = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.slice(0, MAX_LISTED) : v]),
  );
  return { code, params: bounded, message };
}

/**
 * The HTTP answer to a refusal: the status and English message as central always answered
 * them, the code and parameters beside (`ApiError.refusal`) so the regional page can word
 * it in its own language.
 */
export function refused(status: 400 | 403 | 404 | 409, refusal: RolloutRefusal): ApiHttpError {
  return new ApiHttpError(
    status,
    errorCodeForStatus(status),
    refusal.message,
    undefined,
    {},
    { refusal: { code: refusal.code, params: refusal.params } },
  );
}
