import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../shared/localized-text';
import { fetchOrderDocument } from './purchasing-api';
import { type PurchasingContext, purchasingProblem } from './purchasing-context';

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
 * The printed order (PDF) and its CSV, in the language the display speaks now. The edge
 * wants a person's token for them, so they are fetched and handed over as files rather
 * than linked: a plain link would carry no token.
 */
export function OrderDocuments({
  ctx,
  orderId,
  lang,
}: {
  ctx: PurchasingContext;
  orderId: number;
  lang: Locale;
}) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ problem: boolean; text: string } | undefined>();

  async function take(format: 'pdf' | 'csv') {
    setBusy(true);
    setNote(undefined);
    try {
      const { blob, fileName } = await fetchOrderDocument(orderId, format, lang, ctx.person.token);
      const url = URL.createObjectURL(blob);
      const tab = format === 'pdf' ? window.open(url, '_blank') : null;
      if (!tab) download(url, fileName);
      setNote({
        problem: false,
        text: t(tab ? 'purchasing.documents.opened' : 'purchasing.documents.saved', { file: fileName }),
      });
      // The new tab or the download reads the file after this returns: let go of it later.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      setNote({ problem: true, text: purchasingProblem(err, t, i18n.language) ?? '' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="secondary" disabled={busy} onClick={() => void take('pdf')}>
        {t('purchasing.documents.pdf')}
      </button>
      <button type="button" className="secondary" disabled={busy} onClick={() => void take('csv')}>
        {t('purchasing.documents.csv')}
      </button>
      {note ? (
        <span
          className={note.problem ? 'dialog-error' : 'stock-done'}
          role={note.problem ? 'alert' : 'status'}
        >
          {note.text}
        </span>
      ) : null}
    </>
  );
}
