import { useTranslation } from 'react-i18next';
import type { AlarmView } from '../../../shared/api/alarms';
import { localized } from '../../../shared/browser/locale';
import { formatTime } from '../app/format';

interface AckConfirmDialogProps {
  alarm: AlarmView;
  equipmentName: string;
  timezone: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * The step between a tap on "Acknowledge" and the acknowledgement, asked even when a
 * PIN session is open: a banner under a wet sleeve must not be silenced by accident,
 * and the person confirms which machine and which fault they take on.
 */
export function AckConfirmDialog({
  alarm,
  equipmentName,
  timezone,
  onConfirm,
  onCancel,
}: AckConfirmDialogProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={t('alarm.confirmTitle')}>
      <div className={`dialog ack-confirm severity-${alarm.severity}`} data-alarm-id={alarm.id}>
        <h2>{t('alarm.confirmTitle')}</h2>
        <p className="ack-what">
          <span className="ack-severity">{t(`alarm.severity.${alarm.severity}`)}</span>
          <span className="ack-equipment">{equipmentName}</span>
          <span className="ack-fault">{localized(alarm.title, i18n.language)}</span>
          <span className="ack-since">
            {t('alarm.since', { time: formatTime(alarm.conditionSince, timezone, i18n.language) })}
          </span>
        </p>
        <p className="dialog-sub">{t('alarm.confirmMeaning')}</p>
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onCancel}>
            {t('alarm.cancel')}
          </button>
          <button type="button" className="primary ack-yes" onClick={onConfirm}>
            {t('alarm.confirmYes')}
          </button>
        </div>
      </div>
    </div>
  );
}
