import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Route } from './use-hash-route';

type TabView = Exclude<Route['view'], 'store'>;

interface TabBarProps {
  route: Route;
  go: (route: Route) => void;
  /** open tickets in view, counted on their tab */
  openTickets: number;
}

/**
 * The page's tabs, every one a plain button. They wrap onto a second row where the page
 * is narrow (a portrait tablet, 800 px) rather than scroll sideways: eleven tabs do not
 * fit one row in English, and a tab out of sight is one nobody finds. A store's detail
 * belongs to the Stores tab.
 */
export function TabBar({ route, go, openTickets }: TabBarProps) {
  const { t } = useTranslation();
  const tab = (view: TabView, label: ReactNode) => (
    <Tab
      key={view}
      view={view}
      active={route.view === view || (view === 'stores' && route.view === 'store')}
      onClick={() => go({ view })}
    >
      {label}
    </Tab>
  );
  return (
    <nav className="tabs" aria-label={t('tabBar.label')}>
      {tab('stores', t('nav.stores'))}
      {tab('alarms', t('nav.alarms'))}
      {tab('tickets', `${t('nav.tickets')} (${openTickets})`)}
      {tab('maintenance', t('nav.maintenance'))}
      {tab('speed', t('nav.speed'))}
      {tab('stock', t('nav.stock'))}
      {tab('food-safety', t('nav.foodSafety'))}
      {tab('predictive', t('predictive.nav'))}
      {tab('purchasing', t('purchasing.nav'))}
      {tab('scorecard', t('scorecard.nav'))}
      {tab('updates', t('updates.nav'))}
    </nav>
  );
}

function Tab({
  view,
  active,
  onClick,
  children,
}: {
  view: TabView;
  active: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={`tab ${active ? 'active' : ''}`}
      data-tab={view}
      aria-current={active}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
