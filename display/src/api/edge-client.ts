import type { z } from 'zod';
import { DISPLAY_CREDENTIAL_HEADER } from '../../../shared/api/displays';
import { RequestError, type RequestOptions, requestJson } from '../../../shared/browser/json-client';
import { displayCredential } from '../auth/display-credential';

/** The board must notice a hanging edge within seconds. */
const TIMEOUT_MS = 4000;

/** The edge's answer to a display credential it no longer knows (a manager revoked it). */
export const DISPLAY_NOT_PAIRED = 'display_not_paired';

/**
 * JSON to the edge that served this page. A paired display sends its credential with
 * every request, so the edge knows which display a PIN was typed on.
 */
export async function requestEdge<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const pairing = displayCredential.get();
  const headers: Record<string, string> = pairing ? { [DISPLAY_CREDENTIAL_HEADER]: pairing.credential } : {};
  try {
    return await requestJson(path, schema, options, { timeoutMs: TIMEOUT_MS, headers });
  } catch (err) {
    // Revoked: forget the credential, so the board goes on unpaired and asks to pair for the next action.
    // Only the credential this request carried: a new pairing made meanwhile stays.
    if (
      err instanceof RequestError &&
      err.status === 401 &&
      err.apiCode === DISPLAY_NOT_PAIRED &&
      displayCredential.get() === pairing
    )
      displayCredential.clear();
    throw err;
  }
}
