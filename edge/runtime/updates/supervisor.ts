import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Clock, TimerHandle } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import { type ReleaseLaunch, spawnRelease } from './release-process';
import { ChildMessage } from './supervisor-link';
import { type SupervisorAction, SupervisorRules, type SupervisorSettings } from './supervisor-rules';
import { type ReleaseRef, readUpdateState, writeUpdateState } from './update-state';

/** How often a release being tried is probed, how long an answer may take, how long a stop may take before SIGKILL. */
const PROBE_MS = 500;
const PROBE_TIMEOUT_MS = 5_000;
const STOP_GRACE_MS = 20_000;
/** The edge's log line once HTTP is bound (shared/contract.md). */
/** How Node prints an uncaught error (`Error: …`, `TypeError [CODE]: …`), not a stack frame nor a JSON log line. */
const UNCAUGHT_ERROR = /^\s*(?:[A-Z]\w*)?Error\b[^{]*:/;
const HTTP_LISTENING = /http listening on (?:\[?[\w.:]+\]?):(\d+)/;

export interface BoxSupervisorDeps {
  dataDir: string;
  installedVersion: string;
  launch: ReleaseLaunch;
  settings: SupervisorSettings;
  clock: Clock;
  logger: Logger;
  /** where the child's output goes (the box's own stdout/stderr) */
  out: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } };
}

interface Child {
  process: ChildProcess;
  release: ReleaseRef;
  httpPort: number | undefined;
  lastWords: string;
  /** the last uncaught error Node printed (`Error: …`), the best reason for an early exit */
  lastError: string | undefined;
  /** set when the supervisor stops it on purpose: its exit is no failure */
  stopping: boolean;
  exited: Promise<void>;
}

/**
 * `galley box`: runs the current release of the edge as a child process and carries out
 * SupervisorRules' decisions: switch to a release the edge staged, probe it, keep it or
 * roll back to the previous one, restart a release that died. Runs until stop().
 */
export class BoxSupervisor {
  readonly #deps: BoxSupervisorDeps;
  readonly #log: Logger;
  readonly #rules: SupervisorRules;
  #child: Child | undefined;
  #probeTimer: TimerHandle | undefined;
  #laterTimer: TimerHandle | undefined;
  #queue: Promise<void> = Promise.resolve();
  #stopped = false;
  /** one probe at a time: a slow answer is not asked again meanwhile */
  #probing = false;

  constructor(deps: BoxSupervisorDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'box.supervisor' });
    const state = readUpdateState(deps.dataDir);
    // A staged release whose bundle is gone (a wiped disk, a hand-made cleanup) cannot run:
    // the installed edge runs instead of a restart loop.
    const current = state.current?.bundle && !existsSync(state.current.bundle) ? null : state.current;
    if (current !== state.current)
      this.#log.warn({ release: state.current }, 'staged release missing: running the installed edge');
    this.#rules = new SupervisorRules(
      deps.settings,
      { ...state, current },
      {
        version: deps.installedVersion,
        bundle: null,
      },
    );
  }

  /** The release the box runs now. */
  get running(): ReleaseRef | undefined {
    return this.#rules.running;
  }

  start(): void {
    this.#act(this.#rules.start());
    this.#probeTimer = this.#deps.clock.setInterval(() => this.#probe(), PROBE_MS);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#rules.stop();
    if (this.#probeTimer) this.#deps.clock.clearInterval(this.#probeTimer);
    if (this.#laterTimer) this.#deps.clock.clearTimeout(this.#laterTimer);
    await this.#queue;
    await this.#stopChild();
  }

  #act(actions: SupervisorAction[]): void {
    for (const action of actions) {
      if (action.kind === 'record') {
        writeUpdateState(this.#deps.dataDir, action.state);
        const last = action.state.lastUpdate;
        if (last)
          this.#log.info(
            { version: last.version, outcome: last.outcome, reason: last.reason },
            `update ${last.outcome}`,
          );
      } else if (action.kind === 'run') {
        this.#enqueue(() => this.#run(action.release));
      } else {
        if (this.#laterTimer) this.#deps.clock.clearTimeout(this.#laterTimer);
        this.#laterTimer = this.#deps.clock.setTimeout(() => {
          this.#laterTimer = undefined;
          if (this.#rules.running?.version === action.release.version)
            this.#enqueue(() => this.#run(action.release));
        }, action.delayMs);
      }
    }
  }

  /** Process changes one at a time: the old child is gone before the next starts. */
  #enqueue(step: () => Promise<void>): void {
    this.#queue = this.#queue
      .then(step)
      .catch((err: unknown) => this.#log.error({ err }, 'supervisor step failed'));
  }

  async #run(release: ReleaseRef): Promise<void> {
    await this.#stopChild();
    if (this.#stopped) return;
    this.#log.info({ version: release.version, bundle: release.bundle }, 'starting release');
    const proc = spawnRelease(release, this.#deps.launch);
    const child: Child = {
      process: proc,
      release,
      httpPort: undefined,
      lastWords: '',
      lastError: undefined,
      stopping: false,
      exited: new Promise((resolve) => proc.once('exit', () => resolve())),
    };
    this.#child = child;
    this.#act(this.#rules.started(release.version, this.#deps.clock.now()));
    const hear = (chunk: Buffer, to: { write(text: string): unknown }) => {
      const text = chunk.toString('utf8');
      to.write(text);
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      if (lines.length > 0) child.lastWords = (lines.at(-1) ?? '').slice(0, 400);
      const error = lines.filter((l) => UNCAUGHT_ERROR.test(l)).at(-1);
      if (error) child.lastError = error.trim().slice(0, 400);
      if (child.httpPort === undefined) {
        const port = HTTP_LISTENING.exec(text)?.[1];
        if (port) child.httpPort = Number(port);
      }
    };
    proc.stdout?.on('data', (c: Buffer) => hear(c, this.#deps.out.stdout));
    proc.stderr?.on('data', (c: Buffer) => hear(c, this.#deps.out.stderr));
    proc.on('message', (raw: unknown) => {
      const message = ChildMessage.safeParse(raw);
      if (!message.success) {
        this.#log.warn({ issues: message.error.issues.length }, 'unreadable message from the edge');
        return;
      }
      const now = this.#deps.clock.now();
      const m = message.data;
      this.#act(
        m.kind === 'switch'
          ? this.#rules.switchTo(m.release, m.rolloutId)
          : this.#rules.reachedCentral(m.version, now),
      );
    });
    proc.once('exit', (code, signal) => {
      if (this.#child === child) this.#child = undefined;
      if (child.stopping || this.#stopped) return;
      const said = child.lastError ?? child.lastWords;
      const detail = `${signal ? `signal ${signal}` : `exit code ${code}`}${said ? `: ${said}` : ''}`;
      this.#log.warn({ version: release.version, detail }, 'release exited');
      this.#act(this.#rules.exited(detail, this.#deps.clock.now()));
    });
  }

  async #stopChild(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    child.stopping = true;
    this.#child = undefined;
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGTERM');
      const timer = setTimeout(() => child.process.kill('SIGKILL'), STOP_GRACE_MS);
      await child.exited;
      clearTimeout(timer);
    }
  }

  #probe(): void {
    const now = this.#deps.clock.now();
    this.#act(this.#rules.tick(now));
    const child = this.#child;
    if (this.#probing || !this.#rules.trying || !child || child.httpPort === undefined || child.stopping)
      return;
    this.#probing = true;
    fetch(`http://127.0.0.1:${child.httpPort}/healthz`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
      .then(async (response) => {
        const body = await response.text();
        return { ok: response.ok, detail: `healthz ${response.status} ${body.slice(0, 200)}` };
      })
      .catch((err: unknown) => ({
        ok: false,
        detail: `healthz unreachable: ${err instanceof Error ? err.message : String(err)}`,
      }))
      .then(({ ok, detail }) => {
        if (this.#child === child) this.#act(this.#rules.probed(ok, detail, this.#deps.clock.now()));
      })
      .catch((err: unknown) => this.#log.error({ err }, 'probe failed'))
      .finally(() => {
        this.#probing = false;
      });
  }
}
