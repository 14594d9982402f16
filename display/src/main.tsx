import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App';
import { keepKioskScreenOn } from './app/kiosk-bridge';
import { createI18n } from './i18n/setup';
import { LiveBoard } from './live/live-board';
import './styles.css';

const now = () => Date.now();
const mqttUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/mqtt`;
const board = new LiveBoard({ now, mqttUrl });
board.start();
keepKioskScreenOn();
const i18n = createI18n();
document.documentElement.lang = i18n.language;

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App board={board} now={now} />
      </I18nextProvider>
    </StrictMode>,
  );
}
