import type { Clock, TimerHandle } from '../../shared/server/runtime/clock';

interface JumpTimer {
  id: number;
  due: number;
  fn: () => void;
  everyMs: number | null;
  real: NodeJS.Timeout | undefined;
}

/**
 * Real time that can be skipped ahead. Short waits (group commit, the broker's I/O)
 * run on real timers as usual, while `advance` jumps store time forward and fires
 * everything that fell due on the way in due order, with `now()` at each timer's due
 * time. An interval overdue by many periods fires once per jump, as after a suspend.
 */
export class JumpClock implements Clock {
  #offset = 0;
  #nextId = 1;
  readonly #timers = new Map<number, JumpTimer>();

  constructor(startMs = Date.UTC(2026, 0, 5, 2, 0, 0)) {
    this.#offset = startMs - Date.now();
  }

  now(): number {
    return Date.now() + this.#offset;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.#add(fn, ms, null);
  }

  clearTimeout(handle: TimerHandle): void {
    this.#remove(handle.id);
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    return this.#add(fn, ms, Math.max(1, ms));
  }

  clearInterval(handle: TimerHandle): void {
    this.#remove(handle.id);
  }

  advance(ms: number): void {
    const target = this.now() + ms;
    for (;;) {
      const next = this.#earliestDue(target);
      if (!next) break;
      this.#offset = Math.max(this.now(), next.due) - Date.now();
      this.#fire(next, target);
    }
    this.#offset = target - Date.now();
    for (const timer of this.#timers.values()) this.#arm(timer);
  }

  /** Ends every timer (after the edge stopped, nothing should be left; this is a safety net). */
  dispose(): void {
    for (const id of [...this.#timers.keys()]) this.#remove(id);
  }

  #add(fn: () => void, ms: number, everyMs: number | null): TimerHandle {
    const timer: JumpTimer = {
      id: this.#nextId++,
      due: this.now() + Math.max(0, ms),
      fn,
      everyMs,
      real: undefined,
    };
    this.#timers.set(timer.id, timer);
    this.#arm(timer);
    return { id: timer.id };
  }

  #arm(timer: JumpTimer): void {
    clearTimeout(timer.real);
    timer.real = setTimeout(() => this.#fire(timer, this.now()), Math.max(0, timer.due - this.now()));
  }

  #fire(timer: JumpTimer, horizon: number): void {
    if (this.#timers.get(timer.id) !== timer) return;
    clearTimeout(timer.real);
    if (timer.everyMs === null) this.#timers.delete(timer.id);
    else {
      timer.due += timer.everyMs;
      if (timer.due <= horizon) timer.due = horizon + timer.everyMs;
      this.#arm(timer);
    }
    timer.fn();
  }

  #remove(id: number): void {
    clearTimeout(this.#timers.get(id)?.real);
    this.#timers.delete(id);
  }

  #earliestDue(limit: number): JumpTimer | undefined {
    let best: JumpTimer | undefined;
    for (const timer of this.#timers.values()) {
      if (timer.due > limit) continue;
      if (!best || timer.due < best.due || (timer.due === best.due && timer.id < best.id)) best = timer;
    }
    return best;
  }
}
