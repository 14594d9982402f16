import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../shared/server/runtime/fake-clock';
import { type SupervisorAction, SupervisorRules } from './supervisor-rules';
import { EMPTY_UPDATE_STATE, type ReleaseRef } from './update-state';

const installed: ReleaseRef = { version: '1.0.0', bundle: null };
const next: ReleaseRef = { version: '1.1.0', bundle: '/data/releases/1.1.0/edge-command.mjs' };
const settings = {
  readyTimeoutMs: 60_000,
  settleMs: 10_000,
  failedProbes: 3,
  restartMs: 1_000,
  maxRestartMs: 30_000,
};

function recorded(actions: SupervisorAction[]) {
  return actions.flatMap((a) => (a.kind === 'record' ? [a.state] : []));
}
function runs(actions: SupervisorAction[]) {
  return actions.flatMap((a) => (a.kind === 'run' ? [a.release.version] : []));
}

function switched() {
  const clock = new FakeClock();
  const rules = new SupervisorRules(settings, EMPTY_UPDATE_STATE, installed);
  expect(runs(rules.start())).toEqual(['1.0.0']);
  expect(runs(rules.switchTo(next, 7))).toEqual(['1.1.0']);
  // Stopping the old release takes a while; the new one's time runs from its start.
  clock.advance(8_000);
  expect(rules.tick(clock.now())).toEqual([]);
  rules.started('1.1.0', clock.now());
  return { clock, rules };
}

describe('the supervisor decides', () => {
  it('keeps a release that is ready, reaches central and stays healthy for the settle time', () => {
    const { clock, rules } = switched();
    clock.advance(3_000);
    expect(rules.probed(true, 'healthz 200', clock.now())).toEqual([]);
    expect(rules.reachedCentral('1.1.0', clock.now())).toEqual([]);
    clock.advance(9_999);
    expect(rules.tick(clock.now())).toEqual([]);
    clock.advance(1);
    const [state] = recorded(rules.tick(clock.now()));
    expect(state?.current).toEqual(next);
    expect(state?.previous).toEqual(installed);
    expect(state?.lastUpdate).toMatchObject({
      version: '1.1.0',
      rolloutId: 7,
      outcome: 'updated',
      reason: null,
    });
    expect(rules.trying).toBe(false);
  });

  it('rolls back when the release is not ready within the timeout, naming what failed', () => {
    const { clock, rules } = switched();
    rules.probed(false, 'healthz 503 {"checks":{"broker":false}}', clock.now());
    clock.advance(59_999);
    expect(rules.tick(clock.now())).toEqual([]);
    clock.advance(1);
    const actions = rules.tick(clock.now());
    expect(runs(actions)).toEqual(['1.0.0']);
    expect(recorded(actions)[0]?.lastUpdate).toMatchObject({
      version: '1.1.0',
      outcome: 'rolled_back',
      reason:
        'not healthy within 60 s: not ready (healthz 503 {"checks":{"broker":false}}), never reached central',
      // The same reason, structured, so central's page can word it in its language.
      cause: {
        code: 'not_healthy_in_time',
        backTo: '1.0.0',
        seconds: 60,
        detail: 'not ready (healthz 503 {"checks":{"broker":false}}), never reached central',
      },
    });
    expect(rules.running).toEqual(installed);
  });

  it('rolls back at once when the release exits before it is kept', () => {
    const { clock, rules } = switched();
    clock.advance(800);
    const actions = rules.exited('exit code 1: Error: cannot load module', clock.now());
    expect(runs(actions)).toEqual(['1.0.0']);
    expect(recorded(actions)[0]?.lastUpdate?.reason).toBe(
      'it exited before it was kept: exit code 1: Error: cannot load module',
    );
    expect(recorded(actions)[0]?.lastUpdate?.cause).toEqual({
      code: 'exited_before_kept',
      backTo: '1.0.0',
      seconds: null,
      detail: 'exit code 1: Error: cannot load module',
    });
  });

  it('rolls back when a ready release stops being healthy within the settle time', () => {
    const { clock, rules } = switched();
    rules.probed(true, 'healthz 200', clock.now());
    rules.reachedCentral('1.1.0', clock.now());
    clock.advance(3_000);
    // One slow answer on a busy box is forgiven; three in a row are not.
    expect(rules.probed(false, 'healthz unreachable', clock.now())).toEqual([]);
    clock.advance(500);
    expect(rules.probed(false, 'healthz unreachable', clock.now())).toEqual([]);
    clock.advance(500);
    const actions = rules.probed(false, 'healthz unreachable', clock.now());
    expect(runs(actions)).toEqual(['1.0.0']);
    expect(recorded(actions)[0]?.lastUpdate?.reason).toBe(
      'it stopped being healthy 4 s after it was: healthz unreachable',
    );
    expect(recorded(actions)[0]?.lastUpdate?.cause).toMatchObject({
      code: 'stopped_being_healthy',
      seconds: 4,
    });
  });

  it('does not count a report of another version, and ignores a second switch while trying', () => {
    const { clock, rules } = switched();
    rules.probed(true, 'healthz 200', clock.now());
    rules.reachedCentral('1.0.0', clock.now());
    expect(rules.switchTo({ version: '1.2.0', bundle: '/x' }, 8)).toEqual([]);
    clock.advance(60_000);
    expect(recorded(rules.tick(clock.now()))[0]?.lastUpdate?.reason).toContain('never reached central');
  });

  it('restarts a kept release that dies, backing off, without calling it an update failure', () => {
    const clock = new FakeClock();
    const rules = new SupervisorRules(settings, { ...EMPTY_UPDATE_STATE, current: next }, installed);
    expect(runs(rules.start())).toEqual(['1.1.0']);
    const delays = [1, 2, 3, 4, 5, 6, 7].map(() => rules.exited('signal SIGKILL', clock.now()));
    expect(delays.map((a) => (a[0]?.kind === 'run-later' ? a[0].delayMs : -1))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
    expect(delays.flatMap(recorded)).toEqual([]);
  });
});
