import type { z } from 'zod';
import { ApiError, type ApiRefusal } from '../api/session';
import type { LocalizedText } from '../localized-text';

export type RequestErrorCode =
  | 'network'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'rejected'
  | 'bad_response';

/** Every failure talking to the server that served the page, with a code the screens can act on. */
export class RequestError extends Error {
  readonly code: RequestErrorCode;
  readonly status: number | undefined;
  /** the server's own error code (`ApiError.error`), e.g. `display_not_paired` */
  readonly apiCode: string | undefined;
  /** the server's message in each language, where it words it in both */
  readonly messages: LocalizedText | undefined;
  /** the refusal's stable code and parameters, where the server gives them (the screen words them) */
  readonly refusal: ApiRefusal | undefined;

  constructor(
    code: RequestErrorCode,
    message: string,
    status?: number,
    apiCode?: string,
    messages?: LocalizedText,
    refusal?: ApiRefusal,
  ) {
    super(message);
    this.name = 'RequestError';
    this.code = code;
    this.status = status;
    this.apiCode = apiCode;
    this.messages = messages;
    this.refusal = refusal;
  }

  /** The server's message in `language` when it sent one, else the message as it came. */
  messageIn(language: string): string {
    if (!this.messages) return this.message;
    return language.startsWith('zh') ? this.messages['zh-CN'] : this.messages.en;
  }
}

/** What a screen says about one request. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** a person's session, sent as `Authorization: Bearer …` */
  token?: string;
  body?: unknown;
  timeoutMs?: number;
  /** ends the request early, e.g. a long poll when its screen goes away */
  signal?: AbortSignal;
}

/** What an app's client adds to every request it sends. */
export interface ClientDefaults {
  /** A request that hangs is as bad as one that fails: the page must notice, so there is always a limit. */
  timeoutMs: number;
  /** e.g. the display's credential */
  headers?: Readonly<Record<string, string>>;
}

/**
 * JSON over HTTP to the server that served this page; answers are checked against the
 * shared schemas, so a server that drifted from the contract fails here, not in a screen.
 */
export async function requestJson<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions,
  defaults: ClientDefaults,
): Promise<z.infer<S>> {
  const headers: Record<string, string> = { ...defaults.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: withTimeout(options.signal, options.timeoutMs ?? defaults.timeoutMs),
      // Every answer is live state (alarms, sessions): a cached one would show the past as now.
      cache: 'no-store',
    });
  } catch (err) {
    throw new RequestError('network', err instanceof Error ? err.message : String(err));
  }
  // A body cut off mid-way reads as empty: the status still says what happened.
  const text = await response.text().catch(() => '');
  const json = parseJson(text);
  if (!response.ok) {
    const problem = ApiError.safeParse(json);
    const message = problem.success ? problem.data.message : `HTTP ${response.status}`;
    const apiCode = problem.success ? problem.data.error : undefined;
    const messages = problem.success ? problem.data.messages : undefined;
    const refusal = problem.success ? problem.data.refusal : undefined;
    throw new RequestError(codeOf(response.status), message, response.status, apiCode, messages, refusal);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new RequestError('bad_response', `${path}: ${parsed.error.message}`, response.status);
  }
  return parsed.data;
}

/** The caller's signal or the time limit, whichever ends first (by hand: AbortSignal.any is too new for some browsers). */
function withTimeout(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  if (!signal) return timeout;
  const either = new AbortController();
  const abort = () => either.abort();
  if (signal.aborted) abort();
  signal.addEventListener('abort', abort, { once: true });
  timeout.addEventListener('abort', abort, { once: true });
  return either.signal;
}

function codeOf(status: number): RequestErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  return 'rejected';
}

/** An empty body (204) is `null`, which `z.null()` accepts; one that is not JSON is `undefined`, which no answer schema expects. */
function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
