import type { z } from 'zod';
import { type RequestOptions, requestJson } from '../../../../shared/browser/json-client';

const TIMEOUT_MS = 8000;

/** JSON to the central service that served this page; the session token is the caller's to pass. */
export function requestCentral<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  return requestJson(path, schema, options, { timeoutMs: TIMEOUT_MS });
}
