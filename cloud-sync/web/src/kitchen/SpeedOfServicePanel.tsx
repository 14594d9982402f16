import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketTimeSummary } from '../../../../shared/api/kds';
import { CENTRAL_ROUTES } from '../../../../shared/central/api';
import {
  SpeedOfServiceOverview,
  type StoreSpeedOfService,
} from '../../../../shared/central/speed-of-service-api';
import { type PollOptions, usePoll } from '../app/use-poll';
import { catalogName } from '../names/names';
import { bySlowest, formatTicketTime, todayRange } from './speed-format';

interface SpeedOfServicePanelProps {
  poll: PollOptions;
  now: number;
  /** Only the rows of these regions (all when undefined): the page's region filter. */
  inRegion: <T extends { regionId: string }>(rows: readonly T[] | undefined) => T[];
  onOpenStore: (storeId: string) => void;
}

/** 出餐速度: today's kitchen ticket times across the region's stores, polled from central. */
export function SpeedOfServicePanel({ poll, now, inRegion, onOpenStore }: SpeedOfServicePanelProps) {
  const { t } = useTranslation();
  const { from, to } = todayRange(now);
  // The path changes once a day, so polling restarts at midnight and not on every tick.
  const path = useMemo(() => `${CENTRAL_ROUTES.speedOfService}?from=${from}&to=${to}`, [from, to]);
  const overview = usePoll(path, SpeedOfServiceOverview, poll);
  if (!overview.data) return <p className="empty">{t('app.loading')}</p>;
  return <SpeedOfServiceBoard stores={inRegion(overview.data.stores)} onOpenStore={onOpenStore} />;
}

export function SpeedOfServiceBoard({
  stores,
  onOpenStore,
}: {
  stores: readonly StoreSpeedOfService[];
  onOpenStore: (storeId: string) => void;
}) {
  const { t } = useTranslation();
  const sorted = [...stores].sort(bySlowest);
  const [chosenId, choose] = useState<string | undefined>();
  const chosen = sorted.find((s) => s.storeId === chosenId) ?? sorted[0];
  return (
    <div className="speed-of-service" data-testid="speed-of-service">
      <section>
        <h2>{t('speed.title')}</h2>
        <p className="muted small">{t('speed.hint')}</p>
        {sorted.length === 0 ? (
          <p className="empty">{t('speed.none')}</p>
        ) : (
          <table className="grid speed-stores">
            <thead>
              <tr>
                <th>{t('speed.store')}</th>
                <th className="num">{t('speed.tickets')}</th>
                <th className="num">{t('speed.average')}</th>
                <th className="num">{t('speed.p90')}</th>
                <th className="num">{t('speed.orders')}</th>
                <th className="num">{t('speed.portions')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {sorted.map((store) => {
                const orders = store.ordersByDay.reduce((sum, d) => sum + d.orders, 0);
                const portions = store.ordersByDay.reduce((sum, d) => sum + d.portions, 0);
                return (
                  <tr
                    key={store.storeId}
                    data-testid={`speed-store-${store.storeId}`}
                    className={store.storeId === chosen?.storeId ? 'row-current' : undefined}
                    aria-current={store.storeId === chosen?.storeId ? true : undefined}
                  >
                    <td>
                      <button
                        type="button"
                        className="link store-link"
                        aria-label={t('speed.show', { name: store.storeName })}
                        onClick={() => choose(store.storeId)}
                      >
                        {store.storeName}
                      </button>
                      <span className="muted small"> {store.storeId}</span>
                    </td>
                    <SummaryCells summary={store.overall} />
                    <td className="num">{orders}</td>
                    <td className="num">{portions}</td>
                    <td className="num">
                      <button type="button" className="link small" onClick={() => onOpenStore(store.storeId)}>
                        {t('speed.openStore')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      {chosen ? <StoreSplit store={chosen} /> : null}
    </div>
  );
}

/** The chosen store's ticket times by station and by order channel. */
function StoreSplit({ store }: { store: StoreSpeedOfService }) {
  const { t, i18n } = useTranslation();
  return (
    <section data-testid="speed-split" data-store-id={store.storeId}>
      <h2>{t('speed.splitTitle', { store: store.storeName })}</h2>
      {store.overall.tickets === 0 ? (
        <p className="empty">{t('speed.noTickets')}</p>
      ) : (
        <div className="speed-split">
          <SplitTable
            heading={t('speed.station')}
            rows={store.byStation.map((s) => ({
              key: s.station,
              label: catalogName(s.name, s.station, i18n.language),
              // An id stands in for a name the store has not sent: set as code, like other ids.
              mono: !s.name,
              summary: s,
            }))}
          />
          <SplitTable
            heading={t('speed.channel')}
            rows={store.byChannel.map((c) => ({
              key: c.channel,
              label: t(`speed.channelName.${c.channel}`),
              mono: false,
              summary: c,
            }))}
          />
        </div>
      )}
    </section>
  );
}

function SplitTable({
  heading,
  rows,
}: {
  heading: string;
  rows: { key: string; label: string; mono: boolean; summary: TicketTimeSummary }[];
}) {
  const { t } = useTranslation();
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>{heading}</th>
          <th className="num">{t('speed.tickets')}</th>
          <th className="num">{t('speed.average')}</th>
          <th className="num">{t('speed.p90')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-split={row.key}>
            <td className={row.mono ? 'mono' : undefined}>{row.label}</td>
            <SummaryCells summary={row.summary} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SummaryCells({ summary }: { summary: TicketTimeSummary }) {
  return (
    <>
      <td className={`num ${summary.tickets === 0 ? 'muted' : ''}`}>{summary.tickets}</td>
      <td className="num">{formatTicketTime(summary.averageS)}</td>
      <td className="num">
        <strong>{formatTicketTime(summary.p90S)}</strong>
      </td>
    </>
  );
}
