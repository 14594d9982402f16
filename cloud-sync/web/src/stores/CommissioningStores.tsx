import { useTranslation } from 'react-i18next';
import {
  COMMISSIONING_PROGRESS_ROUTES,
  StoresCommissioning,
} from '../../../../shared/central/commissioning-progress';
import { type PollOptions, usePoll } from '../app/use-poll';
import { CommissioningProgressView } from './CommissioningProgressView';
import './commissioning.css';

interface CommissioningStoresProps {
  poll: PollOptions;
  /** the store's name as the list knows it */
  nameOf: (storeId: string) => string;
  onOpen: (storeId: string) => void;
}

/** Above the stores list: each store being commissioned with its checklist headline and handover. */
export function CommissioningStores({ poll, nameOf, onOpen }: CommissioningStoresProps) {
  const { t } = useTranslation();
  const { data } = usePoll(COMMISSIONING_PROGRESS_ROUTES.stores, StoresCommissioning, poll);
  if (!data || data.length === 0) return null;
  return (
    <section className="commissioning-stores" aria-label={t('commissioning.listTitle')}>
      <h3>{t('commissioning.listTitle')}</h3>
      <ul>
        {data.map((store) => (
          <li key={store.storeId} data-store-id={store.storeId}>
            <button type="button" className="link store-link" onClick={() => onOpen(store.storeId)}>
              {nameOf(store.storeId)}
            </button>
            <span className="muted small"> {store.storeId}</span>
            <CommissioningProgressView commissioning={store} detailed={false} />
          </li>
        ))}
      </ul>
    </section>
  );
}
