import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KdsStationView } from '../../../shared/api/kds';
import { localized } from '../../../shared/browser/locale';

interface StationPickerProps {
  stations: readonly KdsStationView[];
  chosen: readonly string[];
  onDone: (stations: string[]) => void;
  onCancel?: () => void;
}

/** Which stations this screen shows: one prep station, expo, or several (each card then says whose). */
export function StationPicker({ stations, chosen, onDone, onCancel }: StationPickerProps) {
  const { t, i18n } = useTranslation();
  const [picked, setPicked] = useState<string[]>(() =>
    chosen.filter((id) => stations.some((s) => s.id === id)),
  );
  const toggle = (id: string) =>
    setPicked((p) =>
      p.includes(id)
        ? p.filter((x) => x !== id)
        : stations.map((s) => s.id).filter((x) => x === id || p.includes(x)),
    );
  return (
    <section className="kds-picker" data-testid="kds-station-picker" aria-labelledby="kds-picker-title">
      <h2 id="kds-picker-title">{t('kds.pickTitle')}</h2>
      <p className="dialog-sub">{t('kds.pickHint')}</p>
      {stations.length === 0 ? <p className="empty">{t('kds.noStations')}</p> : null}
      <div className="kds-picker-choices">
        {stations.map((s) => (
          <button
            key={s.id}
            type="button"
            className={`choice kds-picker-choice ${picked.includes(s.id) ? 'selected' : ''}`}
            aria-pressed={picked.includes(s.id)}
            data-testid={`kds-station-${s.id}`}
            onClick={() => toggle(s.id)}
          >
            <span className="kds-picker-check" aria-hidden="true">
              {picked.includes(s.id) ? '☑' : '☐'}
            </span>
            <span className="kds-picker-name">{localized(s.name, i18n.language)}</span>
            <span className="kds-picker-kind">{t(`kds.kind.${s.kind}`)}</span>
          </button>
        ))}
      </div>
      <div className="dialog-actions">
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('app.close')}
          </button>
        ) : null}
        <button
          type="button"
          className="primary"
          disabled={picked.length === 0}
          data-testid="kds-station-done"
          onClick={() => onDone(picked)}
        >
          {t('kds.show')}
        </button>
      </div>
    </section>
  );
}
