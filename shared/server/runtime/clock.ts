import { faults } from './fault-containment';

/**
 * Time source injected everywhere durations matter (rules, schedules, back-off,
 * retention), so tests can run hours of store time in milliseconds.
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  setInterval(fn: () => void, ms: number): TimerHandle;
  clearInterval(handle: TimerHandle): void;
}

export interface TimerHandle {
  readonly id: number;
}

export const systemClock: Clock = (() => {
  const timers = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  const keep = (t: NodeJS.Timeout): TimerHandle => {
    const id = nextId++;
    timers.set(id, t);
    return { id };
  };
  return {
    now: () => Date.now(),
    setTimeout: (fn, ms) => {
      const guarded = faults.guard('timer', 'timeout', fn);
      const handle = keep(
        setTimeout(() => {
          timers.delete(handle.id);
          guarded();
        }, ms),
      );
      return handle;
    },
    clearTimeout: (h) => {
      clearTimeout(timers.get(h.id));
      timers.delete(h.id);
    },
    setInterval: (fn, ms) => keep(setInterval(faults.guard('timer', 'interval', fn), ms)),
    clearInterval: (h) => {
      clearInterval(timers.get(h.id));
      timers.delete(h.id);
    },
  };
})();
