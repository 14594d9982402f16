import { describe, expect, it } from 'vitest';
import {
  alertsRegion,
  moveProblem,
  STATE_ALLOWS,
  STORE_LIFECYCLE_STATES,
  STORE_STATE_NAMES,
  STORE_STATE_TRANSITIONS,
  type StoreLifecycleState,
} from './store-lifecycle';

describe('the store lifecycle table', () => {
  it('reaches every state from planned, and nothing leaves closed', () => {
    // Walk the table breadth-first from where every store starts.
    const reached = new Set<StoreLifecycleState>(['planned']);
    const queue: StoreLifecycleState[] = ['planned'];
    for (let from = queue.shift(); from !== undefined; from = queue.shift()) {
      for (const to of STORE_STATE_TRANSITIONS[from]) {
        if (reached.has(to)) continue;
        reached.add(to);
        queue.push(to);
      }
    }
    expect([...reached].sort()).toEqual([...STORE_LIFECYCLE_STATES].sort());
    expect(STORE_STATE_TRANSITIONS.closed).toEqual([]);
  });

  it('asks a reason for temporarily closed, closing and every override, not for opening', () => {
    expect(moveProblem({ from: 'open', to: 'temporarily_closed', reason: undefined, override: false })).toBe(
      'reason_required',
    );
    expect(moveProblem({ from: 'open', to: 'closing', reason: ' ', override: false })).toBe(
      'reason_required',
    );
    expect(
      moveProblem({ from: 'commissioning', to: 'open', reason: undefined, override: false }),
    ).toBeUndefined();
    expect(moveProblem({ from: 'closed', to: 'open', reason: undefined, override: true })).toBe(
      'reason_required',
    );
    expect(moveProblem({ from: 'closed', to: 'open', reason: 'reopened', override: true })).toBeUndefined();
    expect(moveProblem({ from: 'planned', to: 'open', reason: 'x', override: false })).toBe('not_allowed');
    expect(moveProblem({ from: 'open', to: 'open', reason: 'x', override: true })).toBe('same_state');
  });

  it('lets only an open store alert the region and only a closed one lose its token, and names each state in both languages', () => {
    expect(STORE_LIFECYCLE_STATES.filter((s) => STATE_ALLOWS[s].regionalAlerts)).toEqual(['open']);
    expect(STORE_LIFECYCLE_STATES.filter((s) => !STATE_ALLOWS[s].tokenAccepted)).toEqual(['closed']);
    expect(STORE_LIFECYCLE_STATES.filter((s) => !STATE_ALLOWS[s].sync)).toEqual(['closed']);
    expect(alertsRegion(undefined)).toBe(true);
    expect(alertsRegion({ state: 'commissioning', since: 0 })).toBe(false);
    for (const s of STORE_LIFECYCLE_STATES) {
      expect(STORE_STATE_NAMES[s].en).not.toBe('');
      expect(STORE_STATE_NAMES[s]['zh-CN']).toMatch(/\p{Script=Han}/u);
    }
    expect(STORE_STATE_NAMES.fitting_out['zh-CN']).toContain('筹建');
  });
});
