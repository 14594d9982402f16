import { sql } from 'kysely';
import { z } from 'zod';
import type { Clock, TimerHandle } from '../../../shared/server/runtime/clock';
import type { CentralDb } from '../db/central-db';

export const ReadinessState = z.enum(['migrating', 'starting', 'ready', 'draining']);
export type ReadinessState = z.infer<typeof ReadinessState>;

/** The body of `GET /readyz`: 200 when `ready`, else 503 with the reason. */
export const Readiness = z.object({
  ready: z.boolean(),
  state: ReadinessState,
  database: z.enum(['ok', 'unreachable']),
  reason: z.string().optional(),
});
export type Readiness = z.infer<typeof Readiness>;

/** A database that does not answer `select 1` within this long counts as unreachable. */
export const DATABASE_PROBE_TIMEOUT_MS = 2_000;

/**
 * Whether this central process should be sent requests: not while its schema is migrated
 * (`migrating`, answered by migrating-responder.ts) nor before everything has started
 * (`starting`), not once SIGTERM asked it to drain, and not while its
 * database does not answer. `/healthz` stays liveness only: a process whose database is
 * away is alive and must not be restarted for it, just not sent traffic.
 */
export class CentralReadiness {
  // 'migrating' is answered by migrating-responder.ts before this object exists.
  #state: ReadinessState = 'starting';

  constructor(private readonly deps: { db: CentralDb; clock: Clock; probeTimeoutMs?: number }) {}

  get state(): ReadinessState {
    return this.#state;
  }

  markReady(): void {
    if (this.#state === 'starting') this.#state = 'ready';
  }

  /** From now on `/readyz` answers 503, so the load balancer stops sending new requests here. */
  markDraining(): void {
    this.#state = 'draining';
  }

  async check(): Promise<Readiness> {
    const database = (await this.#databaseAnswers()) ? 'ok' : 'unreachable';
    const ready = this.#state === 'ready' && database === 'ok';
    const reason =
      this.#state !== 'ready'
        ? `central is ${this.#state}`
        : database !== 'ok'
          ? 'the database does not answer'
          : undefined;
    return { ready, state: this.#state, database, ...(reason ? { reason } : {}) };
  }

  async #databaseAnswers(): Promise<boolean> {
    const { clock } = this.deps;
    let timer: TimerHandle | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = clock.setTimeout(() => resolve(false), this.deps.probeTimeoutMs ?? DATABASE_PROBE_TIMEOUT_MS);
    });
    const probe = sql`select 1`.execute(this.deps.db).then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      if (timer) clock.clearTimeout(timer);
    }
  }
}
