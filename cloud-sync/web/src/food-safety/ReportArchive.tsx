import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { centralPath } from '../../../../shared/central/api';
import {
  type ArchivedReport,
  type ArchivedReportFormat,
  ArchivedReportList,
  REPORT_ARCHIVE_ROUTES,
} from '../../../../shared/central/food-safety-report-archive-api';
import type { Locale } from '../../../../shared/localized-text';
import { type PollOptions, usePoll } from '../app/use-poll';
import { downloadRecords } from './records-download';

const FILES: readonly { format: ArchivedReportFormat; lang: Locale }[] = [
  { format: 'pdf', lang: 'zh-CN' },
  { format: 'pdf', lang: 'en' },
  { format: 'csv', lang: 'zh-CN' },
  { format: 'csv', lang: 'en' },
];

/** The path of one archived file; a plain link would carry no token, so it is fetched. */
export function archivedFilePath(storeId: string, month: string, format: ArchivedReportFormat, lang: Locale) {
  return `${centralPath(REPORT_ARCHIVE_ROUTES.file, { storeId, file: `${month}.${format}` })}?lang=${lang}`;
}

/**
 * The store's own monthly food-safety reports as its box archived them at central: per
 * month, the PDF and the CSV in Chinese and in English.
 */
export function ReportArchive({ storeId, poll }: { storeId: string; poll: PollOptions }) {
  const { t } = useTranslation();
  const path = useMemo(() => centralPath(REPORT_ARCHIVE_ROUTES.list, { storeId }), [storeId]);
  const list = usePoll(path, ArchivedReportList, poll);
  const [failed, setFailed] = useState(false);
  const months = useMemo(() => {
    const byMonth = new Map<string, ArchivedReport[]>();
    for (const report of list.data?.reports ?? [])
      byMonth.set(report.month, [...(byMonth.get(report.month) ?? []), report]);
    return [...byMonth].sort(([a], [b]) => b.localeCompare(a));
  }, [list.data]);
  const download = (month: string, format: ArchivedReportFormat, lang: Locale) => {
    setFailed(false);
    const file = archivedFilePath(storeId, month, format, lang);
    downloadRecords(file, poll.token, `food-safety_${storeId}_${month}_${lang}.${format}`).catch(() =>
      setFailed(true),
    );
  };
  return (
    <div className="report-archive" data-testid="food-safety-report-archive">
      <h3>{t('foodSafety.archiveTitle')}</h3>
      <p className="muted small">{t('foodSafety.archiveHint')}</p>
      {failed ? <p className="tone-critical small">{t('foodSafety.downloadFailed')}</p> : null}
      {!list.data ? (
        <p className="empty">{t('app.loading')}</p>
      ) : months.length === 0 ? (
        <p className="empty">{t('foodSafety.archiveEmpty')}</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('foodSafety.archiveMonth')}</th>
              <th>{t('foodSafety.archivePdf')}</th>
              <th>{t('foodSafety.archiveCsv')}</th>
            </tr>
          </thead>
          <tbody>
            {months.map(([month, reports]) => (
              <tr key={month} data-testid={`report-month-${month}`}>
                <td>{month}</td>
                {(['pdf', 'csv'] as const).map((format) => (
                  <td key={format}>
                    {FILES.filter((f) => f.format === format).map(({ lang }, index) => {
                      const report = reports.find((r) => r.format === format && r.lang === lang);
                      if (!report) return null;
                      return (
                        <span key={lang}>
                          {index > 0 ? <span className="muted"> · </span> : null}
                          <button
                            type="button"
                            className="link small"
                            data-path={archivedFilePath(storeId, month, format, lang)}
                            data-sha256={report.sha256}
                            title={t('foodSafety.archiveSize', { size: Math.ceil(report.bytes / 1024) })}
                            onClick={() => download(month, format, lang)}
                          >
                            {lang === 'zh-CN' ? t('foodSafety.langZh') : t('foodSafety.langEn')}
                          </button>
                        </span>
                      );
                    })}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
