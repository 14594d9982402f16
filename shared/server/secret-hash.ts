import { createHmac, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Salted hashes for PINs, device secrets and tokens. Kept out of `shared/index.ts`
 * because it needs node:crypto and the display's bundle must not pull that in.
 *
 * - `scrypt$…` for low-entropy secrets people type (PINs): deliberately slow.
 * - `sha256$…` (salted HMAC) for machine-generated secrets of ≥ 128 random bits, where
 *   stretching adds nothing against brute force but would make a reconnect storm of
 *   thousands of devices cost minutes of CPU.
 */
export type HashScheme = 'scrypt' | 'sha256';

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 } as const;

export function hashSecret(secret: string, scheme: HashScheme): string {
  const salt = randomBytes(16);
  if (scheme === 'scrypt') {
    const hash = scryptSync(secret, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
    return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
  }
  const hash = createHmac('sha256', salt).update(secret).digest();
  return `sha256$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifySecret(secret: string, stored: string): boolean {
  const parts = stored.split('$');
  let expected: Buffer;
  let actual: Buffer;
  if (parts[0] === 'scrypt' && parts.length === 6) {
    const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
    expected = Buffer.from(hash, 'base64');
    actual = scryptSync(secret, Buffer.from(salt, 'base64'), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
    });
  } else if (parts[0] === 'sha256' && parts.length === 3) {
    const [, salt, hash] = parts as [string, string, string];
    expected = Buffer.from(hash, 'base64');
    actual = createHmac('sha256', Buffer.from(salt, 'base64')).update(secret).digest();
  } else {
    return false;
  }
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * verifySecret without blocking the event loop: scrypt runs on libuv's thread pool.
 * For the broker, where a synchronous scrypt per wrong integration secret (≈ 50 ms)
 * would stall every device's PUBACK behind it.
 */
export function verifySecretAsync(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt' || parts.length !== 6) return Promise.resolve(verifySecret(secret, stored));
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  return new Promise((resolve) => {
    scrypt(
      secret,
      Buffer.from(salt, 'base64'),
      expected.length,
      { N: Number(n), r: Number(r), p: Number(p) },
      (err, actual) => {
        resolve(!err && actual.length === expected.length && timingSafeEqual(expected, actual));
      },
    );
  });
}

/** URL-safe random secret with `bytes` bytes of entropy. */
export function generateSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
