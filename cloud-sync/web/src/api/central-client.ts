import type { z } from 'zod';
import { ApiError } from '../../../../shared/api/session';

export type CentralErrorCode =
  | 'network'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'rejected'
  | 'bad_response';

/** Every failure talking to the central service, with a code the screens can act on. */
export class CentralRequestError extends Error {
  readonly code: CentralErrorCode;
  readonly status: number | undefined;

  constructor(code: CentralErrorCode, message: string, status?: number) {
    super(message);
    this.name = 'CentralRequestError';
    this.code = code;
    this.status = status;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  token?: string;
  body?: unknown;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 8000;

/** JSON over HTTP to the central service that served this page; answers are checked against the shared schemas. */
export async function requestCentral<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch (err) {
    throw new CentralRequestError('network', err instanceof Error ? err.message : String(err));
  }
  const text = await response.text().catch(() => '');
  const json = parseJson(text);
  if (!response.ok) {
    const problem = ApiError.safeParse(json);
    const message = problem.success ? problem.data.message : `HTTP ${response.status}`;
    throw new CentralRequestError(codeOf(response.status), message, response.status);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new CentralRequestError('bad_response', `${path}: ${parsed.error.message}`, response.status);
  }
  return parsed.data;
}

function codeOf(status: number): CentralErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  return 'rejected';
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
