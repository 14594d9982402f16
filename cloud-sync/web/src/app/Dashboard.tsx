import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageButton } from '../../../../shared/browser/LanguageButton';
import { useNow } from '../../../../shared/browser/use-now';
import {
  CENTRAL_ROUTES,
  type CentralSession,
  RegionList,
  StoreStateList,
} from '../../../../shared/central/api';
import type { EquipmentLabel } from '../../../../shared/central/insight-api';
import { ActorContext } from '../actions/action-context';
import { AlarmFeedPanel } from '../alarms/AlarmFeedPanel';
import { AlarmsView } from '../alarms/AlarmsView';
import { useAlarmFeed } from '../alarms/use-alarm-feed';
import type { TypeOption } from '../filters/FilterBar';
import { type ListFilter, NO_FILTER } from '../filters/list-filter';
import { FoodSafetyPanel } from '../food-safety/FoodSafetyPanel';
import { formatClock, isStale } from '../format/time';
import { pageLocale } from '../i18n/setup';
import { SpeedOfServicePanel } from '../kitchen/SpeedOfServicePanel';
import { MaintenancePanel } from '../maintenance/MaintenancePanel';
import { equipmentTypeName } from '../names/names';
import { PredictivePanel } from '../predictive/PredictivePanel';
import { PurchasingPanel } from '../purchasing/PurchasingPanel';
import { ScorecardPanel } from '../scorecard/ScorecardPanel';
import { StockPanel } from '../stock/StockPanel';
import { CommissioningStores } from '../stores/CommissioningStores';
import { StoreDetailView } from '../stores/StoreDetailView';
import { StoresTable } from '../stores/StoresTable';
import { attentionCritical } from '../stores/store-order';
import { TicketsView } from '../tickets/TicketsView';
import { UpdatesPanel } from '../updates/UpdatesPanel';
import { TabBar } from './TabBar';
import { useHashRoute } from './use-hash-route';
import { type PollOptions, usePoll } from './use-poll';
import './top-bar.css';

export const POLL_MS = {
  stores: 10_000,
  tickets: 15_000,
  alarms: 15_000,
  // The feed long-polls (use-alarm-feed.ts: central holds each poll until something new arrives);
  // this is only its pause after a failed poll.
  feed: 1_000,
  regions: 60_000,
  maintenance: 60_000,
  speed: 30_000,
  stock: 30_000,
  foodSafety: 60_000,
  predictive: 60_000,
  purchasing: 60_000,
  scorecard: 60_000,
  updates: 30_000,
} as const;

interface DashboardProps {
  session: CentralSession;
  clock: () => number;
  onLogout: () => void;
  onSessionExpired: () => void;
}

export function Dashboard({ session, clock, onLogout, onSessionExpired }: DashboardProps) {
  const { t, i18n } = useTranslation();
  const now = useNow(clock);
  const [route, go] = useHashRoute();
  const [regionFilter, setRegionFilter] = useState<string>('');
  const base = { token: session.token, clock, onUnauthorized: onSessionExpired };
  const poll = (everyMs: number): PollOptions => ({ ...base, everyMs });
  const stores = usePoll(CENTRAL_ROUTES.stores, StoreStateList, poll(POLL_MS.stores));
  const regions = usePoll(CENTRAL_ROUTES.regions, RegionList, poll(POLL_MS.regions));
  // One set of filters for alarms and tickets: narrowing one list narrows the other the same way.
  const [filter, setFilter] = useState<ListFilter>(NO_FILTER);
  const [typeLabels, setTypeLabels] = useState<
    ReadonlyMap<string, Pick<EquipmentLabel, 'type' | 'typeLabel'>>
  >(new Map());
  // The type list grows with what the lists show, so choosing a type never removes the others.
  const learnTypes = useCallback((rows: readonly { equipment: EquipmentLabel }[]) => {
    setTypeLabels((known) => {
      const fresh = rows.filter(
        ({ equipment: e }) =>
          e.type !== null && (!known.has(e.type) || (e.typeLabel && !known.get(e.type)?.typeLabel)),
      );
      if (fresh.length === 0) return known;
      const next = new Map(known);
      for (const { equipment: e } of fresh) if (e.type !== null) next.set(e.type, e);
      return next;
    });
  }, []);
  const feed = useAlarmFeed(session.token, POLL_MS.feed, onSessionExpired);

  const regionList = regions.data ?? [];
  // Only admins span regions; a regional manager is shown their own, never offered others.
  const canPickRegion = session.role === 'admin' && regionList.length > 1;
  const ownRegion = regionList.find((r) => r.id === session.regionId)?.name ?? session.regionId;
  const inRegion = <T extends { regionId: string }>(rows: readonly T[] | undefined): T[] =>
    (rows ?? []).filter((row) => !canPickRegion || regionFilter === '' || row.regionId === regionFilter);
  const shownStores = inRegion(stores.data);
  const storeOptions = shownStores.map((s) => ({ id: s.id, name: s.name }));
  const typeOptions: TypeOption[] = [...typeLabels.entries()]
    .map(([type, label]) => ({ type, label: equipmentTypeName(label, i18n.language, t) ?? type }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const openStore = (storeId: string) => go({ view: 'store', storeId });

  const totals = {
    stores: shownStores.length,
    stale: shownStores.filter((s) => isStale(s.silentForMs)).length,
    critical: shownStores.reduce((sum, s) => sum + attentionCritical(s), 0),
    tickets: shownStores.reduce((sum, s) => sum + s.openTickets, 0),
  };

  return (
    <ActorContext.Provider value={{ token: session.token, role: session.role }}>
      <div className="dashboard">
        <header className="top-bar">
          <h1>{t('app.title')}</h1>
          {canPickRegion ? (
            <label className="region-pick">
              {t('app.regionLabel')}{' '}
              <select value={regionFilter} onChange={(e) => setRegionFilter(e.target.value)}>
                <option value="">{t('app.allRegions')}</option>
                {regionList.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </label>
          ) : ownRegion ? (
            <span className="region-name" data-region-id={session.regionId}>
              {t('app.regionIs', { name: ownRegion })}
            </span>
          ) : null}
          <span className="spacer" />
          {stores.fetchedAt !== undefined ? (
            <span className="muted small">
              {t('app.updatedAt', { time: formatClock(stores.fetchedAt, i18n.language) })}
            </span>
          ) : null}
          <span className="user">
            {t('app.loggedInAs', { user: session.username, role: t(`role.${session.role}`) })}
          </span>
          <LanguageButton preference={pageLocale} className="secondary" />
          <button type="button" className="secondary" onClick={onLogout}>
            {t('app.logout')}
          </button>
        </header>
        {stores.error ? (
          <div className="error-bar" role="status">
            ⚠ {t('app.unreachable', { message: stores.error.message })}
          </div>
        ) : null}
        <div className="body">
          <main className="main">
            <div className="summary">
              <Figure label={t('summary.stores')} value={totals.stores} />
              <Figure
                label={t('summary.stale')}
                value={totals.stale}
                tone={totals.stale > 0 ? 'warning' : 'ok'}
              />
              <Figure
                label={t('summary.critical')}
                value={totals.critical}
                tone={totals.critical > 0 ? 'critical' : 'ok'}
              />
              <Figure label={t('summary.tickets')} value={totals.tickets} />
            </div>
            <TabBar route={route} go={go} openTickets={totals.tickets} />
            {route.view === 'stores' ? (
              stores.data && stores.fetchedAt !== undefined ? (
                <>
                  <CommissioningStores
                    poll={poll(POLL_MS.stores)}
                    nameOf={(id) => stores.data?.find((s) => s.id === id)?.name ?? id}
                    onOpen={openStore}
                  />
                  <StoresTable
                    stores={shownStores}
                    fetchedAt={stores.fetchedAt}
                    now={now}
                    showRegion={canPickRegion}
                    onOpen={openStore}
                  />
                </>
              ) : (
                <p className="empty">{t('app.loading')}</p>
              )
            ) : null}
            {route.view === 'alarms' ? (
              <AlarmsView
                filter={filter}
                onFilter={setFilter}
                stores={storeOptions}
                types={typeOptions}
                poll={poll(POLL_MS.alarms)}
                now={now}
                onOpenStore={openStore}
                inRegion={inRegion}
                onLoaded={learnTypes}
              />
            ) : null}
            {route.view === 'tickets' ? (
              <TicketsView
                filter={filter}
                onFilter={setFilter}
                stores={storeOptions}
                types={typeOptions}
                poll={poll(POLL_MS.tickets)}
                now={now}
                inRegion={inRegion}
                onOpenStore={openStore}
                onLoaded={learnTypes}
              />
            ) : null}
            {route.view === 'maintenance' ? (
              <MaintenancePanel
                poll={poll(POLL_MS.maintenance)}
                now={now}
                inRegion={inRegion}
                regionName={(id) => regionList.find((r) => r.id === id)?.name ?? id}
                onOpenStore={openStore}
              />
            ) : null}
            {route.view === 'speed' ? (
              <SpeedOfServicePanel
                poll={poll(POLL_MS.speed)}
                now={now}
                inRegion={inRegion}
                onOpenStore={openStore}
              />
            ) : null}
            {route.view === 'stock' ? (
              <StockPanel poll={poll(POLL_MS.stock)} now={now} inRegion={inRegion} onOpenStore={openStore} />
            ) : null}
            {route.view === 'food-safety' ? (
              <FoodSafetyPanel
                poll={poll(POLL_MS.foodSafety)}
                now={now}
                inRegion={inRegion}
                onOpenStore={openStore}
              />
            ) : null}
            {route.view === 'predictive' ? (
              <PredictivePanel poll={poll(POLL_MS.predictive)} inRegion={inRegion} onOpenStore={openStore} />
            ) : null}
            {route.view === 'purchasing' ? (
              <PurchasingPanel poll={poll(POLL_MS.purchasing)} inRegion={inRegion} onOpenStore={openStore} />
            ) : null}
            {route.view === 'scorecard' ? (
              <ScorecardPanel
                poll={poll(POLL_MS.scorecard)}
                now={now}
                inRegion={inRegion}
                onOpenStore={openStore}
              />
            ) : null}
            {route.view === 'updates' ? (
              <UpdatesPanel
                poll={poll(POLL_MS.updates)}
                role={session.role}
                regionId={session.regionId}
                regions={regionList}
                inRegion={inRegion}
                onOpenStore={openStore}
              />
            ) : null}
            {route.view === 'store' ? (
              <StoreDetailView
                storeId={route.storeId}
                poll={poll(POLL_MS.stores)}
                now={now}
                onBack={() => go({ view: 'stores' })}
              />
            ) : null}
          </main>
          <AlarmFeedPanel handle={feed} now={now} onOpenStore={openStore} />
        </div>
      </div>
    </ActorContext.Provider>
  );
}

function Figure({
  label,
  value,
  tone,
}: {
  label: string;
  value: number;
  tone?: 'ok' | 'warning' | 'critical';
}) {
  return (
    <div className={`figure ${tone ? `tone-${tone}` : ''}`}>
      <span className="figure-value">{value}</span>
      <span className="figure-label">{label}</span>
    </div>
  );
}
