import { useTranslation } from 'react-i18next';
import type { StationReadiness } from '../../../shared/api/kds';
import type { KdsNames } from './kds-names';

/** On expo: how far each prep station is with the order ("Grill ✓", "Fry 2 left"). */
export function ReadinessChips({
  ticketId,
  readiness,
  names,
}: {
  ticketId: number;
  readiness: readonly StationReadiness[];
  names: KdsNames;
}) {
  const { t } = useTranslation();
  return (
    <ul className="kds-readiness" aria-label={t('kds.readiness')}>
      {readiness.map((r) => (
        <li
          key={r.station}
          className={`kds-chip ${r.ready ? 'kds-chip-ready' : 'kds-chip-open'}`}
          data-testid={`kds-readiness-${ticketId}-${r.station}`}
          data-ready={r.ready}
        >
          {r.ready
            ? t('kds.ready', { station: names.station(r.station) })
            : t('kds.left', { station: names.station(r.station), count: r.openLines })}
        </li>
      ))}
    </ul>
  );
}
