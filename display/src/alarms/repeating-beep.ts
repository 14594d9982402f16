import { useEffect } from 'react';
import { type AlarmSound, type AlertLevel, PATTERNS } from './alarm-sound';

/**
 * Plays `level`'s pattern at once and then on its own rhythm while it is set; undefined
 * is silence. Where audio is blocked the pattern is skipped, and the first run after a
 * touch unlocked it is heard.
 */
export function useRepeatingBeep(sound: AlarmSound, level: AlertLevel | undefined): void {
  useEffect(() => {
    if (!level) return;
    sound.play(level);
    const timer = setInterval(() => sound.play(level), PATTERNS[level].everyMs);
    return () => clearInterval(timer);
  }, [sound, level]);
}
