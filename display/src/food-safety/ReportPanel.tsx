import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personMay } from '../auth/permissions';
import type { PersonSession } from '../auth/person-session';
import { fetchReport } from './food-safety-api';
import { problemText } from './food-safety-words';
import { REPORT_RANGES, type ReportRange, reportDays } from './report-range';

interface ReportPanelProps {
  signIn: (action: string) => Promise<PersonSession>;
  timezone: string;
  now: number;
}

/** Hands a file the display holds to the browser as a download. */
function download(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * The report for filing or an inspector: the PDF opens in the browser's own viewer in a
 * new tab, to print from there; where no tab may open (the kiosk refuses new windows) it
 * downloads instead, as the CSV always does. It cannot be shown inside the page: the
 * edge's content security policy allows no frames. The edge lets only the person in
 * charge take it, so a manager's PIN comes first.
 */
export function ReportPanel({ signIn, timezone, now }: ReportPanelProps) {
  const { t, i18n } = useTranslation();
  const [range, setRange] = useState<ReportRange>('today');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const lang = i18n.language.startsWith('zh') ? 'zh-CN' : 'en';

  async function take(format: 'pdf' | 'csv') {
    setProblem(undefined);
    setDone(undefined);
    setBusy(true);
    try {
      const person = await signIn(t(`foodSafety.report.action.${range}`));
      if (!personMay(person, 'food_safety.report')) {
        setProblem(t('foodSafety.report.needsManager', { name: person.name }));
        return;
      }
      const { blob, fileName } = await fetchReport(
        { ...reportDays(range, now, timezone), format, lang },
        person.token,
      );
      const url = URL.createObjectURL(blob);
      const tab = format === 'pdf' ? window.open(url, '_blank') : null;
      if (!tab) download(url, fileName);
      setDone(t(tab ? 'foodSafety.report.opened' : 'foodSafety.report.downloaded', { file: fileName }));
      // The new tab or the download reads the file after this returns: let go of it later.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      setProblem(problemText(err, t, i18n.language));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="fs-report" aria-label={t('foodSafety.report.title')}>
      <div className="fs-report-row">
        <fieldset className="fs-report-ranges" aria-label={t('foodSafety.report.range')}>
          {REPORT_RANGES.map((r) => (
            <button
              key={r}
              type="button"
              className={`choice ${range === r ? 'selected' : ''}`}
              aria-pressed={range === r}
              onClick={() => setRange(r)}
            >
              {t(`foodSafety.report.${r}`)}
            </button>
          ))}
        </fieldset>
        <button type="button" className="primary" disabled={busy} onClick={() => void take('pdf')}>
          {busy ? t('foodSafety.report.busy') : t('foodSafety.report.pdf')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void take('csv')}>
          {t('foodSafety.report.csv')}
        </button>
      </div>
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
      {done ? (
        <p className="stock-done" role="status">
          {done}
        </p>
      ) : null}
    </section>
  );
}
