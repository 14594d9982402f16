import { type Rejection, reject } from './rejection';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export type DecodedPayload = { ok: true; value: unknown } | Rejection;

/**
 * Bytes → JSON value, refusing oversize, invalid UTF-8 and unparseable payloads.
 * Size is checked first so a huge payload is never decoded at all.
 */
export function decodeJsonPayload(payload: Buffer, maxBytes: number): DecodedPayload {
  if (payload.length > maxBytes) {
    return reject('payload_too_large', `payload is ${payload.length} bytes; the limit is ${maxBytes} bytes`);
  }
  let text: string;
  try {
    text = utf8.decode(payload);
  } catch {
    return reject('invalid_utf8', 'payload is not valid UTF-8 text');
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    if (text.trim() === '') return reject('invalid_json', 'payload is empty; expected a JSON object');
    return reject('invalid_json', `payload is not JSON: ${(err as Error).message}`);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names the JSON type of a value for details such as "expected an object, got array". */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
