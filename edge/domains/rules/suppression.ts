import type { ScheduledWindow, Suppression } from '../../../shared/config/rules';
import type { ReadingValue } from '../../../shared/device-messages';
import { type LocalTimeOfDay, parseClockTime, previousWeekday, type Weekday } from './local-time';

interface FlagState {
  on: boolean;
  /** When it last turned off (on), or null while on (off); −∞ when first seen that way. */
  offAt: number | null;
  onAt: number | null;
}

/**
 * Context that makes a rule quiet for one piece of equipment: boolean metrics such
 * as door_open or defrost_on (plus a recovery time after they turn off), and daily
 * windows such as scheduled defrost or cleaning. Quiet means "do not raise";
 * an alarm already active still clears only by its own rule.
 */
export class EquipmentContext {
  readonly #flags = new Map<string, FlagState>();
  technicianOnSiteUntil: number | null = null;

  constructor(readonly localTime: LocalTimeOfDay) {}

  observe(ts: number, readings: Record<string, ReadingValue>): void {
    for (const metric in readings) {
      const value = readings[metric];
      if (typeof value !== 'boolean' && value !== 0 && value !== 1) continue;
      const on = value === true || value === 1;
      const state = this.#flags.get(metric);
      const never = Number.NEGATIVE_INFINITY;
      if (!state) this.#flags.set(metric, { on, offAt: on ? null : never, onAt: on ? never : null });
      else if (state.on && !on) this.#flags.set(metric, { on: false, offAt: ts, onAt: null });
      else if (!state.on && on) this.#flags.set(metric, { on: true, offAt: null, onAt: ts });
    }
  }

  technicianOnSite(now: number): boolean {
    return this.technicianOnSiteUntil !== null && now < this.technicianOnSiteUntil;
  }

  isSuppressed(suppression: Suppression | undefined, now: number): boolean {
    if (this.technicianOnSite(now)) return true;
    if (!suppression) return false;
    for (const s of suppression.while) {
      const state = this.#flags.get(s.metric);
      if (!state) continue;
      const quietWhileOn = s.value !== false;
      const left = quietWhileOn ? state.offAt : state.onAt;
      if (state.on === quietWhileOn || (left !== null && now - left < s.recoveryS * 1000)) return true;
    }
    // Asked per reading: plain loops, no closures per call.
    for (const w of suppression.windows) if (this.#inWindow(w, now)) return true;
    return false;
  }

  #inWindow(window: ScheduledWindow, now: number): boolean {
    const { weekday, minuteOfDay } = this.localTime.at(now);
    const { start, end } = windowMinutes(window);
    if (start <= end) return dayOk(window, weekday) && minuteOfDay >= start && minuteOfDay < end;
    // Past midnight: the part after midnight belongs to the window that started the day before.
    if (minuteOfDay >= start) return dayOk(window, weekday);
    return minuteOfDay < end && dayOk(window, previousWeekday(weekday));
  }
}

/** Windows come from the config and are asked about on every reading: parse each once. */
const parsedWindows = new WeakMap<ScheduledWindow, { start: number; end: number }>();

function windowMinutes(window: ScheduledWindow): { start: number; end: number } {
  let parsed = parsedWindows.get(window);
  if (!parsed) {
    parsed = { start: parseClockTime(window.start), end: parseClockTime(window.end) };
    parsedWindows.set(window, parsed);
  }
  return parsed;
}

function dayOk(window: ScheduledWindow, day: Weekday): boolean {
  return !window.days || window.days.includes(day);
}
