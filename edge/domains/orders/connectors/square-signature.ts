import { createHmac, timingSafeEqual } from 'node:crypto';

/** base64(HMAC-SHA256(signatureKey, notificationUrl + rawBody)), as Square signs a notification. */
export function squareSignature(
  signatureKey: string,
  notificationUrl: string,
  rawBody: Buffer | string,
): string {
  return createHmac('sha256', signatureKey).update(notificationUrl).update(rawBody).digest('base64');
}

/**
 * True when the header is Square's signature of exactly these bytes. Compared in
 * constant time over the decoded digests, so a caller cannot learn a correct prefix
 * from how long a refusal takes.
 */
export function verifySquareSignature(
  signatureKey: string,
  notificationUrl: string,
  rawBody: Buffer | string,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const expected = createHmac('sha256', signatureKey).update(notificationUrl).update(rawBody).digest();
  const given = Buffer.from(header.trim(), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
