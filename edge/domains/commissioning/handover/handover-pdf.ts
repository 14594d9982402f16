import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Locale } from '../../../../shared/localized-text';
import { yieldToEventLoop } from '../../food-safety/report/food-safety-report';
import { LocalTime } from '../../food-safety/report/local-time';
import { type Column, PdfLayout } from '../../food-safety/report/pdf-layout';
import { CJK_FONT, type PdfFonts } from '../../food-safety/report/report-pdf';
import { HandoverError } from './handover-errors';
import type { HandoverReport } from './handover-report';
import { handoverTables } from './handover-rows';
import { handoverWords } from './handover-text';

const RED = '#b42318';
const GREEN = '#1a7f37';

/**
 * The handover as an A4 landscape PDF (the equipment table is twelve columns wide) in the
 * reader's language, with Noto Sans CJK so a Chinese name prints in the English report
 * too: the store and checklist status, every table of `handoverTables`, then who signed
 * (or NOT SIGNED) with the checklist's SHA-256, and page numbers in every footer.
 */
export async function renderHandoverPdf(
  report: HandoverReport,
  lang: Locale,
  fonts: PdfFonts = CJK_FONT,
): Promise<Buffer> {
  if (!existsSync(fonts.regular.path))
    throw new HandoverError('FONT_MISSING', {
      en: `the PDF report needs the CJK font ${fonts.regular.path}: install the Debian package fonts-noto-cjk`,
      'zh-CN': `PDF 报告需要中文字体 ${fonts.regular.path}：请安装 Debian 软件包 fonts-noto-cjk`,
    });
  const bold = fonts.bold && existsSync(fonts.bold.path) ? fonts.bold : fonts.regular;
  const w = handoverWords(lang);
  const time = new LocalTime(report.store.timeZone);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 54, bottom: 54, left: 42, right: 42 },
    bufferPages: true,
    info: {
      Title: `${w.title} · ${report.store.name[lang]}`,
      Author: 'Galley',
      Subject: report.store.id,
      CreationDate: new Date(report.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', fonts.regular.path, fonts.regular.family);
  doc.registerFont('bold', bold.path, bold.family);
  const l = new PdfLayout(doc);

  l.title(w.title);
  l.fields([
    [w.store, `${report.store.name[lang]} (${report.store.id})`],
    [w.timeZone, `${report.store.timeZone} (${time.offsetLabel(report.generatedAt)})`],
    [w.generatedAt, time.dateTime(report.generatedAt)],
    [w.status, report.checklist.complete ? w.complete : w.incomplete],
  ]);
  const tables = handoverTables(report, lang);
  // The signature prints as fields below: its hash is too long for a table cell.
  for (const table of tables.slice(0, -1)) {
    // Laying out a table of CJK text is synchronous work: let /healthz and the kitchen's
    // requests in between tables.
    await yieldToEventLoop();
    l.heading(table.title);
    const width = Math.floor(l.width / table.header.length);
    const columns: Column[] = table.header.map((header) => ({ header, width }));
    await l.tableYielding(
      columns,
      table.rows.map((cells) =>
        cells.map((text) =>
          text === w.no ||
          text === w.incomplete ||
          text === w.notSeen ||
          text === w.notReached ||
          text === w.open
            ? { text, color: RED, bold: true }
            : text === w.done
              ? { text, color: GREEN }
              : text,
        ),
      ),
      7,
    );
  }
  l.heading(w.signature);
  const s = report.signature;
  if (s)
    l.fields([
      [w.signedBy, `${s.signerName} (${s.signedBy})`],
      [w.role, s.role],
      [w.signedAt, time.dateTime(s.signedAt)],
      [w.override, s.overrideReason ?? '—'],
      [w.checklistSha, s.checklistSha256],
    ]);
  else l.paragraph(w.notSigned);

  const generated = `${w.generatedAt} ${time.dateTime(report.generatedAt)} (${report.store.timeZone})`;
  l.eachPage((n, of) => {
    l.pageHeader(`${w.title} · ${report.store.name[lang]} (${report.store.id})`);
    l.pageFooter(generated, w.page(n, of));
  });
  doc.end();
  return done;
}
