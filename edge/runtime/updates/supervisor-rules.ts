import type { BoxUpdateReport, UpdateFailureCause } from '../../../shared/central/edge-releases';
import type { ReleaseRef, UpdateState } from './update-state';

export interface SupervisorSettings {
  /** how long a new release has to be ready (healthz) and reach central, from its start */
  readyTimeoutMs: number;
  /** how long it must then stay healthy before it is kept */
  settleMs: number;
  /**
   * failed probes in a row that make a ready release unhealthy: one slow answer on a busy
   * box is not a failure, a release that stays unreachable is
   */
  failedProbes: number;
  /** first delay before restarting a release that exited on its own; doubles up to maxRestartMs */
  restartMs: number;
  maxRestartMs: number;
}

export const DEFAULT_SUPERVISOR_SETTINGS: SupervisorSettings = {
  readyTimeoutMs: 60_000,
  settleMs: 10_000,
  failedProbes: 3,
  restartMs: 1_000,
  maxRestartMs: 30_000,
};

/** What the supervisor must do; the process side (supervisor.ts) carries it out. */
export type SupervisorAction =
  | { kind: 'run'; release: ReleaseRef }
  | { kind: 'run-later'; release: ReleaseRef; delayMs: number }
  | { kind: 'record'; state: UpdateState };

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; release: ReleaseRef }
  | {
      kind: 'trying';
      release: ReleaseRef;
      previous: ReleaseRef;
      rolloutId: number | null;
      deadline: number;
      ready: boolean;
      reachedCentral: boolean;
      lastProbe: string;
      healthySince: number | null;
      failedInARow: number;
    };

/**
 * The supervisor's decisions, without processes or timers, so a fake clock drives them in
 * tests. A switch runs the new release and gives it `readyTimeoutMs` to answer /healthz
 * (database open, broker accepting) and to reach central (sync works); it must then stay so
 * for `settleMs`. If it exits, is not healthy in time or stops being healthy meanwhile, the
 * previous release runs again and the rollback, with its reason, is recorded for central.
 * A kept release that exits later is restarted, with back-off: that is not an update failure.
 */
export class SupervisorRules {
  #phase: Phase = { kind: 'idle' };
  #state: UpdateState;
  #restarts = 0;

  constructor(
    private readonly settings: SupervisorSettings,
    initial: UpdateState,
    private readonly installed: ReleaseRef,
  ) {
    this.#state = initial;
  }

  get running(): ReleaseRef | undefined {
    return this.#phase.kind === 'idle' ? undefined : this.#phase.release;
  }

  get trying(): boolean {
    return this.#phase.kind === 'trying';
  }

  start(): SupervisorAction[] {
    const release = this.#state.current ?? this.installed;
    this.#phase = { kind: 'running', release };
    return [{ kind: 'run', release }];
  }

  /** The running edge staged a release and asks to switch to it. */
  switchTo(release: ReleaseRef, rolloutId: number | null): SupervisorAction[] {
    if (this.#phase.kind !== 'running' || release.version === this.#phase.release.version) return [];
    this.#phase = {
      kind: 'trying',
      release,
      previous: this.#phase.release,
      rolloutId,
      // Counted from the new release's start (started()): stopping the old one takes its time.
      deadline: Number.POSITIVE_INFINITY,
      ready: false,
      reachedCentral: false,
      lastProbe: 'no answer yet',
      healthySince: null,
      failedInARow: 0,
    };
    return [{ kind: 'run', release }];
  }

  /** The release being tried was started: its time to become healthy runs from now. */
  started(version: string, now: number): SupervisorAction[] {
    const phase = this.#phase;
    if (phase.kind === 'trying' && phase.release.version === version)
      phase.deadline = now + this.settings.readyTimeoutMs;
    return [];
  }

  /** A /healthz answer of the release being tried (ok, or what failed). */
  probed(ok: boolean, detail: string, now: number): SupervisorAction[] {
    const phase = this.#phase;
    if (phase.kind !== 'trying') return [];
    phase.failedInARow = ok ? 0 : phase.failedInARow + 1;
    if (!ok && phase.healthySince !== null) {
      if (phase.failedInARow < this.settings.failedProbes) return [];
      const seconds = Math.round((now - phase.healthySince) / 1000);
      return this.#rollBack(
        `it stopped being healthy ${seconds} s after it was: ${detail}`,
        { code: 'stopped_being_healthy', seconds, detail },
        now,
      );
    }
    phase.ready = ok;
    phase.lastProbe = detail;
    return this.#healthyNow(now);
  }

  /** The release being tried delivered its report to central. */
  reachedCentral(version: string, now: number): SupervisorAction[] {
    const phase = this.#phase;
    if (phase.kind !== 'trying' || phase.release.version !== version) return [];
    phase.reachedCentral = true;
    return this.#healthyNow(now);
  }

  tick(now: number): SupervisorAction[] {
    const phase = this.#phase;
    if (phase.kind !== 'trying') return [];
    if (phase.healthySince === null && now >= phase.deadline) {
      const seconds = Math.round(this.settings.readyTimeoutMs / 1000);
      const ready = phase.ready ? 'ready' : `not ready (${phase.lastProbe})`;
      const central = phase.reachedCentral ? 'reached central' : 'never reached central';
      return this.#rollBack(
        `not healthy within ${seconds} s: ${ready}, ${central}`,
        { code: 'not_healthy_in_time', seconds, detail: `${ready}, ${central}` },
        now,
      );
    }
    return this.#healthyNow(now);
  }

  /** The child exited without being asked to (`detail`: code and the last thing it said). */
  exited(detail: string, now: number): SupervisorAction[] {
    const phase = this.#phase;
    if (phase.kind === 'trying')
      return this.#rollBack(
        `it exited before it was kept: ${detail}`,
        { code: 'exited_before_kept', seconds: null, detail },
        now,
      );
    if (phase.kind !== 'running') return [];
    const delayMs = Math.min(this.settings.maxRestartMs, this.settings.restartMs * 2 ** this.#restarts);
    this.#restarts += 1;
    return [{ kind: 'run-later', release: phase.release, delayMs }];
  }

  stop(): void {
    this.#phase = { kind: 'idle' };
  }

  #healthyNow(now: number): SupervisorAction[] {
    const phase = this.#phase;
    if (phase.kind !== 'trying' || !phase.ready || !phase.reachedCentral) return [];
    phase.healthySince ??= now;
    if (now - phase.healthySince < this.settings.settleMs) return [];
    this.#phase = { kind: 'running', release: phase.release };
    this.#restarts = 0;
    this.#state = {
      current: phase.release,
      previous: phase.previous,
      lastUpdate: this.#outcome(phase, 'updated', null, now),
    };
    return [{ kind: 'record', state: this.#state }];
  }

  /** `reason` stays the English sentence central has always shown; `why` is its structured twin. */
  #rollBack(reason: string, why: Omit<UpdateFailureCause, 'backTo'>, now: number): SupervisorAction[] {
    const phase = this.#phase;
    if (phase.kind !== 'trying') return [];
    this.#phase = { kind: 'running', release: phase.previous };
    this.#state = {
      current: phase.previous,
      previous: this.#state.previous,
      lastUpdate: {
        ...this.#outcome(phase, 'rolled_back', reason, now),
        cause: { ...why, backTo: phase.previous.version },
      },
    };
    return [
      { kind: 'record', state: this.#state },
      { kind: 'run', release: phase.previous },
    ];
  }

  #outcome(
    phase: Extract<Phase, { kind: 'trying' }>,
    outcome: BoxUpdateReport['outcome'],
    reason: string | null,
    at: number,
  ): BoxUpdateReport {
    return { version: phase.release.version, rolloutId: phase.rolloutId, outcome, reason, at };
  }
}
