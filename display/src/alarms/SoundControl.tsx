import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../app/format';
import type { AlarmMute } from './alarm-mute';
import { MUTE_MINUTES } from './alarm-mute';
import type { AlarmSound, AlertLevel } from './alarm-sound';

interface SoundControlProps {
  sound: AlarmSound;
  /** what would sound now without a mute */
  alerting: AlertLevel | undefined;
  mute: AlarmMute | undefined;
  timezone: string;
  onMute: () => void;
  onUnmute: () => void;
}

/**
 * The display's sound in the header: a loud notice while the browser keeps it off, a
 * mute while something sounds, and while muted who muted it and until when.
 */
export function SoundControl({ sound, alerting, mute, timezone, onMute, onUnmute }: SoundControlProps) {
  const { t, i18n } = useTranslation();
  const blocked = useSyncExternalStore(sound.subscribe, sound.isBlocked);
  if (blocked) {
    return (
      <button
        type="button"
        className="sound-control sound-blocked"
        data-sound="blocked"
        onClick={() => sound.unlock()}
      >
        {t('sound.blocked')}
      </button>
    );
  }
  if (mute) {
    const by = mute.by ?? t('sound.byDisplay');
    const until = formatTime(mute.until, timezone, i18n.language);
    return (
      <button
        type="button"
        className="sound-control sound-muted"
        data-sound="muted"
        aria-label={t('sound.unmuteLabel', { by, time: until })}
        onClick={onUnmute}
      >
        {t('sound.mutedBy', { by, time: until })}
      </button>
    );
  }
  if (!alerting) return null;
  return (
    <button type="button" className="sound-control" data-sound="on" onClick={onMute}>
      {t('sound.mute', { minutes: MUTE_MINUTES })}
    </button>
  );
}
