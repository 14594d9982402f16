import { useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../../../shared/browser/locale';
import { centralPath } from '../../../../shared/central/api';
import {
  STORE_LIFECYCLE_ROUTES,
  STORE_STATE_NAMES,
  type StoreLifecycle,
  type StoreLifecycleState,
  type StoreStateChange,
  StoreStateHistory,
} from '../../../../shared/central/store-lifecycle';
import { ActorContext, mayManage } from '../actions/action-context';
import { type PollOptions, usePoll } from '../app/use-poll';
import { formatDateTime } from '../format/time';
import { StoreStateChip } from './StoreStateChip';
import { StoreStateControl } from './StoreStateControl';

interface StoreStatePanelProps {
  storeId: string;
  lifecycle: StoreLifecycle | undefined;
  poll: PollOptions;
}

/** The store's lifecycle on its detail page: state, its moves, and for managers the control to move it. */
export function StoreStatePanel({ storeId, lifecycle, poll }: StoreStatePanelProps) {
  const { t, i18n } = useTranslation();
  const actor = useContext(ActorContext);
  const history = usePoll(
    centralPath(STORE_LIFECYCLE_ROUTES.stateHistory, { storeId }),
    StoreStateHistory,
    poll,
  );
  // Moves made here show at once; the next poll brings the same rows from central.
  const [made, setMade] = useState<StoreStateChange[]>([]);
  const polled = history.data?.changes ?? [];
  const changes = [...polled, ...made.filter((m) => !polled.some((p) => p.id === m.id))];
  const newest = changes.at(-1);
  const current: StoreLifecycle | undefined =
    newest && (!lifecycle || newest.at >= lifecycle.since)
      ? { state: newest.to, since: newest.at }
      : lifecycle;
  const name = (s: StoreLifecycleState) => localized(STORE_STATE_NAMES[s], i18n.language);
  if (!current) return null;
  return (
    <section className="state-panel" data-lifecycle={current.state}>
      <h3>
        {t('lifecycle.title')} <StoreStateChip lifecycle={current} />
      </h3>
      {actor && mayManage(actor) ? (
        <StoreStateControl
          storeId={storeId}
          state={current.state}
          actor={actor}
          onChanged={(change) => setMade((prev) => [...prev, change])}
        />
      ) : null}
      <h4>{t('lifecycle.history')}</h4>
      {changes.length === 0 ? <p className="muted small">{t('lifecycle.historyEmpty')}</p> : null}
      <ol className="state-history" hidden={changes.length === 0}>
        {[...changes].reverse().map((c) => (
          <li key={c.id} data-change-id={c.id}>
            <span className="muted">{formatDateTime(c.at, i18n.language)}</span>{' '}
            <strong>
              {c.from ? name(c.from) : '—'} → {name(c.to)}
            </strong>{' '}
            <span className="muted">{t('lifecycle.by', { by: c.by })}</span>
            {c.override ? <span className="tone-warning"> · {t('lifecycle.overridden')}</span> : null}
            {c.reason ? <span> · {c.reason}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
