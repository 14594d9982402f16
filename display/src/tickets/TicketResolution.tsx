import { useTranslation } from 'react-i18next';
import type { TicketView } from '../../../shared/api/tickets';
import { isResolutionCode } from './resolution-codes';

/** How the repair was done, once it is: what a manager reads before verifying it. */
export function TicketResolution({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  if (!ticket.resolutionCode) return null;
  const code = ticket.resolutionCode;
  return (
    <dl className="ticket-resolution" data-resolution-code={code}>
      <dt>{t('resolve.doneCode')}</dt>
      <dd>{isResolutionCode(code) ? t(`resolve.codes.${code}`) : code}</dd>
      <dt>{t('resolve.parts')}</dt>
      <dd>
        {ticket.parts.length
          ? ticket.parts.map((p) => t('resolve.partUsed', { part: p.name, quantity: p.quantity })).join(', ')
          : t('resolve.noParts')}
      </dd>
      {ticket.resolutionNotes ? (
        <>
          <dt>{t('resolve.doneNotes')}</dt>
          <dd>{ticket.resolutionNotes}</dd>
        </>
      ) : null}
    </dl>
  );
}
