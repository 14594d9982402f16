import type { Box } from './chart-drawing';

type Doc = PDFKit.PDFDocument;

export type Cell = string | { text: string; color?: string | undefined; bold?: boolean | undefined };
export interface Column {
  header: string;
  /** points; a table's columns add up to the text width (511 pt on A4 with these margins) */
  width: number;
  align?: 'left' | 'right' | 'center';
}

const INK = '#111111';
const MUTED = '#555555';
const RULE = '#bbbbbb';
const HEADER_FILL = '#eeeeee';
const PAD = 3;

/**
 * Top-to-bottom layout on pdfkit pages: the cursor, page breaks that repeat a table's
 * header, and the running header and footer. pdfkit breaks pages inside text by itself;
 * here every block is measured first and moved whole to the next page instead, so a
 * table row or the chart is never cut in two.
 */
export class PdfLayout {
  readonly doc: Doc;
  #y: number;

  constructor(doc: Doc) {
    this.doc = doc;
    this.#y = doc.page.margins.top;
    doc.font('body').fillColor(INK);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  get #bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  newPage(): void {
    this.doc.addPage();
    this.#y = this.doc.page.margins.top;
  }

  /** Moves to a new page unless `height` more fits on this one. */
  ensure(height: number): void {
    if (this.#y + height > this.#bottom && this.#y > this.doc.page.margins.top) this.newPage();
  }

  gap(points: number): void {
    this.#y += points;
  }

  title(text: string): void {
    this.#text(text, { font: 'bold', size: 18, after: 8 });
  }

  heading(text: string, size = 12): void {
    this.ensure(size * 4);
    this.#text(text, { font: 'bold', size, after: 4 });
  }

  subheading(text: string): void {
    this.ensure(60);
    this.gap(6);
    this.#text(text, { font: 'bold', size: 10, after: 3 });
  }

  paragraph(text: string): void {
    this.#text(text, { font: 'body', size: 9, after: 4 });
  }

  note(text: string): void {
    this.#text(text, { font: 'body', size: 7.5, color: MUTED, after: 4 });
  }

  /** Label and value pairs, the labels in a narrow column. */
  fields(pairs: readonly [string, string][]): void {
    const labelW = 95;
    const doc = this.doc;
    for (const [label, value] of pairs) {
      doc.font('body').fontSize(9);
      const h = Math.max(
        doc.heightOfString(value, { width: this.width - labelW }),
        doc.heightOfString(label, { width: labelW - 6 }),
      );
      this.ensure(h);
      doc.fillColor(MUTED).text(label, this.left, this.#y, { width: labelW - 6 });
      doc.fillColor(INK).text(value, this.left + labelW, this.#y, { width: this.width - labelW });
      this.#y += h + 2;
    }
    this.gap(2);
  }

  /** A box of the text width, on this page if it fits; the cursor moves below it. */
  reserve(height: number): Box {
    this.ensure(height);
    const box = { x: this.left, y: this.#y, width: this.width, height };
    this.#y += height + 4;
    return box;
  }

  paragraphAt(text: string, box: Box): void {
    this.doc
      .font('body')
      .fontSize(9)
      .fillColor(MUTED)
      .text(text, box.x, box.y + box.height / 2 - 5, {
        width: box.width,
        align: 'center',
      });
    this.doc.fillColor(INK);
  }

  /**
   * `table`, letting the event loop in every `rowsPerTurn` rows: measuring and drawing CJK
   * text is synchronous, and a long table would hold /healthz and the kitchen's requests.
   */
  async tableYielding(
    columns: readonly Column[],
    rows: readonly Cell[][],
    size = 8,
    rowsPerTurn = 6,
  ): Promise<void> {
    for (let i = 0; i < rows.length || i === 0; i += rowsPerTurn) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      this.#tableRows(columns, rows.slice(i, i + rowsPerTurn), size, i === 0);
    }
    this.doc.font('body').fillColor(INK);
    this.gap(4);
  }

  table(columns: readonly Column[], rows: readonly Cell[][], size = 8): void {
    this.#tableRows(columns, rows, size, true);
    this.doc.font('body').fillColor(INK);
    this.gap(4);
  }

  #tableRows(columns: readonly Column[], rows: readonly Cell[][], size: number, first: boolean): void {
    const header = () =>
      this.#row(
        columns,
        columns.map((c) => ({ text: c.header, bold: true })),
        size,
        true,
      );
    if (first) {
      this.ensure(
        this.#rowHeight(
          columns,
          columns.map((c) => ({ text: c.header, bold: true })),
          size,
        ) * 2,
      );
      header();
    }
    for (const row of rows) {
      const h = this.#rowHeight(columns, row, size);
      if (this.#y + h > this.#bottom) {
        this.newPage();
        header();
      }
      this.#row(columns, row, size, false);
    }
  }

  /** Runs `draw` on every page once the content is laid out, with its number and the count. */
  eachPage(draw: (n: number, of: number) => void): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      draw(i - range.start + 1, range.count);
    }
  }

  pageHeader(text: string): void {
    const y = this.doc.page.margins.top - 24;
    this.#inMargin(() => {
      const doc = this.doc;
      doc
        .font('body')
        .fontSize(7)
        .fillColor(MUTED)
        .text(text, this.left, y, { width: this.width, lineBreak: false, ellipsis: true });
      doc
        .lineWidth(0.5)
        .strokeColor(RULE)
        .moveTo(this.left, y + 11)
        .lineTo(this.left + this.width, y + 11)
        .stroke();
    });
  }

  pageFooter(left: string, right: string): void {
    const y = this.doc.page.height - this.doc.page.margins.bottom + 14;
    this.#inMargin(() => {
      const doc = this.doc;
      doc
        .lineWidth(0.5)
        .strokeColor(RULE)
        .moveTo(this.left, y - 4)
        .lineTo(this.left + this.width, y - 4)
        .stroke();
      doc.font('body').fontSize(7).fillColor(MUTED);
      const rightW = doc.widthOfString(right) + 2;
      doc.text(left, this.left, y, { width: this.width - rightW - 10, lineBreak: false, ellipsis: true });
      doc.text(right, this.left + this.width - rightW, y, {
        width: rightW,
        align: 'right',
        lineBreak: false,
      });
    });
  }

  /** Text in the margins would make pdfkit start a page; the margins are lifted while it is written. */
  #inMargin(draw: () => void): void {
    const margins = this.doc.page.margins;
    const saved = { top: margins.top, bottom: margins.bottom };
    margins.top = 0;
    margins.bottom = 0;
    draw();
    margins.top = saved.top;
    margins.bottom = saved.bottom;
  }

  #text(text: string, o: { font: 'body' | 'bold'; size: number; color?: string; after: number }): void {
    const doc = this.doc;
    doc.font(o.font).fontSize(o.size);
    const h = doc.heightOfString(text, { width: this.width });
    this.ensure(h);
    doc.fillColor(o.color ?? INK).text(text, this.left, this.#y, { width: this.width });
    doc.fillColor(INK);
    this.#y += h + o.after;
  }

  #rowHeight(columns: readonly Column[], row: readonly Cell[], size: number): number {
    const doc = this.doc;
    let h = 0;
    columns.forEach((column, i) => {
      const cell = row[i] ?? '';
      const bold = typeof cell !== 'string' && cell.bold;
      doc.font(bold ? 'bold' : 'body').fontSize(size);
      h = Math.max(h, doc.heightOfString(textOf(cell) || ' ', { width: column.width - 2 * PAD }));
    });
    return h + 2 * PAD;
  }

  #row(columns: readonly Column[], row: readonly Cell[], size: number, isHeader: boolean): void {
    const doc = this.doc;
    const h = this.#rowHeight(columns, row, size);
    if (isHeader) doc.rect(this.left, this.#y, this.width, h).fill(HEADER_FILL);
    let x = this.left;
    columns.forEach((column, i) => {
      const cell = row[i] ?? '';
      const styled = typeof cell === 'string' ? { text: cell } : cell;
      doc
        .font(styled.bold ? 'bold' : 'body')
        .fontSize(size)
        .fillColor(styled.color ?? INK)
        .text(styled.text, x + PAD, this.#y + PAD, {
          width: column.width - 2 * PAD,
          align: column.align ?? 'left',
        });
      x += column.width;
    });
    this.#y += h;
    doc
      .lineWidth(0.4)
      .strokeColor(RULE)
      .moveTo(this.left, this.#y)
      .lineTo(this.left + this.width, this.#y)
      .stroke();
    doc.fillColor(INK);
  }
}

const textOf = (cell: Cell): string => (typeof cell === 'string' ? cell : cell.text);
