import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CENTRAL_ROUTES, type CentralSession, Ok } from '../../../../shared/central/api';
import { requestCentral } from '../api/central-client';
import { LoginScreen } from '../auth/LoginScreen';
import { clearSession, loadSession, saveSession } from '../auth/saved-session';
import { Dashboard } from './Dashboard';

export interface AppProps {
  clock: () => number;
}

export function App({ clock }: AppProps) {
  const { t } = useTranslation();
  const [session, setSession] = useState<CentralSession | undefined>(() => loadSession(clock()));
  const [notice, setNotice] = useState<string | undefined>();

  const logIn = useCallback((next: CentralSession) => {
    saveSession(next);
    setNotice(undefined);
    setSession(next);
  }, []);

  const logOut = useCallback(() => {
    if (session) {
      requestCentral(CENTRAL_ROUTES.session, Ok, { method: 'DELETE', token: session.token }).catch(
        keepLoggingOut,
      );
    }
    clearSession();
    setSession(undefined);
  }, [session]);

  const expired = useCallback(() => {
    clearSession();
    setSession(undefined);
    setNotice(t('app.sessionExpired'));
  }, [t]);

  if (!session) return <LoginScreen onLoggedIn={logIn} notice={notice} />;
  return <Dashboard session={session} clock={clock} onLogout={logOut} onSessionExpired={expired} />;
}

/**
 * Ending the session on the server is a courtesy: the page forgets the token either way
 * and the server expires it on its own, so a failed logout request changes nothing here.
 */
function keepLoggingOut(_err: unknown): void {}
