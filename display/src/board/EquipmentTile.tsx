import { useTranslation } from 'react-i18next';
import type { AlarmView } from '../../../shared/api/alarms';
import type { EquipmentView, ReadingPoint } from '../../../shared/api/equipment';
import { localized } from '../../../shared/browser/locale';
import { isUnacknowledged } from '../alarms/alarm-urgency';
import { formatAge, formatTime } from '../app/format';
import { readingValue } from '../app/reading-text';
import { Sparkline } from './Sparkline';
import { STATE_ICON } from './state-style';

interface EquipmentTileProps {
  equipment: EquipmentView;
  /** the most urgent alarm still active on this equipment, acknowledged or not */
  alarm: AlarmView | undefined;
  sparkline: readonly ReadingPoint[];
  now: number;
  timezone: string;
  onOpen?: (equipmentId: string) => void;
}

const HOUR_MS = 3_600_000;

export function EquipmentTile({ equipment, alarm, sparkline, now, timezone, onOpen }: EquipmentTileProps) {
  const { t, i18n } = useTranslation();
  const name = localized(equipment.name, i18n.language);
  const key = equipment.keyMetric;
  const reading = key ? equipment.readings[key] : undefined;
  const unit = key ? equipment.units[key] : undefined;
  const seen =
    equipment.lastSeen === null
      ? ''
      : t('board.lastSeen', { time: formatTime(equipment.lastSeen, timezone, i18n.language, true) });
  const live = reading && typeof reading.value === 'number' ? [...sparkline, reading] : sparkline;
  return (
    <button
      type="button"
      className={`tile state-${equipment.state}`}
      data-equipment-id={equipment.id}
      data-state={equipment.state}
      aria-label={t('board.openDetail', { name })}
      onClick={() => onOpen?.(equipment.id)}
    >
      <span className="tile-name">{name}</span>
      <span className="tile-reading">
        <span className="tile-value">{key ? readingValue(key, reading, t) : t('board.noReading')}</span>
        {unit && reading && typeof reading.value === 'number' ? (
          <span className="tile-unit">{unit}</span>
        ) : null}
      </span>
      <span className="tile-state">
        <span className="state-icon" aria-hidden="true">
          {STATE_ICON[equipment.state]}
        </span>
        <span className="state-text">{t(`state.${equipment.state}`)}</span>
      </span>
      {alarm ? (
        // The fault by name and how long it has lasted, acknowledged or not: the tile still
        // says what is wrong once the banner is gone.
        <span
          className={`tile-fault severity-${alarm.severity}`}
          data-alarm-id={alarm.id}
          data-acked={!isUnacknowledged(alarm)}
        >
          <span className="tile-fault-title">{localized(alarm.title, i18n.language)}</span>
          <span className="tile-fault-age">
            {formatAge(now - alarm.conditionSince, t)}
            {isUnacknowledged(alarm) ? '' : ` · ${t('board.acknowledged')}`}
          </span>
        </span>
      ) : (
        <Sparkline points={live} from={now - HOUR_MS} to={now} />
      )}
      {equipment.lastSeen === null ? (
        <span className="tile-seen">{t('board.neverSeen')}</span>
      ) : (
        // Only the time fits beside the state; screen readers and tooltips get the whole phrase.
        <span className="tile-seen" title={seen}>
          <span className="visually-hidden">{seen}</span>
          <span aria-hidden="true">{formatTime(equipment.lastSeen, timezone, i18n.language, true)}</span>
        </span>
      )}
    </button>
  );
}
