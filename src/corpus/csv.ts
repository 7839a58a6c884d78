/**
 * RFC 4180 CSV records: fields separated by commas, optionally quoted with `"`; inside quotes
 * `""` is a quote and commas and newlines are data. Each record carries the line number where it
 * starts, and an error for a malformed record (a quote inside an unquoted field, an unterminated
 * quoted field) instead of a guess.
 */

export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
  readonly error?: string;
}

export function* parseCsvRecords(src: string): Generator<CsvRecord> {
  const text = src.charCodeAt(0) === 0xfeff ? src.slice(1) : src;
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let error: string | undefined;
    let field = '';
    let endOfRecord = false;
    while (!endOfRecord) {
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (!closed) error ??= 'unterminated quoted field';
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          error ??= 'unexpected character after a closing quote';
          while (i < n && text[i] !== ',' && text[i] !== '\n') field += text[i++];
        }
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') error ??= 'quote inside an unquoted field';
          field += text[i++];
        }
      }
      fields.push(field);
      field = '';
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') { i++; line++; }
      endOfRecord = true;
    }
    yield error === undefined ? { line: start, fields } : { line: start, fields, error };
  }
}
