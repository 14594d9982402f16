import type { Clock, TimerHandle } from './clock';

interface PendingTimer {
  id: number;
  due: number;
  fn: () => void;
  everyMs: number | null;
}

/**
 * A Clock that only moves when told to. `advance` fires every timer that falls due,
 * in due-time order (ties by creation order), with `now()` set to each timer's due
 * time while it runs, so hours of store time run in milliseconds, deterministically.
 */
export class FakeClock implements Clock {
  #now: number;
  #nextId = 1;
  readonly #timers = new Map<number, PendingTimer>();

  constructor(startMs = Date.UTC(2026, 0, 5, 8, 0, 0)) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.#add(fn, ms, null);
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle.id);
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    return this.#add(fn, ms, Math.max(1, ms));
  }

  clearInterval(handle: TimerHandle): void {
    this.#timers.delete(handle.id);
  }

  /** Timers still waiting to fire. */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  advance(ms: number): void {
    this.advanceTo(this.#now + ms);
  }

  advanceTo(target: number): void {
    if (target < this.#now) throw new Error(`FakeClock cannot go back from ${this.#now} to ${target}`);
    for (;;) {
      const next = this.#earliestDue(target);
      if (!next) break;
      this.#now = next.due;
      if (next.everyMs === null) this.#timers.delete(next.id);
      else next.due += next.everyMs;
      next.fn();
    }
    this.#now = target;
  }

  #add(fn: () => void, ms: number, everyMs: number | null): TimerHandle {
    const id = this.#nextId++;
    this.#timers.set(id, { id, due: this.#now + Math.max(0, ms), fn, everyMs });
    return { id };
  }

  #earliestDue(limit: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const timer of this.#timers.values()) {
      if (timer.due > limit) continue;
      if (!best || timer.due < best.due || (timer.due === best.due && timer.id < best.id)) best = timer;
    }
    return best;
  }
}
