import type { Clock, TimerHandle } from '../../runtime/clock';

interface Timer {
  id: number;
  due: number;
  fn: () => void;
  every?: number;
}

/** A clock that moves only when told to; timers fire in due order during `advance`. */
export class ManualClock implements Clock {
  #now: number;
  #nextId = 1;
  readonly #timers = new Map<number, Timer>();

  constructor(start = Date.UTC(2026, 0, 15, 12, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.#add({ id: this.#nextId++, due: this.#now + Math.max(0, ms), fn });
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle.id);
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    const every = Math.max(1, ms);
    return this.#add({ id: this.#nextId++, due: this.#now + every, fn, every });
  }

  clearInterval(handle: TimerHandle): void {
    this.#timers.delete(handle.id);
  }

  /** Moves time forward, running every timer that falls due on the way. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      const next = [...this.#timers.values()]
        .filter((t) => t.due <= target)
        .sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next) break;
      this.#now = next.due;
      if (next.every) next.due += next.every;
      else this.#timers.delete(next.id);
      next.fn();
    }
    this.#now = target;
  }

  set(now: number): void {
    this.#now = now;
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  #add(timer: Timer): TimerHandle {
    this.#timers.set(timer.id, timer);
    return { id: timer.id };
  }
}
