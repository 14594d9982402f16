import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { centralPath } from '../../../../shared/central/api';
import { FOOD_SAFETY_ROUTES } from '../../../../shared/central/food-safety-api';
import { downloadRecords } from './records-download';

interface RecordsDownloadProps {
  storeId: string;
  from: number;
  to: number;
  token: string;
}

/**
 * The store's records for the shown range as a file. Central does not hold the store's own
 * report (PDF with the chart and the minute log: it is made on the store's box), so this
 * offers the CSV of what the store has synced, and says where the full report is.
 */
export function RecordsDownload({ storeId, from, to, token }: RecordsDownloadProps) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const path = `${centralPath(FOOD_SAFETY_ROUTES.storeRecordsCsv, { storeId })}?from=${from}&to=${to}&lang=${lang}`;
  const download = () => {
    setState('busy');
    downloadRecords(path, token, `food-safety-central_${storeId}.csv`).then(
      () => setState('idle'),
      () => setState('failed'),
    );
  };
  return (
    <p className="records-download" data-testid="food-safety-download">
      <button
        type="button"
        className="secondary small"
        onClick={download}
        disabled={state === 'busy'}
        data-path={path}
      >
        {t('foodSafety.downloadCsv')}
      </button>{' '}
      {state === 'failed' ? (
        <span className="tone-critical small">{t('foodSafety.downloadFailed')}</span>
      ) : (
        <span className="muted small">{t('foodSafety.downloadHint')}</span>
      )}
    </p>
  );
}
