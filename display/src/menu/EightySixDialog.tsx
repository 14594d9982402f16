import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface EightySixDialogProps {
  /** the item's name, already in the language on screen */
  item: string;
  onConfirm: (note: string) => void;
  onCancel: () => void;
}

/** The edge keeps a note up to this long (`ManualEightySix`). */
const MAX_NOTE = 200;

/**
 * Taking an item off by hand: a note for the cooks and the front if someone wants one,
 * never required; the PIN is asked for after, so the 86 carries a name.
 */
export function EightySixDialog({ item, onConfirm, onCancel }: EightySixDialogProps) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const title = t('menu.eightySixTitle', { item });
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={title}>
      <form
        className="dialog menu-86-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(note);
        }}
      >
        <h2>{title}</h2>
        <p className="dialog-sub">{t('menu.eightySixSub')}</p>
        <label className="field">
          <span>{t('menu.note')}</span>
          <input
            name="note"
            value={note}
            maxLength={MAX_NOTE}
            placeholder={t('menu.notePlaceholder')}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onCancel}>
            {t('menu.cancel')}
          </button>
          <button type="submit" className="primary" data-testid="menu-86-confirm">
            {t('menu.confirm')}
          </button>
        </div>
      </form>
    </div>
  );
}
