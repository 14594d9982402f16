import { useEffect, useState } from 'react';
import type { AlarmView } from '../../../shared/api/alarms';
import type { AlertLevel } from './alarm-sound';
import { isActive, isUnacknowledged } from './alarm-urgency';

export const MUTE_MINUTES = 5;

/** Who silenced the display: a person by name, or nobody signed in (the display itself). */
export interface AlarmMute {
  until: number;
  by: string | undefined;
  /** the alarms sounding when it was muted, still sounding ever since */
  keys: ReadonlySet<string>;
}

/**
 * An alarm as something that sounds: the same alarm raised again after a clear, or
 * worse than before, is a new alert and must be heard whatever was muted.
 */
export function alertKey(alarm: AlarmView): string {
  return `${alarm.id}:${alarm.raiseCount}:${alarm.worsening ? 'worse' : ''}`;
}

/** Alarms that make the display sound: unacknowledged criticals (cleared ones too) and active warnings. */
export function soundingAlarms(alarms: readonly AlarmView[]): AlarmView[] {
  return alarms.filter(
    (a) => isUnacknowledged(a) && (a.severity === 'critical' || (a.severity === 'warning' && isActive(a))),
  );
}

export function alertLevel(sounding: readonly AlarmView[]): AlertLevel | undefined {
  if (sounding.some((a) => a.severity === 'critical')) return 'critical';
  return sounding.length > 0 ? 'warning' : undefined;
}

/**
 * The display's sound with a mute for MUTE_MINUTES. A mute silences only what was
 * sounding when it was set: a new alarm, one raised again, one got worse, or one that
 * was acknowledged and came back unacknowledged, ends it at once.
 */
export function useAlarmMute(alarms: readonly AlarmView[], now: number) {
  const [mute, setMute] = useState<AlarmMute | undefined>();
  const sounding = soundingAlarms(alarms);
  const keys = sounding.map(alertKey).sort().join(' ');

  useEffect(() => {
    setMute((current) => {
      if (!current) return current;
      const present = new Set(keys ? keys.split(' ') : []);
      if ([...present].some((k) => !current.keys.has(k))) return undefined;
      const still = new Set([...current.keys].filter((k) => present.has(k)));
      return still.size === current.keys.size ? current : { ...current, keys: still };
    });
  }, [keys]);

  const active = mute !== undefined && now < mute.until ? mute : undefined;
  const level = alertLevel(sounding);
  return {
    /** what should sound now, mute taken into account */
    level: active ? undefined : level,
    /** what would sound without the mute */
    alerting: level,
    mute: active,
    muteFor(by: string | undefined, at: number) {
      setMute({ until: at + MUTE_MINUTES * 60_000, by, keys: new Set(keys ? keys.split(' ') : []) });
    },
    unmute() {
      setMute(undefined);
    },
  };
}
