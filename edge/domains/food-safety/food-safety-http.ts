import { ApiHttpError, forbidden, notFound } from '../../../shared/server/http/errors';
import { FoodSafetyError, type FoodSafetyErrorCode } from './food-safety-errors';

/** The HTTP answer of each refusal the food-safety room throws: one table for all its routes. */
const ANSWERS: Record<FoodSafetyErrorCode, (message: string) => ApiHttpError> = {
  CONTROL_POINT_NOT_FOUND: notFound,
  ACTION_NOT_FOUND: notFound,
  BATCH_NOT_FOUND: notFound,
  CHECK_NOT_FOUND: notFound,
  ACTION_NOT_OPEN: (m) => new ApiHttpError(409, 'not_open', m),
  BATCH_CLOSED: (m) => new ApiHttpError(409, 'closed', m),
  PROBE_BUSY: (m) => new ApiHttpError(409, 'probe_busy', m),
  COOLING_NOT_CONFIGURED: (m) => new ApiHttpError(409, 'not_configured', m),
  TIME_CONTROL_NOT_CONFIGURED: (m) => new ApiHttpError(409, 'not_configured', m),
  SLOT_NOT_OPEN: (m) => new ApiHttpError(409, 'not_open_yet', m),
  SLOT_RECORDED: (m) => new ApiHttpError(409, 'recorded', m),
  NOT_IN_CHARGE: forbidden,
  SIGN_OFF_INCOMPLETE: (m) => new ApiHttpError(422, 'incomplete', m),
  DISPOSITION_NOT_ALLOWED: (m) => new ApiHttpError(422, 'disposition_not_allowed', m),
  NOT_A_PROBE: (m) => new ApiHttpError(422, 'not_a_probe', m),
  SLOT_NOT_FOUND: (m) => new ApiHttpError(422, 'no_such_slot', m),
  OPTION_NOT_FOUND: (m) => new ApiHttpError(422, 'no_such_option', m),
  TOO_WARM_TO_START: (m) => new ApiHttpError(422, 'temperature_not_allowed', m),
};

/** Runs a service call, turning the room's refusals into their HTTP answers; anything else goes on up. */
export function answer<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof FoodSafetyError) throw ANSWERS[err.code](err.message);
    throw err;
  }
}
