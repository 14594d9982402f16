import { createHash, randomBytes as cryptoRandomBytes, timingSafeEqual } from 'node:crypto';
import type { PairingClaim, PairingConfirmed, PairingStarted } from '../../../shared/api/displays';
import type { IssuedDisplay } from './display-credentials';

export type PairingErrorCode = 'PAIRING_BUSY' | 'PAIRING_UNKNOWN';

export class PairingError extends Error {
  constructor(
    readonly code: PairingErrorCode,
    message: string,
    /** for PAIRING_BUSY: when the oldest code in the way expires */
    readonly retryAfterMs = 0,
  ) {
    super(message);
    this.name = 'PairingError';
  }
}

export interface PairingLimits {
  /** how long a code stays good, from when the display asked for it */
  ttlMs: number;
  /** codes waiting at once, store-wide: anyone may ask, so memory has to stay bounded */
  maxPending: number;
  /** codes waiting at once from one address, so one machine cannot take every slot */
  maxPendingPerAddress: number;
}

/** A few minutes to walk to the screen; a handful of displays paired at once is plenty. */
export const DEFAULT_PAIRING_LIMITS: PairingLimits = {
  ttlMs: 5 * 60_000,
  maxPending: 32,
  maxPendingPerAddress: 3,
};

interface Pending {
  pairingId: string;
  code: string;
  claimHash: string;
  address: string;
  expiresAt: number;
  confirmed?: { name: string; by: string };
}

export interface DisplayPairingDeps {
  clock: { now(): number };
  limits?: Partial<PairingLimits>;
  randomBytes?: (size: number) => Buffer;
}

/**
 * Codes a display shows while it waits for a manager, in memory only: they live a
 * few minutes and a restart simply means asking for a new one. When the slots are
 * taken a new request is refused (429), never answered by dropping someone else's
 * code, so asking over and over can neither grow memory nor push a display out.
 */
export class DisplayPairing {
  readonly #pending = new Map<string, Pending>();
  readonly #clock: { now(): number };
  readonly #limits: PairingLimits;
  readonly #random: (size: number) => Buffer;

  constructor(deps: DisplayPairingDeps) {
    this.#clock = deps.clock;
    this.#limits = { ...DEFAULT_PAIRING_LIMITS, ...deps.limits };
    this.#random = deps.randomBytes ?? cryptoRandomBytes;
  }

  get pendingCount(): number {
    this.#expire();
    return this.#pending.size;
  }

  start(address: string): PairingStarted {
    this.#expire();
    const pending = [...this.#pending.values()];
    const fromHere = pending.filter((p) => p.address === address);
    const blocking =
      fromHere.length >= this.#limits.maxPendingPerAddress
        ? fromHere
        : pending.length >= this.#limits.maxPending
          ? pending
          : undefined;
    if (blocking) {
      const freesAt = Math.min(...blocking.map((p) => p.expiresAt));
      throw new PairingError(
        'PAIRING_BUSY',
        'too many displays are waiting to be paired; try again when a code has expired',
        freesAt - this.#clock.now(),
      );
    }
    const claimSecret = this.#random(32).toString('base64url');
    const entry: Pending = {
      pairingId: this.#random(12).toString('base64url'),
      code: this.#freshCode(),
      claimHash: hashOf(claimSecret),
      address,
      expiresAt: this.#clock.now() + this.#limits.ttlMs,
    };
    this.#pending.set(entry.pairingId, entry);
    return { pairingId: entry.pairingId, code: entry.code, claimSecret, expiresAt: entry.expiresAt };
  }

  /** A manager vouches for the display showing `code`; its credential is made when the display claims it. */
  confirm(code: string, name: string | undefined, by: string): PairingConfirmed {
    this.#expire();
    const entry = [...this.#pending.values()].find((p) => p.code === code);
    if (!entry)
      throw new PairingError('PAIRING_UNKNOWN', `no display is showing code ${code} (or it expired)`);
    entry.confirmed ??= { name: name ?? `Display ${code}`, by };
    return { code, name: entry.confirmed.name, confirmedBy: entry.confirmed.by };
  }

  /**
   * What the display that asked learns when it polls: still waiting, or (once, after
   * the confirmation) its credential, made by `issue`.
   */
  claim(
    pairingId: string,
    claimSecret: string,
    issue: (name: string, by: string) => IssuedDisplay,
  ): PairingClaim {
    this.#expire();
    const entry = this.#pending.get(pairingId);
    if (!entry || !sameHash(entry.claimHash, hashOf(claimSecret))) {
      throw new PairingError('PAIRING_UNKNOWN', 'this pairing is unknown or expired; ask for a new code');
    }
    if (!entry.confirmed) return { status: 'waiting', expiresAt: entry.expiresAt };
    this.#pending.delete(pairingId);
    return { status: 'paired', ...issue(entry.confirmed.name, entry.confirmed.by) };
  }

  #freshCode(): string {
    const inUse = new Set([...this.#pending.values()].map((p) => p.code));
    // At most `maxPending` of a million codes are taken, so this ends at once in practice.
    for (;;) {
      const code = String(this.#random(4).readUInt32BE(0) % 1_000_000).padStart(6, '0');
      if (!inUse.has(code)) return code;
    }
  }

  #expire(): void {
    const now = this.#clock.now();
    for (const [id, entry] of this.#pending) if (entry.expiresAt <= now) this.#pending.delete(id);
  }
}

function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}
