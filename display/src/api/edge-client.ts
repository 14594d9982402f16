import type { z } from 'zod';
import { DISPLAY_CREDENTIAL_HEADER } from '../../../shared/api/displays';
import { ApiError } from '../../../shared/api/session';
import { displayCredential } from '../auth/display-credential';

export type EdgeErrorCode = 'network' | 'unauthorized' | 'forbidden' | 'rejected' | 'bad_response';

/** Every failure talking to the edge, with a code the screens can act on. */
export class EdgeRequestError extends Error {
  readonly code: EdgeErrorCode;
  readonly status: number | undefined;
  /** the edge's own error code (`ApiError.error`), e.g. `display_not_paired` */
  readonly apiCode: string | undefined;

  constructor(code: EdgeErrorCode, message: string, status?: number, apiCode?: string) {
    super(message);
    this.name = 'EdgeRequestError';
    this.code = code;
    this.status = status;
    this.apiCode = apiCode;
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

/** The edge's answer to a display credential it no longer knows (a manager revoked it). */
export const DISPLAY_NOT_PAIRED = 'display_not_paired';

/**
 * JSON over HTTP to the edge that served this page; answers are checked against the
 * shared schemas. A paired display sends its credential with every request, so the
 * edge knows which display a PIN was typed on.
 */
export async function requestEdge<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const pairing = displayCredential.get();
  if (pairing) headers[DISPLAY_CREDENTIAL_HEADER] = pairing.credential;
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
    const apiCode = problem.success ? problem.data.error : undefined;
    // Revoked: forget the credential, so the board goes on unpaired and asks to pair for the next action.
    if (response.status === 401 && apiCode === DISPLAY_NOT_PAIRED && displayCredential.get() === pairing)
      displayCredential.clear();
    const code: EdgeErrorCode =
      response.status === 401 ? 'unauthorized' : response.status === 403 ? 'forbidden' : 'rejected';
    throw new EdgeRequestError(code, message, response.status, apiCode);
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
