import { useTranslation } from 'react-i18next';
import type { StoredPairing } from './display-credential';

export interface PairIndicatorProps {
  /** this display's pairing, or undefined while unpaired */
  paired: StoredPairing | undefined;
  /** asked to pair (only offered while unpaired) */
  onPair: () => void;
}

/** The top bar's word on whether this display is paired; unpaired, a tap starts pairing. */
export function PairIndicator({ paired, onPair }: PairIndicatorProps) {
  const { t } = useTranslation();
  const label = paired ? t('pair.pairedAs', { name: paired.name }) : t('pair.pairNow');
  return (
    <button
      type="button"
      className={`pair-state ${paired ? 'paired' : 'unpaired'}`}
      data-paired={paired ? 'true' : 'false'}
      title={paired ? label : t('pair.unpaired')}
      aria-label={label}
      onClick={() => {
        if (!paired) onPair();
      }}
    >
      {paired ? (
        <>
          <span className="pair-label">{t('pair.paired')}</span>
          {/* On a tablet the bar has no room for the word: the tick says it, the label names it. */}
          <span className="pair-label-short" aria-hidden="true">
            ✓
          </span>
        </>
      ) : (
        <>
          <span className="pair-label">{t('pair.pairNow')}</span>
          <span className="pair-label-short" aria-hidden="true">
            {t('pair.pairNowShort')}
          </span>
        </>
      )}
    </button>
  );
}
