import { useTranslation } from 'react-i18next';
import type { CheckRecordView } from '../../../../shared/api/food-safety-checks';
import { localized } from '../../../../shared/browser/locale';
import { formatDateTime } from '../format/time';
import { formatCelsius } from './food-safety-format';

/**
 * A store's manual checks as central holds them, missed and out of limit first (the
 * order central answers in): when each was due, what, and the value or that nobody
 * recorded it.
 */
export function CheckRecords({ records }: { records: readonly CheckRecordView[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <>
      <h3>{t('foodSafety.checksTitle')}</h3>
      {records.length === 0 ? (
        <p className="empty">{t('foodSafety.noChecks')}</p>
      ) : (
        <table className="grid" data-testid="food-safety-checks">
          <thead>
            <tr>
              <th>{t('foodSafety.checkDue')}</th>
              <th>{t('foodSafety.check')}</th>
              <th>{t('foodSafety.checkResult')}</th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => {
              const bad = r.status === 'missed' || r.inLimit === false;
              return (
                <tr key={r.id} data-status={r.status} className={bad ? 'row-critical' : undefined}>
                  <td>{formatDateTime(r.slotAt, language)}</td>
                  <td>
                    {localized(r.title, language)}
                    <span className="muted small"> {r.clause}</span>
                  </td>
                  <td>
                    {r.status === 'missed'
                      ? t('foodSafety.checkMissed')
                      : `${formatCelsius(r.valueC ?? 0, language)} · ${t(r.inLimit ? 'foodSafety.checkInLimit' : 'foodSafety.checkOut')}`}
                    {r.actionId !== null ? (
                      <span className="action-note">{t('foodSafety.coolingAction', { id: r.actionId })}</span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
