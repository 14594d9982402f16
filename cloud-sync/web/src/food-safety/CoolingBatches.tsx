import { useTranslation } from 'react-i18next';
import type { CoolingBatchView, CoolingStageView } from '../../../../shared/api/food-safety';
import { formatDateTime } from '../format/time';
import { formatQuantity } from '../stock/stock-format';
import { formatCelsius } from './food-safety-format';

/**
 * A store's cooling batches as central holds them, those that missed a stage first (the
 * order central answers in): product and probe, when cooling began, each stage with its
 * target and when it passed or failed at what temperature, and the corrective action.
 */
export function CoolingBatches({ batches }: { batches: readonly CoolingBatchView[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const stageCount = Math.max(0, ...batches.map((b) => b.stages.length));
  const numbers = Array.from({ length: stageCount }, (_, i) => i + 1);
  return (
    <>
      <h3>{t('foodSafety.coolingTitle')}</h3>
      {batches.length === 0 ? (
        <p className="empty">{t('foodSafety.noCooling')}</p>
      ) : (
        <table className="grid cooling-batches" data-testid="food-safety-cooling">
          <thead>
            <tr>
              <th>{t('foodSafety.batch')}</th>
              <th>{t('foodSafety.coolingFrom')}</th>
              {numbers.map((n) => (
                <th key={n}>{t('foodSafety.stage', { n })}</th>
              ))}
              <th>{t('foodSafety.coolingState')}</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((batch) => {
              const failed = batch.stages.some((s) => s.result === 'failed');
              return (
                <tr
                  key={batch.id}
                  data-testid={`cooling-${batch.id}`}
                  data-failed={failed}
                  className={failed ? 'row-critical' : undefined}
                >
                  <td>
                    {batch.product}
                    <span className="muted small"> #{batch.id}</span>
                    <span className="action-note">
                      {batch.quantity
                        ? `${formatQuantity(batch.quantity.amount, language)} ${t(`foodSafety.unit.${batch.quantity.unit}`)} · `
                        : ''}
                      {t('foodSafety.probe', { probe: batch.equipmentId })}
                    </span>
                  </td>
                  <td>
                    {batch.t0 === null
                      ? t('foodSafety.notHotYet', { at: formatDateTime(batch.startedAt, language) })
                      : formatDateTime(batch.t0, language)}
                  </td>
                  {numbers.map((n) => {
                    const stage = batch.stages[n - 1];
                    return (
                      <td key={n} data-stage={stage?.result}>
                        {stage ? <Stage stage={stage} language={language} /> : '—'}
                      </td>
                    );
                  })}
                  <td>
                    {t(`foodSafety.coolingStateOf.${batch.state}`)}
                    {batch.actionId !== null ? (
                      <span className="action-note">
                        {t('foodSafety.coolingAction', { id: batch.actionId })}
                      </span>
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

function Stage({ stage, language }: { stage: CoolingStageView; language: string }) {
  const { t } = useTranslation();
  const target = t('foodSafety.stageTarget', {
    temp: formatCelsius(stage.toC, language),
    hours: Math.round((stage.withinMin / 60) * 10) / 10,
  });
  const tone = stage.result === 'failed' ? 'tone-critical' : stage.result === 'passed' ? 'tone-ok' : 'muted';
  return (
    <>
      <strong className={tone}>{t(`foodSafety.stageResult.${stage.result}`)}</strong>
      <span className="action-note">{target}</span>
      {stage.at !== null ? (
        <span className="action-note">
          {formatDateTime(stage.at, language)}
          {stage.valueC !== null ? ` · ${formatCelsius(stage.valueC, language)}` : ''}
        </span>
      ) : null}
    </>
  );
}
