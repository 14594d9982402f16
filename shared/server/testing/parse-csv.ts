/**
 * A strict RFC 4180 reader for the tests: quoted fields may hold commas, CRLF and
 * doubled quotes; records end with CRLF. Throws on anything else, so a renderer that
 * strays from the RFC fails its test instead of being read generously.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new Error('unterminated quoted field');
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += c;
        i++;
      }
    } else {
      while (i < n && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
        field += text[i];
        i++;
      }
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
      continue;
    }
    if (i < n) throw new Error(`expected , or CRLF at ${i}`);
  }
  if (row.length > 0) throw new Error('the last record does not end with CRLF');
  return rows;
}

/** The rows of one section: those after its title and header line, up to the blank line. */
export function section(rows: readonly string[][], title: string): { header: string[]; rows: string[][] } {
  const start = rows.findIndex((r) => r.length === 1 && r[0] === title);
  if (start < 0) throw new Error(`no section "${title}"`);
  const header = rows[start + 1] ?? [];
  const body: string[][] = [];
  for (let i = start + 2; i < rows.length; i++) {
    const r = rows[i] ?? [];
    if (r.length === 1 && r[0] === '') break;
    body.push(r);
  }
  return { header, rows: body };
}
