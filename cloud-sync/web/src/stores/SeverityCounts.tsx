import { useTranslation } from 'react-i18next';
import type { SeverityCounts as Counts } from '../../../../shared/central/api';

const ORDER = ['critical', 'warning', 'info'] as const;

/** Active alarms by severity; zero counts fade so the eye lands on what is not zero. */
export function SeverityCounts({ counts }: { counts: Counts }) {
  const { t } = useTranslation();
  return (
    <span className="severity-counts">
      {ORDER.map((severity) => (
        <span
          key={severity}
          className={`count-badge ${counts[severity] > 0 ? severity : 'zero'}`}
          data-severity={severity}
          title={t(`severity.${severity}`)}
        >
          <span className="count-label">{t(`severity.${severity}`)}</span> {counts[severity]}
        </span>
      ))}
    </span>
  );
}
