import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestError } from '../../../../shared/browser/json-client';
import { localized } from '../../../../shared/browser/locale';
import { centralPath } from '../../../../shared/central/api';
import {
  CENTRAL_APPROVAL_ROUTES,
  CentralApprovalList,
  type CentralApprovalView,
  CentralApprovalView as CentralApprovalViewSchema,
} from '../../../../shared/purchasing/approval-events';
import { requestCentral } from '../api/central-client';
import type { PollOptions } from '../app/use-poll';
import { usePoll } from '../app/use-poll';
import { formatAmount } from './purchasing-format';

interface ApprovalsPanelProps {
  poll: PollOptions;
  onOpenStore: (storeId: string) => void;
}

/** Overdue first, then the longest waiting: what a regional manager should look at first. */
export function approvalOrder(a: CentralApprovalView, b: CentralApprovalView): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  return b.ageHours - a.ageHours || a.id - b.id;
}

/**
 * 待我审批: the steps above the store whose turn is at the signed-in user's level (central
 * scopes the list by role and region), each approved or rejected with a reason here. A
 * decision central refuses (another level's step, one's own request) shows central's reason.
 * Someone who decides no level is refused the list, and sees no section at all.
 */
export function ApprovalsPanel({ poll, onOpenStore }: ApprovalsPanelProps) {
  const { t } = useTranslation();
  const pending = usePoll(`${CENTRAL_APPROVAL_ROUTES.list}?status=pending`, CentralApprovalList, poll);
  if (pending.error?.code === 'forbidden') return null;
  return (
    <section data-testid="purchasing-approvals">
      <h2>{t('purchasing.approvals.title')}</h2>
      <p className="muted small">{t('purchasing.approvals.hint')}</p>
      {!pending.data ? (
        <p className="empty">{t('app.loading')}</p>
      ) : pending.data.length === 0 ? (
        <p className="empty">{t('purchasing.approvals.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="grid">
            <thead>
              <tr>
                <th>{t('purchasing.store')}</th>
                <th>{t('purchasing.approvals.request')}</th>
                <th className="num">{t('purchasing.approvals.amount')}</th>
                <th>{t('purchasing.approvals.level')}</th>
                <th>{t('purchasing.approvals.age')}</th>
                <th>{t('purchasing.approvals.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {[...pending.data].sort(approvalOrder).map((step) => (
                <ApprovalRow key={step.id} step={step} token={poll.token} onOpenStore={onOpenStore} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

type Outcome =
  | { kind: 'idle' | 'busy' }
  | { kind: 'decided'; outcome: 'approved' | 'rejected' }
  | { kind: 'refused'; error: RequestError };

function ApprovalRow({
  step,
  token,
  onOpenStore,
}: {
  step: CentralApprovalView;
  token: string;
  onOpenStore: (storeId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const decide = async (decision: 'approved' | 'rejected') => {
    setOutcome({ kind: 'busy' });
    try {
      await requestCentral(
        centralPath(CENTRAL_APPROVAL_ROUTES.decide, { id: String(step.id) }),
        CentralApprovalViewSchema,
        {
          method: 'POST',
          token,
          body: { outcome: decision, ...(reason.trim() ? { reason: reason.trim() } : {}) },
        },
      );
      setOutcome({ kind: 'decided', outcome: decision });
    } catch (err) {
      setOutcome({
        kind: 'refused',
        error: err instanceof RequestError ? err : new RequestError('network', String(err)),
      });
    }
  };
  const decided = outcome.kind === 'decided';
  return (
    <tr
      data-testid={`approval-${step.storeId}-${step.id}`}
      className={step.overdue ? 'row-critical' : undefined}
    >
      <td className="store-cell">
        <button type="button" className="link store-link" onClick={() => onOpenStore(step.storeId)}>
          {step.storeId}
        </button>
      </td>
      <td className="request-cell">
        {t(`purchasing.approvals.kinds.${step.requestKind}`)} #{step.requestId}
        <div className="muted small">
          {t('purchasing.approvals.requested', { item: step.item, qty: step.qty, by: step.requestedBy })}
        </div>
        <div className="muted small">{localized(step.why, language)}</div>
      </td>
      <td className="num">
        {step.amount === null
          ? t('purchasing.approvals.unpriced')
          : formatAmount(step.amount, step.currency, language)}
      </td>
      <td>
        {t(`purchasing.approvals.levels.${step.level}`)}
        <div className="muted small">
          {t('purchasing.approvals.step', { step: step.step, steps: step.steps })}
        </div>
      </td>
      <td className="age-cell">
        {step.ageHours < 48
          ? t('purchasing.approvals.hours', { hours: step.ageHours })
          : t('purchasing.approvals.days', {
              days: Math.floor(step.ageHours / 24),
              hours: Math.floor(step.ageHours % 24),
            })}
        {step.overdue ? <div className="tone-critical">{t('purchasing.approvals.overdue')}</div> : null}
      </td>
      <td className="approval-decision">
        {decided ? (
          <span className={outcome.outcome === 'approved' ? 'tone-ok' : 'tone-warning'}>
            {t(
              outcome.outcome === 'approved'
                ? 'purchasing.approvals.approved'
                : 'purchasing.approvals.rejected',
            )}
          </span>
        ) : (
          <form
            aria-label={t('purchasing.approvals.decision')}
            onSubmit={(e) => {
              e.preventDefault();
              void decide('approved');
            }}
          >
            <input
              type="text"
              name="reason"
              aria-label={t('purchasing.approvals.reason')}
              placeholder={t('purchasing.approvals.reasonHint')}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <button type="submit" className="primary" disabled={outcome.kind === 'busy'}>
              {t('purchasing.approvals.approve')}
            </button>
            <button
              type="button"
              disabled={outcome.kind === 'busy' || !reason.trim()}
              onClick={() => void decide('rejected')}
            >
              {t('purchasing.approvals.reject')}
            </button>
          </form>
        )}
        {outcome.kind === 'refused' ? (
          <p role="alert" className="tone-critical small">
            {t('purchasing.approvals.refused', { message: outcome.error.messageIn(language) })}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
