import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App';
import { keepKioskScreenOn } from './app/kiosk-bridge';
import { pairFromLink } from './auth/display-pairing';
import { createI18n } from './i18n/setup';
import { LiveBoard } from './live/live-board';
import './styles.css';

const now = () => Date.now();
// A one-time `#pair=` link (printed by `npm start` or `galley display link`) pairs this display first.
const pairLink = pairFromLink(location, history);
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
        <App board={board} now={now} pairLink={pairLink} />
      </I18nextProvider>
    </StrictMode>,
  );
}
