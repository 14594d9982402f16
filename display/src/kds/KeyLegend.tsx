import { useTranslation } from 'react-i18next';
import { type KdsKeymap, keyLabel } from './keymap';

/** A small line of the bump bar's keys, so a new cook finds them without asking. */
export function KeyLegend({ keymap }: { keymap: KdsKeymap }) {
  const { t } = useTranslation();
  const first = keymap.select[0];
  const last = keymap.select.at(-1);
  const entries: [string, string][] = [
    [first && last ? `${keyLabel(first)}–${keyLabel(last)}` : '', t('kds.keys.select')],
    [keymap.previous.map(keyLabel).join('/'), t('kds.keys.previous')],
    [keymap.next.map(keyLabel).join('/'), t('kds.keys.next')],
    [keymap.bump.map(keyLabel).join('/'), t('kds.keys.bump')],
    [keymap.recall.map(keyLabel).join('/'), t('kds.keys.recall')],
    [keymap.allDay.map(keyLabel).join('/'), t('kds.keys.allDay')],
  ];
  return (
    <dl className="kds-keys" aria-label={t('kds.keys.title')} data-testid="kds-keys">
      {entries
        .filter(([keys]) => keys !== '')
        .map(([keys, what]) => (
          <div key={what} className="kds-key">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
    </dl>
  );
}
