import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../../../shared/browser/locale';
import { CENTRAL_ROUTES } from '../../../../shared/central/api';
import { type AlarmEpisode, AlarmEpisodeList } from '../../../../shared/central/insight-api';
import { AckAlarmButton } from '../actions/AckAlarmButton';
import { type PollOptions, usePoll } from '../app/use-poll';
import { downloadText, exportFileName } from '../export/csv';
import { ExportButtons } from '../export/ExportButtons';
import { alarmsCsv } from '../export/list-csv';
import { FilterBar, type TypeOption } from '../filters/FilterBar';
import { filterQuery, type ListFilter } from '../filters/list-filter';
import { formatDateTime, formatDuration } from '../format/time';
import { equipmentName, equipmentTypeName } from '../names/names';
import { type EpisodeGroup, groupEpisodes } from './episode-groups';

const LIMIT = 1000;

interface AlarmsViewProps {
  filter: ListFilter;
  onFilter: (next: ListFilter) => void;
  stores: readonly { id: string; name: string }[];
  types: readonly TypeOption[];
  poll: PollOptions;
  now: number;
  onOpenStore: (storeId: string) => void;
  /** the admin's region choice, applied on top of the filters */
  inRegion: (rows: readonly AlarmEpisode[]) => AlarmEpisode[];
  /** the episodes on screen, so the filter's type list learns the types they name */
  onLoaded?: (episodes: readonly AlarmEpisode[]) => void;
}

/** Alarms filtered, grouped by store and equipment, cleared episodes folded away; export and print. */
export function AlarmsView({
  filter,
  onFilter,
  stores,
  types,
  poll,
  now,
  onOpenStore,
  inRegion,
  onLoaded,
}: AlarmsViewProps) {
  const { t, i18n } = useTranslation();
  const { data: loaded } = usePoll(
    `${CENTRAL_ROUTES.alarmEpisodes}?${filterQuery(filter, 'alarms', LIMIT)}`,
    AlarmEpisodeList,
    poll,
  );
  useEffect(() => {
    if (loaded) onLoaded?.(loaded);
  }, [loaded, onLoaded]);
  const data = loaded ? inRegion(loaded) : undefined;
  // Folded cleared episodes print too: paper cannot be clicked open.
  useEffect(() => {
    const unfold = () => {
      for (const details of document.querySelectorAll<HTMLDetailsElement>('details.cleared-episodes'))
        details.open = true;
    };
    window.addEventListener('beforeprint', unfold);
    return () => window.removeEventListener('beforeprint', unfold);
  }, []);
  const groups = groupEpisodes(data ?? []);
  const exportCsv = () =>
    downloadText(exportFileName('alarms', now), alarmsCsv(data ?? [], t, i18n.language));
  return (
    <section className="alarms-view">
      <FilterBar
        filter={filter}
        onChange={onFilter}
        list="alarms"
        stores={stores}
        types={types}
        shown={data?.length}
      >
        <ExportButtons onCsv={exportCsv} ready={Boolean(data)} />
      </FilterBar>
      {!data ? <p className="empty">{t('app.loading')}</p> : null}
      {data && groups.length === 0 ? <p className="empty">{t('alarms.none')}</p> : null}
      <ul className="episode-groups">
        {groups.map((group) => (
          <GroupRow key={group.key} group={group} now={now} onOpenStore={onOpenStore} />
        ))}
      </ul>
    </section>
  );
}

function GroupRow({
  group,
  now,
  onOpenStore,
}: {
  group: EpisodeGroup;
  now: number;
  onOpenStore: (storeId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const typeName = equipmentTypeName(group.equipment, i18n.language, t);
  return (
    <li
      className={`episode-group ${group.worstActive ? `severity-${group.worstActive}` : 'all-cleared'}`}
      data-group={group.key}
    >
      <header className="episode-group-head">
        <button type="button" className="link" onClick={() => onOpenStore(group.storeId)}>
          {group.storeName}
        </button>
        <strong className="equipment-name">{equipmentName(group.equipment, i18n.language)}</strong>
        {typeName ? <span className="muted small">{typeName}</span> : null}
        <span className="spacer" />
        {group.active.length > 0 ? (
          <span className="tag critical">{t('alarms.activeN', { count: group.active.length })}</span>
        ) : null}
        {group.cleared.length > 0 ? (
          <span className="tag">{t('alarms.clearedN', { count: group.cleared.length })}</span>
        ) : null}
      </header>
      <ul className="plain-list">
        {group.active.map((episode) => (
          <EpisodeRow key={episode.alarm.id} episode={episode} now={now} />
        ))}
      </ul>
      {group.cleared.length > 0 ? (
        <details className="cleared-episodes">
          <summary>{t('alarms.showCleared', { count: group.cleared.length })}</summary>
          <ul className="plain-list">
            {group.cleared.map((episode) => (
              <EpisodeRow key={episode.alarm.id} episode={episode} now={now} />
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

function EpisodeRow({ episode, now }: { episode: AlarmEpisode; now: number }) {
  const { t, i18n } = useTranslation();
  const { alarm } = episode;
  const end = alarm.clearedAt ?? now;
  return (
    <li className={`episode severity-${alarm.severity}`} data-alarm-id={`${episode.storeId}/${alarm.id}`}>
      <span className={`severity-dot ${alarm.severity}`}>{t(`severity.${alarm.severity}`)}</span>{' '}
      <strong>{localized(alarm.title, i18n.language)}</strong>{' '}
      <span className="muted small">
        {formatDateTime(alarm.raisedAt, i18n.language)}
        {alarm.clearedAt !== null ? ` → ${formatDateTime(alarm.clearedAt, i18n.language)}` : ''} ·{' '}
        {alarm.clearedAt === null ? t('alarms.ongoing') : ''}{' '}
        {formatDuration((end - alarm.raisedAt) / 1000, t)} ·{' '}
        {alarm.ackedBy ? t('alarms.acked', { who: alarm.ackedBy }) : t('alarms.unacked')}
      </span>
      {alarm.ackedAt === null ? <AckAlarmButton storeId={episode.storeId} alarmId={alarm.id} /> : null}
      {alarm.raiseCount > 1 ? (
        <span className="tag warning">{t('feed.flapping', { count: alarm.raiseCount })}</span>
      ) : null}
    </li>
  );
}
