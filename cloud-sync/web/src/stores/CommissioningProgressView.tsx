import { useTranslation } from 'react-i18next';
import type { ChecklistProgressItem } from '../../../../shared/api/commissioning-progress';
import { localized } from '../../../../shared/browser/locale';
import type { StoreCommissioning } from '../../../../shared/central/commissioning-progress';
import { formatDateTime } from '../format/time';

interface CommissioningProgressViewProps {
  commissioning: StoreCommissioning;
  /** every check with what it waits for (the store page); the list shows the headline alone */
  detailed: boolean;
  /** an equipment id as this page names it */
  nameOf?: (subject: string) => string;
}

/**
 * A store's commissioning as its box last reported it: the reporting line as the headline
 * ("17 of 20 reporting, 3 waiting: …"), how many checks are complete, and, on the store page,
 * each check with what it waits for; then the handover, signed or not.
 */
export function CommissioningProgressView({
  commissioning,
  detailed,
  nameOf,
}: CommissioningProgressViewProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { progress, handover } = commissioning;
  const name = nameOf ?? ((s: string) => s);
  const separator = lang.startsWith('zh') ? '、' : ', ';
  const reporting = progress?.items.find((i) => i.id === 'reporting');
  const completeCount = progress?.items.filter((i) => i.complete).length ?? 0;
  // Named as this page names the units; the box's own line names ids.
  const reportingLine = (item: ChecklistProgressItem) =>
    item.waiting.length === 0
      ? t('commissioning.reporting', { done: item.done, total: item.total })
      : t('commissioning.reportingWaiting', {
          done: item.done,
          total: item.total,
          count: item.total - item.done,
          names: item.waiting.map(name).join(separator),
        });
  return (
    <div className="commissioning-progress" data-store-id={commissioning.storeId}>
      {progress ? (
        <>
          <p className="commissioning-headline">
            <strong>{reporting ? reportingLine(reporting) : t('commissioning.noProgress')}</strong>
          </p>
          <p className="muted small">
            {progress.complete
              ? t('commissioning.allDone')
              : t('commissioning.checksDone', { done: completeCount, total: progress.items.length })}
            {commissioning.receivedAt !== null
              ? ` · ${t('commissioning.received', { date: formatDateTime(progress.checkedAt, lang) })}`
              : null}
          </p>
          {detailed ? (
            <ul className="commissioning-items">
              {progress.items.map((item) => (
                <li key={item.id} data-item={item.id} data-complete={item.complete}>
                  <span className={item.complete ? 'tone-ok' : 'tone-warning'}>
                    {item.complete ? '✓' : '○'} {localized(item.title, lang)}
                  </span>{' '}
                  <span className="muted">
                    {item.done}/{item.total} ·{' '}
                    {t(item.complete ? 'commissioning.complete' : 'commissioning.open')}
                  </span>
                  {item.waiting.length > 0 ? (
                    <div className="small">
                      {t('commissioning.waiting', { names: item.waiting.map(name).join(separator) })}
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <p className="muted small">{t('commissioning.noProgress')}</p>
      )}
      <p className="commissioning-handover small" data-signed={handover !== null}>
        <strong className="commissioning-label">{t('commissioning.handoverLabel')}</strong>
        {handover === null ? (
          <span className="muted">{t('commissioning.notSigned')}</span>
        ) : (
          <>
            {t('commissioning.signed', {
              name: handover.signerName,
              role: t(`commissioning.storeRole.${handover.role}`, { defaultValue: handover.role }),
              date: formatDateTime(handover.signedAt, lang),
            })}
            {' · '}
            <span className={handover.complete ? 'tone-ok' : 'tone-warning'}>
              {handover.complete
                ? t('commissioning.signedComplete')
                : t('commissioning.signedOverride', {
                    items: handover.openItems
                      .map((id) => {
                        const item = progress?.items.find((i) => i.id === id);
                        return item ? localized(item.title, lang) : id;
                      })
                      .join(separator),
                    reason: handover.overrideReason ?? '',
                  })}
            </span>
          </>
        )}
      </p>
    </div>
  );
}
