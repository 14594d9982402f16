import { useEffect, useState } from 'react';
import type { AlarmView } from '../../../shared/api/alarms';
import { useAlarmMute } from './alarm-mute';
import { AlarmSound } from './alarm-sound';
import { useRepeatingBeep } from './repeating-beep';

/**
 * What the display sounds for `alarms`: the one audio output, its mute, and the beep
 * that follows both. Any touch on the display is the gesture a browser waits for
 * before it plays sound, so the first tap anywhere turns blocked sound on.
 */
export function useAlarmAlerts(alarms: readonly AlarmView[], now: number, given?: AlarmSound) {
  const [sound] = useState(() => given ?? new AlarmSound());
  const mute = useAlarmMute(alarms, now);
  useRepeatingBeep(sound, mute.level);
  useEffect(() => {
    const unlock = () => sound.unlock();
    window.addEventListener('pointerdown', unlock);
    return () => window.removeEventListener('pointerdown', unlock);
  }, [sound]);
  return { sound, mute };
}
