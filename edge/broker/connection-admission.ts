import type { BrokerLimits } from '../../shared/config/limits';

/** Why a new connection was closed before it could send CONNECT. */
export type AdmissionRefusal = 'pending_limit' | 'pending_limit_per_address';

export type AdmissionLimits = Pick<
  BrokerLimits,
  | 'maxPendingConnections'
  | 'maxPendingConnectionsPerAddress'
  | 'connectTimeoutS'
  | 'connectTimeoutUnderPressureS'
>;

export type Admission =
  | {
      ok: true;
      /** how long it has to complete CONNECT */
      deadlineMs: number;
      /** no longer pending (accepted or closed); further calls do nothing */
      release: () => void;
    }
  | { ok: false; reason: AdmissionRefusal };

/** Above this share of maxPendingConnections taken, new connections get the short deadline. */
const PRESSURE_SHARE = 0.5;

/**
 * Counts connections that have not completed CONNECT, per remote address and in total.
 * Each holds a file descriptor and a socket buffer without having proved anything, so
 * their number is capped well below the process's descriptor limit (the HTTP API and
 * SQLite need theirs), and while many are waiting a newcomer gets less time.
 */
export class ConnectionAdmission {
  readonly #limits: AdmissionLimits;
  readonly #byAddress = new Map<string, number>();
  #pending = 0;

  constructor(limits: AdmissionLimits) {
    this.#limits = limits;
  }

  get pending(): number {
    return this.#pending;
  }

  /** `address` undefined (a stream without one) is counted as one unknown address. */
  admit(address: string | undefined): Admission {
    const key = address ?? 'unknown';
    const fromAddress = this.#byAddress.get(key) ?? 0;
    if (this.#pending >= this.#limits.maxPendingConnections) return { ok: false, reason: 'pending_limit' };
    if (fromAddress >= this.#limits.maxPendingConnectionsPerAddress) {
      return { ok: false, reason: 'pending_limit_per_address' };
    }
    const underPressure = this.#pending >= this.#limits.maxPendingConnections * PRESSURE_SHARE;
    const timeoutS = underPressure
      ? Math.min(this.#limits.connectTimeoutUnderPressureS, this.#limits.connectTimeoutS)
      : this.#limits.connectTimeoutS;
    this.#pending += 1;
    this.#byAddress.set(key, fromAddress + 1);
    let released = false;
    return {
      ok: true,
      deadlineMs: timeoutS * 1000,
      release: () => {
        if (released) return;
        released = true;
        this.#pending -= 1;
        const left = (this.#byAddress.get(key) ?? 1) - 1;
        if (left > 0) this.#byAddress.set(key, left);
        else this.#byAddress.delete(key);
      },
    };
  }
}
