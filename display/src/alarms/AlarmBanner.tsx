import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlarmView } from '../../../shared/api/alarms';
import type { EquipmentView } from '../../../shared/api/equipment';
import { localized } from '../../../shared/browser/locale';
import { formatDateTime, formatTime } from '../app/format';
import { unacknowledgedCritical } from './alarm-urgency';

interface AlarmBannerProps {
  alarms: readonly AlarmView[];
  equipment: readonly EquipmentView[];
  timezone: string;
  now: number;
  onAcknowledge: (alarm: AlarmView) => void;
  onOpenEquipment?: (equipmentId: string) => void;
}

/** A condition older than this shows its date too: "since 14:05" would read as today. */
const SAME_DAY_MS = 20 * 3_600_000;

/**
 * Takes over the top of every screen until each critical alarm is acknowledged, the
 * most urgent first. The others are a tap away ("1 of 3"), so each can be read before
 * anyone acknowledges the first; the page a person turned to stays put while alarms
 * come and go, and falls back to the most urgent when its alarm is gone.
 */
export function AlarmBanner({
  alarms,
  equipment,
  timezone,
  now,
  onAcknowledge,
  onOpenEquipment,
}: AlarmBannerProps) {
  const { t, i18n } = useTranslation();
  const [chosenId, setChosenId] = useState<number | undefined>();
  const critical = unacknowledgedCritical(alarms);
  const index = Math.max(
    0,
    critical.findIndex((a) => a.id === chosenId),
  );
  const shown = critical[index];
  if (!shown) return null;
  const machine = equipment.find((e) => e.id === shown.equipmentId);
  const machineName = machine ? localized(machine.name, i18n.language) : shown.equipmentId;
  const since = shown.conditionSince;
  const sinceText =
    now - since > SAME_DAY_MS
      ? formatDateTime(since, timezone, i18n.language)
      : formatTime(since, timezone, i18n.language);
  const turn = (step: number) => {
    const next = critical[(index + step + critical.length) % critical.length];
    setChosenId(next?.id);
  };
  return (
    <div
      className="alarm-banner"
      role="alert"
      data-alarm-id={shown.id}
      data-alarm-order={critical.map((a) => a.id).join(',')}
    >
      <button type="button" className="alarm-text" onClick={() => onOpenEquipment?.(shown.equipmentId)}>
        <span className="alarm-title">
          <span aria-hidden="true">✖ </span>
          {t('alarm.banner', { equipment: machineName, title: localized(shown.title, i18n.language) })}
        </span>
        <span className="alarm-since">
          {t('alarm.since', { time: sinceText })}
          {shown.worsening ? ` · ${t('alarm.worsening')}` : ''}
        </span>
        {shown.hint ? (
          <span className="alarm-hint">
            {t('alarm.whatToDo', { hint: localized(shown.hint, i18n.language) })}
          </span>
        ) : null}
      </button>
      {critical.length > 1 ? (
        <div className="alarm-pager">
          <button
            type="button"
            className="alarm-page"
            aria-label={t('alarm.previous')}
            onClick={() => turn(-1)}
          >
            ‹
          </button>
          <span className="alarm-position" data-testid="alarm-position">
            {t('alarm.position', { index: index + 1, count: critical.length })}
          </span>
          <button type="button" className="alarm-page" aria-label={t('alarm.next')} onClick={() => turn(1)}>
            ›
          </button>
        </div>
      ) : null}
      <button type="button" className="alarm-ack" onClick={() => onAcknowledge(shown)}>
        {t('alarm.acknowledge')}
      </button>
    </div>
  );
}
