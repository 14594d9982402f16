import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { PurchaseOrderView } from '../../../shared/api/purchasing';
import type { Locale } from '../../../shared/localized-text';
import { CJK_FONT, type PdfFonts } from '../food-safety/report/report-pdf';
import { ORDER_WORDS } from './order-words';
import { PurchasingError } from './purchasing-errors';

/** Column x positions on A4 (points), wide enough for "价税合计" and a 9-digit amount. */
const COLUMNS = [42, 70, 200, 250, 290, 350, 395, 455, 505] as const;

/** The order as an A4 PDF to send the supplier, in one language, with the CJK font the food-safety report uses. */
export async function orderPdf(
  order: PurchaseOrderView,
  lang: Locale,
  fonts: PdfFonts = CJK_FONT,
): Promise<Buffer> {
  if (!existsSync(fonts.regular.path))
    throw new PurchasingError('REQUEST_REFUSED', {
      en: `the PDF needs the CJK font ${fonts.regular.path}: apt-get install fonts-noto-cjk`,
      'zh-CN': `PDF 需要中文字体 ${fonts.regular.path}：请安装 fonts-noto-cjk`,
    });
  const w = ORDER_WORDS[lang];
  const doc = new PDFDocument({ size: 'A4', margin: 42, info: { Title: `${w.title} PO-${order.id}` } });
  doc.registerFont('body', fonts.regular.path, fonts.regular.family);
  doc.font('body');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.fontSize(18).text(`${w.title} PO-${order.id}`);
  doc.fontSize(10).moveDown(0.5);
  doc.text(`${w.supplier}: ${order.supplierName[lang]}`);
  doc.text(`${w.currency}: ${order.currency}    ${w.terms}: ${order.paymentTermsDays} ${w.days}`);
  doc.text(`${w.state}: ${order.state}`);
  if (order.placedAt !== null)
    doc.text(`${w.placed}: ${new Date(order.placedAt).toISOString()}  ${w.by}: ${order.placedBy ?? ''}`);
  doc.moveDown();
  const row = (cells: readonly string[]) => {
    const y = doc.y;
    cells.forEach((c, i) => {
      doc.text(c, COLUMNS[i] ?? 42, y, { lineBreak: false });
    });
    doc.x = 42;
    doc.y = y + 16;
  };
  doc.fontSize(8);
  row([w.line, w.item, w.qty, w.unit, w.unitPrice, w.taxRate, w.net, w.vat, w.gross]);
  for (const l of order.lines)
    row([String(l.line), l.name[lang], l.qty, l.unit, l.unitPrice, l.taxRatePct, l.net, l.vat, l.gross]);
  row([w.totals, '', '', '', '', '', order.totals.net, order.totals.vat, order.totals.gross]);
  doc.end();
  return done;
}
