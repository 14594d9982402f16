import { useTranslation } from 'react-i18next';
import { type BoxStatusView, UPDATE_FAILURES } from '../../../../shared/central/edge-releases';
import { formatDateTime } from '../format/time';
import { failureCauseWords } from './failure-words';
import { byRegion, failingChecks } from './update-status';

interface BoxesTableProps {
  boxes: readonly BoxStatusView[];
  regionName: (regionId: string) => string;
  onOpenStore: (storeId: string) => void;
}

/** Every box in the user's scope, a heading row per region: version, health, supervisor, last update. */
export function BoxesTable({ boxes, regionName, onOpenStore }: BoxesTableProps) {
  const { t, i18n } = useTranslation();
  if (boxes.length === 0) return <p className="empty">{t('updates.noBoxes')}</p>;
  return (
    <div className="table-scroll">
      <table className="grid boxes-table">
        <thead>
          <tr>
            <th>{t('updates.store')}</th>
            <th>{t('updates.version')}</th>
            <th>{t('updates.health')}</th>
            <th>{t('updates.supervised')}</th>
            <th>{t('updates.lastUpdate')}</th>
            <th>{t('updates.reportedAt')}</th>
          </tr>
        </thead>
        {byRegion(boxes, regionName).map((group) => (
          <tbody key={group.regionId} data-region={group.regionId}>
            <tr className="region-row">
              <th colSpan={6} scope="rowgroup">
                {t('updates.regionGroup', { name: group.name, count: group.boxes.length })}
              </th>
            </tr>
            {group.boxes.map((box) => (
              <tr key={box.storeId} data-box={box.storeId}>
                <td className="store-cell">
                  <button type="button" className="link store-link" onClick={() => onOpenStore(box.storeId)}>
                    {box.storeId}
                  </button>
                </td>
                <td className="version-cell">{box.version ?? '—'}</td>
                <td data-health={box.healthy === null ? 'unknown' : box.healthy ? 'ok' : 'failing'}>
                  {box.healthy === null ? (
                    <span className="muted">{t('updates.neverReported')}</span>
                  ) : box.healthy ? (
                    <span className="tone-ok">{t('updates.healthy')}</span>
                  ) : (
                    <span className="tone-critical">
                      {t('updates.unhealthy', { checks: failingChecks(box, t) })}
                    </span>
                  )}
                </td>
                <td>
                  {box.supervised === null ? (
                    '—'
                  ) : box.supervised ? (
                    t('updates.yes')
                  ) : (
                    <span className="tone-warning" title={t('updates.unsupervisedHint')}>
                      {t('updates.no')}
                    </span>
                  )}
                </td>
                <td className="last-update" data-outcome={box.lastUpdate?.outcome ?? 'none'}>
                  {box.lastUpdate ? (
                    <>
                      <span
                        className={
                          UPDATE_FAILURES.includes(box.lastUpdate.outcome) ? 'tone-critical' : undefined
                        }
                      >
                        {t('updates.outcomeTo', {
                          outcome: t(`updates.outcomes.${box.lastUpdate.outcome}`),
                          version: box.lastUpdate.version,
                        })}
                      </span>
                      {box.lastUpdate.reason ? (
                        <div className="muted small">
                          {t('updates.because', {
                            reason: box.lastUpdate.cause
                              ? failureCauseWords(box.lastUpdate.cause, t)
                              : box.lastUpdate.reason,
                          })}
                        </div>
                      ) : null}
                      <div className="muted small">{formatDateTime(box.lastUpdate.at, i18n.language)}</div>
                    </>
                  ) : (
                    <span className="muted">{t('updates.noUpdate')}</span>
                  )}
                </td>
                <td>{box.reportedAt === null ? '—' : formatDateTime(box.reportedAt, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
