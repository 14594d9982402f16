import { useTranslation } from 'react-i18next';
import type { WorkOrderView } from '../../../shared/api/maintenance';
import type { StoreInfo } from '../../../shared/api/store';
import { LanguageButton } from '../../../shared/browser/LanguageButton';
import type { Locale } from '../../../shared/localized-text';
import type { SyncHealth } from '../../../shared/sync/sync-protocol';
import { SoundControl } from '../alarms/SoundControl';
import type { useAlarmAlerts } from '../alarms/use-alarm-alerts';
import type { StoredPairing } from '../auth/display-credential';
import { PairIndicator } from '../auth/PairIndicator';
import type { PersonSession } from '../auth/person-session';
import { displayLocale } from '../i18n/setup';
import { SyncIndicator } from '../sync/SyncIndicator';
import { formatTime } from './format';
import { ScreenNav } from './ScreenNav';
import { StoreName } from './StoreName';
import type { GoTo, Screen } from './screen';

interface TopBarProps {
  store: StoreInfo | undefined;
  screen: Screen;
  go: GoTo;
  toBoard: () => void;
  session: PersonSession | undefined;
  logOut: () => void;
  ticketCount: number | undefined;
  todayTasks: readonly WorkOrderView[] | undefined;
  syncHealth: SyncHealth | undefined;
  alerts: ReturnType<typeof useAlarmAlerts>;
  /** mutes the alarm sound in the name of whoever is logged in */
  onMute: () => void;
  paired: StoredPairing | undefined;
  onPair: () => void;
  now: number;
  timezone: string;
  locale: Locale;
}

/** The display's header: the store, its screens, sync, sound, clock, language, pairing and who is logged in. */
export function TopBar(props: TopBarProps) {
  const { t } = useTranslation();
  const { session, alerts, timezone } = props;
  return (
    <header className="top-bar">
      <StoreName store={props.store} />
      <ScreenNav
        screen={props.screen}
        go={props.go}
        toBoard={props.toBoard}
        session={session}
        ticketCount={props.ticketCount}
        todayTasks={props.todayTasks}
      />
      <SyncIndicator health={props.syncHealth} now={props.now} timezone={timezone} />
      <SoundControl
        sound={alerts.sound}
        alerting={alerts.mute.alerting}
        mute={alerts.mute.mute}
        timezone={timezone}
        onMute={props.onMute}
        onUnmute={alerts.mute.unmute}
      />
      <span className="clock">{formatTime(props.now, timezone, props.locale)}</span>
      <LanguageButton preference={displayLocale} className="secondary" />
      <PairIndicator paired={props.paired} onPair={props.onPair} />
      {session ? (
        <button type="button" className="secondary" onClick={props.logOut}>
          {t('app.loggedInAs', { name: session.name, role: t(`role.${session.role}`) })} · {t('app.logout')}
        </button>
      ) : null}
    </header>
  );
}
