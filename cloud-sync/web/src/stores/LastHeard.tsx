import { useTranslation } from 'react-i18next';
import { formatAgo, isStale } from '../format/time';

/** "last heard 3 h ago", in warning colour once the store has been silent too long. */
export function LastHeard({ silentForMs }: { silentForMs: number | null }) {
  const { t } = useTranslation();
  const stale = isStale(silentForMs);
  return (
    <span
      className={`last-heard ${stale ? 'stale' : 'fresh'}`}
      data-stale={stale}
      title={stale ? t('stores.staleHint') : undefined}
    >
      {stale ? <span aria-hidden="true">⚠ </span> : null}
      {silentForMs === null ? t('stores.neverHeard') : formatAgo(silentForMs, t)}
    </span>
  );
}
