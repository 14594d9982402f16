import type { z } from 'zod';
import { ApiError } from '../../../shared/api/session';

export type EdgeErrorCode = 'network' | 'unauthorized' | 'forbidden' | 'rejected' | 'bad_response';

/** Every failure talking to the edge, with a code the screens can act on. */
export class EdgeRequestError extends Error {
  readonly code: EdgeErrorCode;
  readonly status: number | undefined;

  constructor(code: EdgeErrorCode, message: string, status?: number) {
    super(message);
    this.name = 'EdgeRequestError';
    this.code = code;
    this.status = status;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  token?: string;
  body?: unknown;
  /** A request that hangs is as bad as one that fails: the board must notice within seconds. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 4000;

/** JSON over HTTP to the edge that served this page; answers are checked against the shared schemas. */
export async function requestEdge<S extends z.ZodType>(
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
    throw new EdgeRequestError('network', err instanceof Error ? err.message : String(err));
  }
  const text = await response.text().catch(() => '');
  const json = parseJson(text);
  if (!response.ok) {
    const problem = ApiError.safeParse(json);
    const message = problem.success ? problem.data.message : `HTTP ${response.status}`;
    const code: EdgeErrorCode =
      response.status === 401 ? 'unauthorized' : response.status === 403 ? 'forbidden' : 'rejected';
    throw new EdgeRequestError(code, message, response.status);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new EdgeRequestError('bad_response', `${path}: ${parsed.error.message}`, response.status);
  }
  return parsed.data;
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
