import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CENTRAL_ROUTES, type OpenTicket, OpenTicketList } from '../../../../shared/central/api';
import { type PollOptions, usePoll } from '../app/use-poll';
import { downloadText, exportFileName } from '../export/csv';
import { ExportButtons } from '../export/ExportButtons';
import { ticketsCsv } from '../export/list-csv';
import { FilterBar, type TypeOption } from '../filters/FilterBar';
import { filterQuery, type ListFilter } from '../filters/list-filter';
import { agedSince } from '../format/time';
import { TicketsTable } from './TicketsTable';

const LIMIT = 2000;

interface TicketsViewProps {
  filter: ListFilter;
  onFilter: (next: ListFilter) => void;
  stores: readonly { id: string; name: string }[];
  types: readonly TypeOption[];
  poll: PollOptions;
  now: number;
  /** the admin's region choice, applied on top of the filters */
  inRegion: (rows: readonly OpenTicket[]) => OpenTicket[];
  onOpenStore: (storeId: string) => void;
  onLoaded?: (tickets: readonly OpenTicket[]) => void;
}

/** Tickets with the alarm list's filters, exportable and printable. */
export function TicketsView({
  filter,
  onFilter,
  stores,
  types,
  poll,
  now,
  inRegion,
  onOpenStore,
  onLoaded,
}: TicketsViewProps) {
  const { t, i18n } = useTranslation();
  const { data, fetchedAt } = usePoll(
    `${CENTRAL_ROUTES.tickets}?${filterQuery(filter, 'tickets', LIMIT)}`,
    OpenTicketList,
    poll,
  );
  useEffect(() => {
    if (data) onLoaded?.(data);
  }, [data, onLoaded]);
  const shown = data ? inRegion(data) : undefined;
  const exportCsv = () => {
    if (!shown || fetchedAt === undefined) return;
    const ageOf = (row: OpenTicket) => agedSince(row.ageS, fetchedAt, now, 1000);
    downloadText(exportFileName('tickets', now), ticketsCsv(shown, t, i18n.language, ageOf));
  };
  return (
    <section className="tickets-view">
      <FilterBar
        filter={filter}
        onChange={onFilter}
        list="tickets"
        stores={stores}
        types={types}
        shown={shown?.length}
      >
        <ExportButtons onCsv={exportCsv} ready={Boolean(shown)} />
      </FilterBar>
      {shown && fetchedAt !== undefined ? (
        <TicketsTable tickets={shown} fetchedAt={fetchedAt} now={now} showStore onOpenStore={onOpenStore} />
      ) : (
        <p className="empty">{t('app.loading')}</p>
      )}
    </section>
  );
}
