import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App';
import { createI18n } from './i18n/setup';
import './styles.css';
import './lists.css';

const clock = () => Date.now();
const i18n = createI18n();
document.documentElement.lang = i18n.language;
document.title = i18n.t('app.title');

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App clock={clock} />
      </I18nextProvider>
    </StrictMode>,
  );
}
