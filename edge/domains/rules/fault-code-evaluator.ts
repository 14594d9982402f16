import type { RuleEvaluator, RuleSignal } from './evaluator';

/** A device that floods distinct codes must not grow memory without bound. */
const MAX_ACTIVE_CODES = 64;

/**
 * One alarm per active fault code. A code clears when the maker's all-clear code
 * arrives or when the equipment stops repeating it for `clearAfterMs`.
 */
export class FaultCodeEvaluator implements RuleEvaluator {
  readonly #lastSeen = new Map<string, number>();

  constructor(
    readonly clearAfterMs: number,
    readonly clearCodes: readonly string[],
  ) {}

  get active(): boolean {
    return this.#lastSeen.size > 0;
  }

  activeCodes(): string[] {
    return [...this.#lastSeen.keys()];
  }

  restoreActive(subKey?: string, at = 0): void {
    if (subKey) this.#lastSeen.set(subKey, at);
  }

  onReading(): RuleSignal | null {
    return null;
  }

  onEvent(code: string, ts: number, suppressed: boolean, message?: string): RuleSignal[] {
    if (this.clearCodes.includes(code)) {
      const cleared = [...this.#lastSeen.keys()].map(
        (subKey): RuleSignal => ({ type: 'clear', at: ts, value: code, subKey, cause: 'clear_code' }),
      );
      this.#lastSeen.clear();
      return cleared;
    }
    if (this.#lastSeen.has(code)) {
      this.#lastSeen.set(code, ts);
      return [];
    }
    if (suppressed || this.#lastSeen.size >= MAX_ACTIVE_CODES) return [];
    this.#lastSeen.set(code, ts);
    return [{ type: 'raise', at: ts, value: code, subKey: code, message }];
  }

  onTimer(now: number): RuleSignal[] {
    const cleared: RuleSignal[] = [];
    for (const [code, seen] of this.#lastSeen) {
      if (now - seen < this.clearAfterMs) continue;
      this.#lastSeen.delete(code);
      cleared.push({ type: 'clear', at: now, value: code, subKey: code, cause: 'quiet' });
    }
    return cleared;
  }

  nextCheckAt(): number | null {
    let earliest: number | null = null;
    for (const seen of this.#lastSeen.values()) {
      const due = seen + this.clearAfterMs;
      if (earliest === null || due < earliest) earliest = due;
    }
    return earliest;
  }
}
