/**
 * RFC 4180 CSV as spreadsheet exports write it: quoted fields with "" for a quote,
 * commas and line breaks inside quotes, CRLF or LF, a UTF-8 byte order mark at the
 * start. Every record keeps the line it started on, so a problem can be reported
 * where a person opening the file will find it.
 */
export interface CsvRecord {
  /** 1-based line of the file where the record starts */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  message: string;
}

export interface CsvParse {
  records: CsvRecord[];
  problems: CsvProblem[];
}

export function parseCsv(text: string): CsvParse {
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let recordLine = 1;
  let quoteOpenedAt = 0;
  /** the field's closing quote was just read: only a separator may follow */
  let closed = false;

  const endField = () => {
    fields.push(field);
    field = '';
    fieldStarted = false;
    closed = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is not a record of one empty field.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          closed = true;
        }
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (fieldStarted) {
        problems.push({
          line,
          message: closed ? 'text after a closing quote' : 'a quote inside an unquoted field',
        });
        field += c;
      } else {
        quoted = true;
        quoteOpenedAt = line;
      }
      fieldStarted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (closed) {
        problems.push({ line, message: 'text after a closing quote' });
        closed = false;
      }
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) problems.push({ line: quoteOpenedAt, message: 'a quoted field is never closed' });
  if (field !== '' || fieldStarted || fields.length > 0) endRecord();
  return { records, problems };
}

/** Records as objects keyed by the header row's names (trimmed), with the columns each lacks. */
export interface CsvTable {
  header: string[];
  rows: { line: number; values: Record<string, string>; missing: string[] }[];
  problems: CsvProblem[];
}

export function csvTable(text: string): CsvTable {
  const { records, problems } = parseCsv(text);
  const [head, ...body] = records;
  if (!head)
    return { header: [], rows: [], problems: [...problems, { line: 1, message: 'the file is empty' }] };
  const header = head.fields.map((name) => name.trim());
  const rows = body.map((record) => {
    const values: Record<string, string> = {};
    header.forEach((name, i) => {
      const value = record.fields[i];
      if (value !== undefined) values[name] = value;
    });
    return { line: record.line, values, missing: header.slice(record.fields.length) };
  });
  return { header, rows, problems };
}
