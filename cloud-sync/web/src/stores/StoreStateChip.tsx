import { useTranslation } from 'react-i18next';
import { localized } from '../../../../shared/browser/locale';
import {
  alertsRegion,
  STORE_STATE_NAMES,
  type StoreLifecycle,
} from '../../../../shared/central/store-lifecycle';
import { formatDateTime } from '../format/time';
import './store-state.css';

/** The store's lifecycle state as a chip, with since when; nothing for a central that sends none. */
export function StoreStateChip({ lifecycle }: { lifecycle: StoreLifecycle | undefined }) {
  const { t, i18n } = useTranslation();
  if (!lifecycle) return null;
  const name = localized(STORE_STATE_NAMES[lifecycle.state], i18n.language);
  const since = t('lifecycle.chipTitle', {
    state: name,
    date: formatDateTime(lifecycle.since, i18n.language),
  });
  const title = alertsRegion(lifecycle) ? since : `${since} · ${t('lifecycle.quiet')}`;
  return (
    <span className={`state-chip state-${lifecycle.state}`} data-state={lifecycle.state} title={title}>
      {name}
    </span>
  );
}
