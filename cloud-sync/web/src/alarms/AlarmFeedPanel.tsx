import { useTranslation } from 'react-i18next';
import { AlarmChangeType } from '../../../../shared/api/alarms';
import { localized } from '../../../../shared/browser/locale';
import type { AlarmFeedEntry } from '../../../../shared/central/api';
import { formatAgo, formatDateTime } from '../format/time';
import { equipmentName } from '../names/names';
import { collapseByAlarm, freshCriticalCount, isEscalation, isNewCritical } from './feed-merge';
import type { AlarmFeedHandle } from './use-alarm-feed';

interface AlarmFeedPanelProps {
  handle: AlarmFeedHandle;
  now: number;
  onOpenStore: (storeId: string) => void;
}

/** Every alarm change across the region as it reaches central, newest on top. */
export function AlarmFeedPanel({ handle, now, onOpenStore }: AlarmFeedPanelProps) {
  const { t } = useTranslation();
  const { feed, error } = handle;
  const freshCritical = freshCriticalCount(feed);
  return (
    <aside className="feed" aria-label={t('feed.title')}>
      <header className="feed-head">
        <h2>{t('feed.title')}</h2>
        <span className={`live-dot ${error ? 'down' : 'up'}`} title={error?.message}>
          {error ? t('feed.paused') : t('feed.live')}
        </span>
      </header>
      {freshCritical > 0 ? (
        <div className="fresh-banner" role="alert">
          <strong>{t('feed.newCritical', { count: freshCritical })}</strong>
          <button type="button" className="secondary small" onClick={handle.markSeen}>
            {t('feed.seen')}
          </button>
        </div>
      ) : null}
      {feed.cursor !== undefined && feed.entries.length === 0 ? (
        <p className="empty">{t('feed.none')}</p>
      ) : null}
      <ol className="feed-list">
        {collapseByAlarm(feed.entries).map(({ entry, changes }) => (
          <FeedRow
            key={entry.id}
            entry={entry}
            changes={changes}
            fresh={feed.fresh.has(entry.id)}
            now={now}
            onOpenStore={onOpenStore}
          />
        ))}
      </ol>
    </aside>
  );
}

function FeedRow({
  entry,
  changes,
  fresh,
  now,
  onOpenStore,
}: {
  entry: AlarmFeedEntry;
  changes: number;
  fresh: boolean;
  now: number;
  onOpenStore: (storeId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { alarm } = entry;
  const change = AlarmChangeType.safeParse(entry.change);
  const escalated = isEscalation(entry);
  const classes = [
    'feed-entry',
    `severity-${alarm.severity}`,
    `change-${change.success ? change.data : 'other'}`,
    fresh ? 'fresh' : '',
    fresh && isNewCritical(entry) ? 'fresh-critical' : '',
    escalated ? 'escalated' : '',
  ];
  return (
    <li
      className={classes.filter(Boolean).join(' ')}
      data-feed-id={entry.id}
      data-store-id={entry.storeId}
      data-change={entry.change}
      data-severity={alarm.severity}
    >
      <div className="feed-line">
        <span className={`severity-dot ${alarm.severity}`}>{t(`severity.${alarm.severity}`)}</span>
        <span className="feed-change">{t(`feed.change.${change.success ? change.data : 'other'}`)}</span>
        <time
          className="muted small"
          dateTime={new Date(entry.at).toISOString()}
          title={formatAgo(now - entry.at, t)}
        >
          {formatDateTime(entry.at, i18n.language)}
        </time>
      </div>
      <div className="feed-title">{localized(alarm.title, i18n.language)}</div>
      <div className="feed-where">
        <button type="button" className="link" onClick={() => onOpenStore(entry.storeId)}>
          {entry.storeName}
        </button>
        <span className="muted equipment-name" data-equipment-id={alarm.equipmentId}>
          {' '}
          · {equipmentName(entry.equipment, i18n.language)}
        </span>
        {changes > 1 ? <span className="tag">{t('feed.changes', { count: changes })}</span> : null}
        {alarm.raiseCount > 1 ? (
          <span className="tag warning">{t('feed.flapping', { count: alarm.raiseCount })}</span>
        ) : null}
        {escalated ? (
          <span className="tag escalation">
            ⬆ {t('feed.escalated', { to: t(`feed.escalation.${alarm.escalation}`) })}
          </span>
        ) : null}
      </div>
    </li>
  );
}
