import { randomInt } from 'node:crypto';

/**
 * How big the abuse run is. CI runs the bounded profile inside `npm test`; the full
 * profile (`GALLEY_ABUSE=full`) is the size of the original attack run and is run on
 * demand. Every random case derives from one seed, printed at the start, so a failure
 * can be replayed with `GALLEY_ABUSE_SEED=<seed>`, and one case alone with
 * `GALLEY_ABUSE_ONLY=<family>:<index>`.
 */
export interface AbuseProfile {
  name: 'bounded' | 'full';
  /** malformed packets over raw TCP, over all families */
  wirePackets: number;
  /** raw sockets in flight at once */
  wireConcurrency: number;
  /** connects and disconnects of a few devices */
  stormConnects: number;
  /** sockets opened and left silent before CONNECT */
  halfOpenSockets: number;
  /** bytes of zeros streamed behind a fixed header announcing 268 MB */
  oversizedBodyBytes: number;
  /** random bytes written to each serial line */
  serialGarbageBytes: number;
  /** wrong PINs per PIN-checking route */
  pinGuesses: number;
  /** how long after the attack the edge's RSS is read again */
  settleMs: number;
}

const PROFILES: Record<AbuseProfile['name'], AbuseProfile> = {
  bounded: {
    name: 'bounded',
    wirePackets: 3000,
    wireConcurrency: 32,
    stormConnects: 80,
    halfOpenSockets: 1500,
    oversizedBodyBytes: 24 * 1024 * 1024,
    serialGarbageBytes: 64 * 1024,
    pinGuesses: 12,
    settleMs: 5000,
  },
  full: {
    name: 'full',
    wirePackets: 120_000,
    wireConcurrency: 64,
    stormConnects: 20_000,
    halfOpenSockets: 18_000,
    oversizedBodyBytes: 256 * 1024 * 1024,
    serialGarbageBytes: 4 * 1024 * 1024,
    pinGuesses: 60,
    settleMs: 60_000,
  },
};

export const profile: AbuseProfile = process.env.GALLEY_ABUSE === 'full' ? PROFILES.full : PROFILES.bounded;

export const seed: number = (() => {
  const given = process.env.GALLEY_ABUSE_SEED;
  if (given !== undefined && given !== '') {
    const n = Number(given);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
      throw new Error(`GALLEY_ABUSE_SEED must be 0..2^32-1`);
    return n;
  }
  return randomInt(0, 0xffffffff);
})();

/** `GALLEY_ABUSE_ONLY=wire-header:17` runs that single case of that family (and no other case of it). */
export const only: { family: string; index: number } | undefined = (() => {
  const raw = process.env.GALLEY_ABUSE_ONLY;
  if (!raw) return undefined;
  const m = /^([a-z-]+):(\d+)$/.exec(raw);
  if (!m?.[1] || !m[2]) throw new Error('GALLEY_ABUSE_ONLY must look like family:index');
  return { family: m[1], index: Number(m[2]) };
})();

/** The indexes of `family` to run: all `count` of them, or just the replayed one. */
export function caseIndexes(family: string, count: number): number[] {
  if (only) return only.family === family ? [only.index] : [];
  return Array.from({ length: count }, (_, i) => i);
}

export function replayHint(family: string, index: number): string {
  const full = profile.name === 'full' ? 'GALLEY_ABUSE=full ' : '';
  return `${full}GALLEY_ABUSE_SEED=${seed} GALLEY_ABUSE_ONLY=${family}:${index} npx vitest run test/abuse`;
}

/** Small, fast, seedable PRNG (mulberry32); plenty for choosing bytes to throw at a parser. */
export class Rng {
  #state: number;

  constructor(state: number) {
    this.#state = state >>> 0;
  }

  /** The generator of case `index` of `family`: the same seed gives the same case, alone or in a run. */
  static forCase(family: string, index: number): Rng {
    let h = seed ^ 0x9e3779b9;
    for (const ch of `${family}:${index}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
    return new Rng(h);
  }

  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** integer in [0, n) */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  bytes(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}
