import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../../../shared/browser/locale';
import type { CentralEquipment } from '../../../../shared/central/api';
import type { PollOptions } from '../app/use-poll';
import { formatAgo } from '../format/time';
import { equipmentTypeName, formatReading, metricName } from '../names/names';
import { ReadingsChart } from './ReadingsChart';

interface EquipmentListProps {
  storeId: string;
  equipment: readonly CentralEquipment[];
  poll: PollOptions;
  now: number;
}

/** A store's equipment by name, each with its newest synced readings and, on request, its chart. */
export function EquipmentList({ storeId, equipment, poll, now }: EquipmentListProps) {
  const { t, i18n } = useTranslation();
  const [charted, setCharted] = useState<string | undefined>();
  return (
    <ul className="equipment-list">
      {equipment.map((e) => {
        const name = e.localName ? localized(e.localName, i18n.language) : (e.name ?? e.equipmentId);
        const typeName = equipmentTypeName(e, i18n.language, t);
        const open = charted === e.equipmentId;
        return (
          <li key={e.equipmentId} data-equipment-id={e.equipmentId}>
            <div className="equipment-line">
              <span
                className={`status-pill ${e.online === null ? 'unknown' : e.online ? 'online' : 'offline'}`}
              >
                {t(e.online === null ? 'detail.unknown' : e.online ? 'detail.online' : 'detail.offline')}
              </span>{' '}
              <span className="equipment-name">{name}</span>
              {typeName ? <span className="muted small"> {typeName}</span> : null}
              {e.activeAlarms > 0 ? <span className="tag critical">{e.activeAlarms}</span> : null}
              <span className="spacer" />
              <button
                type="button"
                className="secondary small"
                aria-expanded={open}
                onClick={() => setCharted(open ? undefined : e.equipmentId)}
              >
                {t(open ? 'readings.hide' : 'readings.show')}
              </button>
            </div>
            {e.latest ? (
              <div className="latest-readings" data-minute={e.latest.minuteTs}>
                {Object.entries(e.latest.metrics)
                  .sort(([a], [b]) => a.localeCompare(b))
                  .map(([metric, m]) => (
                    <span key={metric} className="reading" data-metric={metric}>
                      {metricName(metric, t)} <strong>{formatReading(metric, m.avg, i18n.language)}</strong>
                    </span>
                  ))}
                {/* The minute ends a minute after it starts: that is when the reading was last true. */}
                <span className="muted small">{formatAgo(now - (e.latest.minuteTs + 60_000), t)}</span>
              </div>
            ) : (
              <div className="latest-readings muted small">{t('readings.none')}</div>
            )}
            {open ? (
              <ReadingsChart storeId={storeId} equipmentId={e.equipmentId} title={name} poll={poll} />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
