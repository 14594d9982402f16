import { useTranslation } from 'react-i18next';
import type { PersonSession } from '../auth/person-session';
import { mayOfferPredictive } from './use-predictive';

/** Under an equipment's detail: to its predictive maintenance, offered only to someone who may read it. */
export function PredictiveLink(props: {
  person: PersonSession | undefined;
  equipmentId: string;
  onOpen: (equipmentId: string) => void;
}) {
  const { t } = useTranslation();
  if (!mayOfferPredictive(props.person)) return null;
  return (
    <button
      type="button"
      className="secondary pm-link"
      data-testid="pm-link"
      onClick={() => props.onOpen(props.equipmentId)}
    >
      {t('predictive.open')}
    </button>
  );
}
