import type { ScheduledWindow, Suppression, SuppressWhile } from '../../../shared/config/rules';
import type { ReadingValue } from '../../../shared/device-messages';
import { LocalTimeOfDay } from '../rules/local-time';
import { EquipmentContext } from '../rules/suppression';

const single = new WeakMap<SuppressWhile | ScheduledWindow, Suppression>();

function alone(part: SuppressWhile | ScheduledWindow, asWindow: boolean): Suppression {
  let found = single.get(part);
  if (!found) {
    found = asWindow
      ? { while: [], windows: [part as ScheduledWindow] }
      : { while: [part as SuppressWhile], windows: [] };
    single.set(part, found);
  }
  return found;
}

/**
 * Whether a piece of equipment is defrosting, has its door open (or is recovering from
 * either) or is in a scheduled window, decided by the alarm rules' own EquipmentContext
 * so a record is excused exactly when the alarm is quiet; asked one part at a time so
 * the record can say which.
 */
export class HoldingExcuses {
  readonly #context: EquipmentContext;

  constructor(timeZone: string) {
    this.#context = new EquipmentContext(new LocalTimeOfDay(timeZone));
  }

  observe(ts: number, readings: Record<string, ReadingValue>): void {
    this.#context.observe(ts, readings);
  }

  /** What excuses out-of-limit at `ts`: the flag's metric, `window:<name>`, or null. */
  reason(suppression: Suppression | undefined, ts: number): string | null {
    if (!suppression) return null;
    for (const s of suppression.while) if (this.#context.isSuppressed(alone(s, false), ts)) return s.metric;
    for (const w of suppression.windows)
      if (this.#context.isSuppressed(alone(w, true), ts)) return `window:${w.name}`;
    return null;
  }
}
