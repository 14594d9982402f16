import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CorrectiveActionView, ExcursionView } from '../../../../shared/api/food-safety';
import { localized } from '../../../../shared/browser/locale';
import { centralPath } from '../../../../shared/central/api';
import { FOOD_SAFETY_ROUTES, StoreFoodSafetyDetail } from '../../../../shared/central/food-safety-api';
import { type PollOptions, usePoll } from '../app/use-poll';
import { formatDateTime, formatDuration } from '../format/time';
import { formatQuantity } from '../stock/stock-format';
import { CheckRecords } from './CheckRecords';
import { CoolingBatches } from './CoolingBatches';
import { formatCelsius } from './food-safety-format';
import { RecordsDownload } from './RecordsDownload';
import { ReportArchive } from './ReportArchive';

interface StoreFoodSafetyPanelProps {
  storeId: string;
  storeName: string;
  from: number;
  to: number;
  poll: PollOptions;
  now: number;
  onOpenStore: (storeId: string) => void;
}

/** One store's excursions and corrective actions, polled while it is the chosen one. */
export function StoreFoodSafetyPanel({
  storeId,
  storeName,
  from,
  to,
  poll,
  now,
  onOpenStore,
}: StoreFoodSafetyPanelProps) {
  const { t } = useTranslation();
  const path = useMemo(
    () => `${centralPath(FOOD_SAFETY_ROUTES.store, { storeId })}?from=${from}&to=${to}`,
    [storeId, from, to],
  );
  const detail = usePoll(path, StoreFoodSafetyDetail, poll);
  return (
    <section data-testid="food-safety-detail" data-store-id={storeId}>
      <h2>
        {t('foodSafety.detailTitle', { store: storeName })}{' '}
        <button type="button" className="link small" onClick={() => onOpenStore(storeId)}>
          {t('foodSafety.openStore')}
        </button>
      </h2>
      <RecordsDownload storeId={storeId} from={from} to={to} token={poll.token} />
      <ReportArchive storeId={storeId} poll={poll} />
      {detail.data ? (
        <>
          <StoreFoodSafetyLists
            excursions={detail.data.excursions}
            actions={detail.data.correctiveActions}
            now={now}
          />
          <CoolingBatches batches={detail.data.cooling} />
          <CheckRecords records={detail.data.checks} />
        </>
      ) : (
        <p className="empty">{t('app.loading')}</p>
      )}
    </section>
  );
}

export function StoreFoodSafetyLists({
  excursions,
  actions,
  now,
}: {
  excursions: readonly ExcursionView[];
  actions: readonly CorrectiveActionView[];
  now: number;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <>
      <h3>{t('foodSafety.actionsTitle')}</h3>
      {actions.length === 0 ? (
        <p className="empty">{t('foodSafety.noActions')}</p>
      ) : (
        <table className="grid" data-testid="food-safety-actions">
          <thead>
            <tr>
              <th>{t('foodSafety.action')}</th>
              <th>{t('foodSafety.openedAt')}</th>
              <th>{t('foodSafety.state')}</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((action) => (
              <tr
                key={action.id}
                data-testid={`action-${action.id}`}
                className={action.state === 'open' && action.dueAt < now ? 'row-critical' : undefined}
              >
                <td>
                  {localized(action.title, language)}
                  <span className="muted small"> #{action.id}</span>
                </td>
                <td>{formatDateTime(action.openedAt, language)}</td>
                <td>
                  <ActionState action={action} now={now} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('foodSafety.excursionsTitle')}</h3>
      {excursions.length === 0 ? (
        <p className="empty">{t('foodSafety.noExcursions')}</p>
      ) : (
        <table className="grid" data-testid="food-safety-excursions">
          <thead>
            <tr>
              <th>{t('foodSafety.excursion')}</th>
              <th>{t('foodSafety.started')}</th>
              <th className="num">{t('foodSafety.lasted')}</th>
              <th className="num">{t('foodSafety.worst')}</th>
            </tr>
          </thead>
          <tbody>
            {excursions.map((excursion) => (
              <tr key={excursion.id} data-testid={`excursion-${excursion.id}`}>
                <td>{localized(excursion.title, language)}</td>
                <td>{formatDateTime(excursion.startedAt, language)}</td>
                <td className="num">
                  {formatDuration(excursion.minutes * 60, t)}
                  {excursion.endedAt === null ? (
                    <span className="tag warning">{t('foodSafety.stillOut')}</span>
                  ) : null}
                </td>
                <td className="num">
                  {excursion.worstC === null ? '—' : formatCelsius(excursion.worstC, language)}
                  <span className="muted small">
                    {' '}
                    {t(`foodSafety.limit.${excursion.bound}`, {
                      limit: formatCelsius(excursion.limitC, language),
                    })}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Open (and how overdue, and to whom it climbed) or who signed it off, what they did and with the product. */
function ActionState({ action, now }: { action: CorrectiveActionView; now: number }) {
  const { t, i18n } = useTranslation();
  if (action.state === 'open') {
    const overdue = action.dueAt < now;
    return (
      <>
        {overdue ? (
          <strong className="tone-critical">
            {t('foodSafety.overdueBy', { time: formatDuration((now - action.dueAt) / 1000, t) })}
          </strong>
        ) : (
          t('foodSafety.dueIn', { time: formatDuration((action.dueAt - now) / 1000, t) })
        )}
        {action.escalation !== 'none' ? (
          <span className="tag escalation">{t(`foodSafety.escalation.${action.escalation}`)}</span>
        ) : null}
      </>
    );
  }
  const quantity = action.quantity
    ? t('foodSafety.quantity', {
        amount: formatQuantity(action.quantity.amount, i18n.language),
        unit: t(`foodSafety.unit.${action.quantity.unit}`),
      })
    : '';
  const product =
    action.disposition === null
      ? null
      : `${t(`foodSafety.disposition.${action.disposition}`, { to: action.movedTo ?? '—' })}${quantity}`;
  return (
    <>
      <span className="tone-ok">{t('foodSafety.signedBy', { by: action.by ?? '—' })}</span>
      {action.whatDone ? <span className="action-note">{action.whatDone}</span> : null}
      {product ? <span className="action-note">{product}</span> : null}
    </>
  );
}
