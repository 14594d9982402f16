import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Severity } from '../../../../shared/config/rules';
import { isFiltered, type ListFilter, NO_FILTER } from './list-filter';

export interface TypeOption {
  type: string;
  label: string;
}

interface FilterBarProps {
  filter: ListFilter;
  onChange: (next: ListFilter) => void;
  list: 'alarms' | 'tickets';
  stores: readonly { id: string; name: string }[];
  types: readonly TypeOption[];
  shown: number | undefined;
  /** export and print buttons */
  children?: ReactNode;
}

const ALARM_STATUSES = ['all', 'active', 'cleared', 'unacked'] as const;
const TICKET_STATUSES = ['open', 'all'] as const;
const SEARCH_SETTLE_MS = 300;

/** The same filters over alarms and tickets, so a manager narrows both the same way. */
export function FilterBar({ filter, onChange, list, stores, types, shown, children }: FilterBarProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<ListFilter>) => onChange({ ...filter, ...patch });
  // Typing asks the server once the words settle, not once per key.
  const [draft, setDraft] = useState(filter.q);
  useEffect(() => setDraft(filter.q), [filter.q]);
  useEffect(() => {
    if (draft === filter.q) return;
    const timer = setTimeout(() => onChange({ ...filter, q: draft }), SEARCH_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [draft, filter, onChange]);

  return (
    <form className="filter-bar" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('filters.search')}
        <input
          type="search"
          name="q"
          value={draft}
          placeholder={t('filters.searchHint')}
          onChange={(e) => setDraft(e.target.value)}
        />
      </label>
      <label>
        {t('filters.store')}
        <select name="store" value={filter.storeId} onChange={(e) => set({ storeId: e.target.value })}>
          <option value="">{t('filters.allStores')}</option>
          {stores.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.severity')}
        <select
          name="severity"
          value={filter.severity}
          onChange={(e) => {
            const parsed = Severity.safeParse(e.target.value);
            set({ severity: parsed.success ? parsed.data : '' });
          }}
        >
          <option value="">{t('filters.allSeverities')}</option>
          {Severity.options.map((s) => (
            <option key={s} value={s}>
              {t(`severity.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {list === 'alarms' ? (
        <label>
          {t('filters.status')}
          <select
            name="status"
            value={filter.alarmStatus}
            onChange={(e) => set({ alarmStatus: ALARM_STATUSES.find((s) => s === e.target.value) ?? 'all' })}
          >
            {ALARM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`filters.alarmStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label>
          {t('filters.status')}
          <select
            name="status"
            value={filter.ticketStatus}
            onChange={(e) =>
              set({ ticketStatus: TICKET_STATUSES.find((s) => s === e.target.value) ?? 'open' })
            }
          >
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`filters.ticketStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('filters.equipmentType')}
        <select
          name="equipmentType"
          value={filter.equipmentType}
          onChange={(e) => set({ equipmentType: e.target.value })}
        >
          <option value="">{t('filters.allTypes')}</option>
          {types.map((option) => (
            <option key={option.type} value={option.type}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.from')}
        <input
          type="date"
          name="from"
          value={filter.fromDay}
          onChange={(e) => set({ fromDay: e.target.value })}
        />
      </label>
      <label>
        {t('filters.to')}
        <input type="date" name="to" value={filter.toDay} onChange={(e) => set({ toDay: e.target.value })} />
      </label>
      {isFiltered(filter) ? (
        <button type="button" className="secondary small" onClick={() => onChange(NO_FILTER)}>
          {t('filters.clear')}
        </button>
      ) : null}
      <span className="spacer" />
      {shown !== undefined ? (
        <span className="muted small filter-count">{t('filters.count', { count: shown })}</span>
      ) : null}
      <span className="list-actions">{children}</span>
    </form>
  );
}
