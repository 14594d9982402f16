import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STORE_COMMAND_ROUTES } from '../../../../shared/central/store-commands';
import { ActionResult } from './ActionResult';
import { mayManage, useStoreAction } from './action-context';

/** Assign, comment, close a store's ticket from the region; each is queued for the store to apply. */
export function TicketActions({ storeId, ticketId }: { storeId: string; ticketId: number }) {
  const { t } = useTranslation();
  const { actor, state, send } = useStoreAction();
  const [assignee, setAssignee] = useState('');
  const [note, setNote] = useState('');
  if (!actor) return null;
  const params = { storeId, ticketId };
  const busy = state.kind === 'busy';
  const withNote = note.trim() ? { note: note.trim() } : {};
  return (
    <details className="ticket-actions">
      <summary>{t('actions.title')}</summary>
      <form className="ticket-actions-form" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('actions.note')}
          <input name="note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button
          type="button"
          className="secondary small"
          disabled={busy || !note.trim()}
          onClick={() => void send(STORE_COMMAND_ROUTES.commentTicket, params, { note: note.trim() })}
        >
          {t('actions.comment')}
        </button>
        {mayManage(actor) ? (
          <>
            <label>
              {t('actions.assignee')}
              <input
                name="assignee"
                value={assignee}
                maxLength={100}
                onChange={(e) => setAssignee(e.target.value)}
              />
            </label>
            <button
              type="button"
              className="secondary small"
              disabled={busy || !assignee.trim()}
              onClick={() =>
                void send(STORE_COMMAND_ROUTES.assignTicket, params, {
                  assignee: assignee.trim(),
                  ...withNote,
                })
              }
            >
              {t('actions.assign')}
            </button>
            <button
              type="button"
              className="secondary small"
              disabled={busy}
              onClick={() => void send(STORE_COMMAND_ROUTES.closeTicket, params, withNote)}
            >
              {t('actions.close')}
            </button>
          </>
        ) : null}
        <ActionResult state={state} />
      </form>
    </details>
  );
}
