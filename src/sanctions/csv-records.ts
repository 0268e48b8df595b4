// Splits OFAC's comma-delimited text into records: quoted fields, CR/CRLF/LF record ends, a trailing Ctrl-Z.

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
  /** Set when the record's quoting was broken; its fields are then best-effort. */
  defect: string | null;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const CTRL_Z = 0x1a;

/**
 * Reads every record of an OFAC CSV. OFAC ends its files with a 0x1A byte after the last CRLF and writes
 * nulls as an unquoted `-0- `; neither is interpreted here (see `cleanValue`). A quote that closes a field
 * but is followed by something other than a comma or a record end is kept as text and the record is
 * marked defective. A quote left open at the end of the file marks its record defective.
 */
export function readCsvRecords(text: string): CsvRecord[] {
  let end = text.length;
  // OFAC's end-of-file marker, possibly followed by stray line ends from a copy.
  while (
    end > 0 &&
    (text.charCodeAt(end - 1) === CTRL_Z || text.charCodeAt(end - 1) === LF || text.charCodeAt(end - 1) === CR)
  )
    end -= 1;
  const records: CsvRecord[] = [];
  let from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  // An unterminated quote would swallow the rest of the file: that record keeps its first line only, and
  // reading resumes on the next line.
  while (from < end) {
    const stop = readFrom(text, from, end, line, records);
    if (stop == null) break;
    from = stop.resumeAt;
    line = stop.line;
  }
  return records;
}

function readFrom(
  text: string,
  start: number,
  end: number,
  firstLine: number,
  records: CsvRecord[],
): { resumeAt: number; line: number } | null {
  let fields: string[] = [];
  let field = '';
  let isQuoted = false;
  let isFieldStart = true;
  let line = firstLine;
  let recordLine = firstLine;
  let recordStart = start;
  let defect: string | null = null;

  const finishRecord = () => {
    fields.push(field);
    const isBlank = fields.length === 1 && fields[0]!.trim() === '';
    if (!isBlank) records.push({ line: recordLine, fields, defect });
    fields = [];
    field = '';
    defect = null;
    isFieldStart = true;
  };

  for (let i = start; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (isQuoted) {
      if (code === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) {
          field += '"';
          i += 1;
        } else {
          const next = i + 1 < end ? text.charCodeAt(i + 1) : LF;
          if (next === COMMA || next === CR || next === LF) {
            isQuoted = false;
          } else {
            field += '"';
            defect ??= 'a quote inside a quoted field is not doubled';
          }
        }
      } else {
        if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) line += 1;
        field += text[i];
      }
      continue;
    }
    if (code === QUOTE && isFieldStart && field.trim() === '') {
      field = '';
      isQuoted = true;
      isFieldStart = false;
    } else if (code === COMMA) {
      fields.push(field);
      field = '';
      isFieldStart = true;
    } else if (code === CR || code === LF) {
      if (code === CR && text.charCodeAt(i + 1) === LF) i += 1;
      finishRecord();
      line += 1;
      recordLine = line;
      recordStart = i + 1;
    } else {
      field += text[i];
      if (code !== 0x20 && code !== 0x09) isFieldStart = false;
    }
  }
  if (isQuoted) {
    const lineEnd = nextLineEnd(text, recordStart, end);
    const firstLineText = text.slice(recordStart, lineEnd);
    records.push({ line: recordLine, fields: firstLineText.split(','), defect: 'unterminated quoted field' });
    let resumeAt = lineEnd;
    if (text.charCodeAt(resumeAt) === CR) resumeAt += 1;
    if (text.charCodeAt(resumeAt) === LF) resumeAt += 1;
    return { resumeAt, line: recordLine + 1 };
  }
  if (field !== '' || fields.length > 0) finishRecord();
  return null;
}

function nextLineEnd(text: string, from: number, end: number): number {
  for (let i = from; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (code === CR || code === LF) return i;
  }
  return end;
}

/** Trims a raw field and reads OFAC's null marker `-0-` (in the files usually `-0- `) as null. */
export function cleanValue(raw: string | undefined): string | null {
  if (raw == null) return null;
  const value = raw.trim();
  return value === '' || value === '-0-' ? null : value;
}
