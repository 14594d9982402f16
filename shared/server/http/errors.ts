import type { ApiError } from '../../api/session';

/**
 * What a route handler throws to answer with an error: the status and the
 * `ApiError` body (`{"error","message","issues"?}`) the client receives.
 */
export class ApiHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues?: string[],
    /** Extra response headers, e.g. Retry-After on 429. */
    readonly headers: Record<string, string> = {},
    /** Fields a route adds to its error answer (declared in its own schema, e.g. SyncBatchRefused). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiHttpError';
  }

  toBody(): ApiError & Record<string, unknown> {
    const base: ApiError = this.issues
      ? { error: this.code, message: this.message, issues: this.issues }
      : { error: this.code, message: this.message };
    return { ...this.details, ...base };
  }
}

export const badRequest = (message: string, issues?: string[]) =>
  new ApiHttpError(400, 'bad_request', message, issues);
export const unauthorized = (message: string) => new ApiHttpError(401, 'unauthorized', message);
export const forbidden = (message: string) => new ApiHttpError(403, 'forbidden', message);
export const notFound = (message: string) => new ApiHttpError(404, 'not_found', message);

/** Error codes a status maps to when fastify itself refuses a request (bad JSON, too large, …). */
export function errorCodeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'too_many_requests';
    default:
      return status >= 500 ? 'internal_error' : 'request_error';
  }
}
