/**
 * Minimum (or maximum) of the values seen in the last `windowMs`, as a monotonic
 * deque: each value is pushed and popped at most once, so work per reading is
 * amortised constant and memory is bounded by the readings inside the window.
 */
export class SlidingExtreme {
  readonly #ts: number[] = [];
  readonly #values: number[] = [];
  #head = 0;

  constructor(
    readonly windowMs: number,
    readonly kind: 'min' | 'max',
    readonly maxEntries = 10_000,
  ) {}

  push(ts: number, value: number): void {
    const min = this.kind === 'min';
    while (this.#values.length > this.#head) {
      const last = this.#values[this.#values.length - 1]!;
      // Per reading on the hot path: compared inline, no closure per call.
      if (min ? last < value : last > value) break;
      this.#values.pop();
      this.#ts.pop();
    }
    this.#ts.push(ts);
    this.#values.push(value);
    const oldest = ts - this.windowMs;
    while (this.#head < this.#ts.length && (this.#ts[this.#head]! < oldest || this.size > this.maxEntries)) {
      this.#head++;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#ts.length) {
      this.#ts.splice(0, this.#head);
      this.#values.splice(0, this.#head);
      this.#head = 0;
    }
  }

  get size(): number {
    return this.#ts.length - this.#head;
  }

  /** When the extreme over the window was seen, or undefined before the first value. */
  get extremeTs(): number | undefined {
    return this.size > 0 ? this.#ts[this.#head] : undefined;
  }

  /** The extreme over the window, or undefined before the first value. */
  get value(): number | undefined {
    return this.size > 0 ? this.#values[this.#head] : undefined;
  }
}
