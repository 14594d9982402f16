import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type BoxHealth,
  type BoxReport,
  type BoxUpdateReport,
  type EdgeUpdateCommand,
  RELEASE_ROUTES,
  type UpdateFailureCause,
} from '../../../shared/central/edge-releases';
import type { Clock, TimerHandle } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { CentralEndpoint } from '../../sync/central-client';
import { dependencyTreeHash } from './lock-hash';
import { type BoxRuntime, ReleaseRefused } from './release-check';
import { stageRelease } from './release-stager';
import { INSTALL_ROOT_ENV, type SupervisorLink } from './supervisor-link';
import { readUpdateState, writeUpdateState } from './update-state';

export interface EdgeUpdaterDeps {
  dataDir: string;
  clock: Clock;
  logger: Logger;
  /** without it the box neither reports nor updates */
  central: CentralEndpoint | undefined;
  version: string;
  health: () => BoxHealth;
  link: SupervisorLink;
  /** how often the box reports itself (with each command poll round) */
  reportEveryMs: number;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * The box's side of a rollout: reports the version it runs, its health and its newest
 * update outcome to central on every round, and takes `edge.update` commands: download,
 * check, stage, then hand the staged release to the supervisor (`galley box`), which
 * switches to it and rolls back by itself if it is not healthy in time.
 */
export class EdgeUpdater {
  readonly #deps: EdgeUpdaterDeps;
  readonly #log: Logger;
  #timer: TimerHandle | undefined;
  #busy: string | undefined;
  #told = false;
  #centralLacksRoute = false;
  #reportFailing = false;

  constructor(deps: EdgeUpdaterDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'edge.updates' });
  }

  start(): void {
    if (!this.#deps.central || this.#timer) return;
    const round = () => {
      this.report().then(
        () => {
          this.#reportFailing = false;
        },
        (err: unknown) => {
          // Once per outage: the sync's own health says the rest while central is away.
          if (!this.#reportFailing) this.#log.warn({ err }, 'box report not delivered');
          this.#reportFailing = true;
        },
      );
    };
    this.#timer = this.#deps.clock.setInterval(round, this.#deps.reportEveryMs);
    round();
  }

  stop(): void {
    if (this.#timer) this.#deps.clock.clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** The store command: answered at once (accepted); the outcome follows in the box reports. */
  accept(command: EdgeUpdateCommand): void {
    if (command.version === this.#deps.version) return;
    if (this.#busy === command.version) return;
    // A release this box already rolled back from in the same rollout is not tried again.
    const last = readUpdateState(this.#deps.dataDir).lastUpdate;
    if (
      last &&
      last.version === command.version &&
      last.rolloutId === command.rolloutId &&
      last.outcome !== 'staged'
    )
      return;
    const { central, link } = this.#deps;
    if (!central) throw new Error('this box has no central to download from');
    if (!link.supervised) {
      this.#record(
        command,
        'refused',
        'this box runs without its supervisor (galley box): it cannot switch releases',
        { code: 'refused', backTo: null, seconds: null, detail: 'no supervisor (galley box)' },
      );
      void this.report().catch((err: unknown) => this.#log.debug({ err }, 'box report not delivered'));
      return;
    }
    this.#busy = command.version;
    void this.#stage(command, central).finally(() => {
      this.#busy = undefined;
    });
  }

  /** One report to central; true when central took it. */
  async report(): Promise<boolean> {
    const { central } = this.#deps;
    if (!central || this.#centralLacksRoute) return false;
    const body: BoxReport = {
      version: this.#deps.version,
      health: this.#deps.health(),
      lastUpdate: readUpdateState(this.#deps.dataDir).lastUpdate,
      supervised: this.#deps.link.supervised,
      at: this.#deps.clock.now(),
    };
    const response = await fetch(`${central.url.replace(/\/+$/, '')}${RELEASE_ROUTES.boxReport}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${central.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.#deps.timeoutMs),
    });
    const answer = await response.text();
    if (response.status === 404) {
      // An older central without rollouts: nothing to tell it, ever.
      this.#centralLacksRoute = true;
      this.#log.info('central takes no box reports; software updates are off');
      return false;
    }
    if (!response.ok)
      throw new Error(`central answered ${response.status} to the box report: ${answer.slice(0, 300)}`);
    if (!this.#told && body.health.ok) {
      // The supervisor counts a new release healthy once it has reached central.
      this.#told = true;
      this.#deps.link.send({ kind: 'sync-ok', version: this.#deps.version });
    }
    return true;
  }

  async #stage(command: EdgeUpdateCommand, central: CentralEndpoint): Promise<void> {
    const installRoot = (this.#deps.env ?? process.env)[INSTALL_ROOT_ENV] ?? '';
    try {
      const release = await stageRelease({
        dataDir: this.#deps.dataDir,
        installRoot,
        central,
        command,
        box: boxRuntime(installRoot),
        timeoutMs: Math.max(this.#deps.timeoutMs, 60_000),
      });
      this.#record(command, 'staged', null);
      this.#log.info({ version: command.version }, 'release staged: handing over to the supervisor');
      this.#deps.link.send({ kind: 'switch', release, rolloutId: command.rolloutId });
    } catch (err) {
      const refused = err instanceof ReleaseRefused;
      const reason = err instanceof Error ? err.message : String(err);
      this.#log.warn(
        { version: command.version, reason },
        refused ? 'release refused' : 'release staging failed',
      );
      this.#record(command, refused ? 'refused' : 'failed', reason, {
        code: refused ? 'refused' : 'staging_failed',
        backTo: null,
        seconds: null,
        detail: reason,
      });
    }
    await this.report().catch((err: unknown) => this.#log.debug({ err }, 'box report not delivered'));
  }

  #record(
    command: EdgeUpdateCommand,
    outcome: BoxUpdateReport['outcome'],
    reason: string | null,
    cause: UpdateFailureCause | null = null,
  ): void {
    const state = readUpdateState(this.#deps.dataDir);
    const lastUpdate: BoxUpdateReport = {
      version: command.version,
      rolloutId: command.rolloutId,
      outcome,
      reason,
      cause,
      at: this.#deps.clock.now(),
    };
    writeUpdateState(this.#deps.dataDir, { ...state, lastUpdate });
  }
}

/** This box's Node major and installed dependency tree (from the install root's package-lock). */
export function boxRuntime(installRoot: string): BoxRuntime {
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  try {
    return {
      nodeMajor,
      lockHash: dependencyTreeHash(readFileSync(join(installRoot, 'package-lock.json'), 'utf8')),
    };
  } catch {
    return { nodeMajor, lockHash: null };
  }
}
