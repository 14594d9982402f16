import type { FastifyRequest } from 'fastify';
import { DISPLAY_CREDENTIAL_HEADER } from '../../shared/api/displays';
import { ApiHttpError } from '../../shared/server/http/errors';
import type { PairedDisplay } from '../domains/displays/display-credentials';

export interface DisplayVerifier {
  verify(credential: string): PairedDisplay | undefined;
}

const identified = new WeakMap<FastifyRequest, PairedDisplay>();

/** The error code a display takes as "you are not paired (any more)": it forgets its credential. */
export const DISPLAY_NOT_PAIRED = 'display_not_paired';

/**
 * Which paired display a request comes from, by the credential in the
 * `x-galley-display` header (a person's bearer token travels beside it). A
 * credential that does not verify (revoked, made up) is refused outright rather
 * than ignored, so a display that was revoked learns it at its next request.
 */
export function identifyDisplay(
  displays: DisplayVerifier | undefined,
  request: FastifyRequest,
): PairedDisplay | undefined {
  const known = identified.get(request);
  if (known) return known;
  const header = request.headers[DISPLAY_CREDENTIAL_HEADER];
  if (header === undefined) return undefined;
  const display = typeof header === 'string' && displays ? displays.verify(header.trim()) : undefined;
  if (!display) {
    throw new ApiHttpError(
      401,
      DISPLAY_NOT_PAIRED,
      'this display credential is unknown or was revoked: pair the display again',
    );
  }
  identified.set(request, display);
  return display;
}

/** The paired display a request came from, once `identifyDisplay` has seen it (every mounted route does). */
export function displayOf(request: FastifyRequest): PairedDisplay | undefined {
  return identified.get(request);
}
