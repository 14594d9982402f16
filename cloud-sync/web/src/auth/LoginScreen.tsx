import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestError } from '../../../../shared/browser/json-client';
import { LanguageButton } from '../../../../shared/browser/LanguageButton';
import { CENTRAL_ROUTES, CentralSession } from '../../../../shared/central/api';
import { requestCentral } from '../api/central-client';
import { pageLocale } from '../i18n/setup';

interface LoginScreenProps {
  onLoggedIn: (session: CentralSession) => void;
  /** why the previous session ended, if it did */
  notice?: string;
}

export function LoginScreen({ onLoggedIn, notice }: LoginScreenProps) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      const session = await requestCentral(CENTRAL_ROUTES.session, CentralSession, {
        method: 'POST',
        body: { username: username.trim(), password },
      });
      onLoggedIn(session);
    } catch (err) {
      const wrong = err instanceof RequestError && err.code === 'unauthorized';
      setProblem(
        wrong
          ? t('login.wrong')
          : t('login.failed', { message: err instanceof Error ? err.message : String(err) }),
      );
      setBusy(false);
    }
  }

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} aria-label={t('login.title')}>
        <div className="login-head">
          <h1>
            Galley <span className="muted">{t('login.title')}</span>
          </h1>
          <LanguageButton preference={pageLocale} className="link" />
        </div>
        <p className="muted">{t('login.subtitle')}</p>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        <label>
          {t('login.username')}
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {problem ? (
          <p className="error" role="alert">
            {problem}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
