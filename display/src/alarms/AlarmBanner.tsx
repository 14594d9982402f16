import { useTranslation } from 'react-i18next';
import type { AlarmView } from '../../../shared/api/alarms';
import type { EquipmentView } from '../../../shared/api/equipment';
import { localized } from '../../../shared/browser/locale';
import { formatTime } from '../app/format';
import { useRepeatingBeep } from './repeating-beep';

interface AlarmBannerProps {
  alarms: readonly AlarmView[];
  equipment: readonly EquipmentView[];
  timezone: string;
  onAcknowledge: (alarm: AlarmView) => void;
  onOpenEquipment?: (equipmentId: string) => void;
}

/** Critical alarms nobody has acknowledged yet, oldest first: the one to deal with first. */
export function unacknowledgedCritical(alarms: readonly AlarmView[]): AlarmView[] {
  return alarms
    .filter((a) => a.severity === 'critical' && a.state.endsWith('_unacked'))
    .sort((a, b) => a.raisedAt - b.raisedAt);
}

/** Takes over the top of every screen and beeps until each critical alarm is acknowledged. */
export function AlarmBanner({
  alarms,
  equipment,
  timezone,
  onAcknowledge,
  onOpenEquipment,
}: AlarmBannerProps) {
  const { t, i18n } = useTranslation();
  const critical = unacknowledgedCritical(alarms);
  useRepeatingBeep(critical.length > 0);
  const first = critical[0];
  if (!first) return null;
  const machine = equipment.find((e) => e.id === first.equipmentId);
  const machineName = machine ? localized(machine.name, i18n.language) : first.equipmentId;
  return (
    <div className="alarm-banner" role="alert" data-alarm-id={first.id}>
      <button type="button" className="alarm-text" onClick={() => onOpenEquipment?.(first.equipmentId)}>
        <span className="alarm-title">
          <span aria-hidden="true">✖ </span>
          {t('alarm.banner', { equipment: machineName, title: localized(first.title, i18n.language) })}
        </span>
        <span className="alarm-since">
          {t('alarm.raisedAt', { time: formatTime(first.raisedAt, timezone, i18n.language) })}
          {critical.length > 1 ? ` · ${t('alarm.more', { count: critical.length - 1 })}` : ''}
        </span>
        {first.hint ? (
          <span className="alarm-hint">
            {t('alarm.whatToDo', { hint: localized(first.hint, i18n.language) })}
          </span>
        ) : null}
      </button>
      <button type="button" className="alarm-ack" onClick={() => onAcknowledge(first)}>
        {t('alarm.acknowledge')}
      </button>
    </div>
  );
}
