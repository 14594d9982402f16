import { useTranslation } from 'react-i18next';

/** CSV and print for a list: CSV once its rows are in, print at any time (a print stylesheet hides the controls). */
export function ExportButtons({ onCsv, ready }: { onCsv: () => void; ready: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="secondary small" onClick={onCsv} disabled={!ready}>
        {t('export.csv')}
      </button>
      <button type="button" className="secondary small" onClick={() => window.print()}>
        {t('export.print')}
      </button>
    </>
  );
}
