// CSV (RFC 4180) read incrementally with line numbers, and written safely for spreadsheets.
// Reads: "," separators; fields quoted with "…" may hold commas, quotes ("") and line breaks; records end at
// LF, CRLF or a lone CR; a UTF-8 byte order mark at the start is dropped; empty lines are skipped.

export interface CsvRecord {
  fields: string[];
  /** Physical line (1-based) on which the record starts. */
  line: number;
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** Feed text chunks with push(), then end(); each returns the records completed so far. */
export class CsvReader {
  private field = '';
  private fields: string[] = [];
  private line = 1;
  private recordLine = 1;
  private fieldLine = 1;
  private isQuoted = false;
  private isInsideQuotes = false;
  // A quote inside a quoted field: the next character says whether it closed the field or was "" (a quote).
  private isAfterQuote = false;
  // A CR ended a record: an LF right after it belongs to the same line break.
  private isAfterCr = false;
  private wasQuotedCr = false;
  private isStart = true;
  // The record has content (a separator or a character), so that empty lines are skipped, not read as "".
  private hasContent = false;

  push(chunk: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    let text = chunk;
    if (this.isStart && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.isStart = false;
    }
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      if (this.isAfterCr) {
        this.isAfterCr = false;
        if (char === '\n') continue;
      }
      if (this.isInsideQuotes) {
        if (this.isAfterQuote) {
          this.isAfterQuote = false;
          if (char === '"') {
            this.field += '"';
            continue;
          }
          this.isInsideQuotes = false;
          // fall through: the character after a closing quote must end the field
        } else if (char === '"') {
          this.isAfterQuote = true;
          continue;
        } else {
          // Line breaks inside a quoted field still count as lines (CRLF once, even split across chunks).
          if (char === '\r' || (char === '\n' && !this.wasQuotedCr)) this.line += 1;
          this.wasQuotedCr = char === '\r';
          this.field += char;
          continue;
        }
      }
      if (char === ',') {
        this.endField();
        this.hasContent = true;
      } else if (char === '\n' || char === '\r') {
        if (char === '\r') this.isAfterCr = true;
        const record = this.endRecord();
        if (record) records.push(record);
        this.line += 1;
        this.recordLine = this.line;
        this.fieldLine = this.line;
      } else if (this.isQuoted) {
        throw new CsvSyntaxError(
          `unexpected ${JSON.stringify(char)} after the closing quote of a field (a quote inside a quoted field is written "")`,
          this.line,
        );
      } else if (char === '"' && this.field.length === 0) {
        this.isQuoted = true;
        this.isInsideQuotes = true;
        this.hasContent = true;
        this.fieldLine = this.line;
      } else {
        this.field += char;
        this.hasContent = true;
      }
    }
    return records;
  }

  end(): CsvRecord[] {
    if (this.isInsideQuotes && !this.isAfterQuote)
      throw new CsvSyntaxError('a quoted field is not closed before the end of the file', this.fieldLine);
    this.isInsideQuotes = false;
    this.isAfterQuote = false;
    const record = this.endRecord();
    return record ? [record] : [];
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.isQuoted = false;
  }

  private endRecord(): CsvRecord | null {
    if (!this.hasContent) return null;
    this.endField();
    const record = { fields: this.fields, line: this.recordLine };
    this.fields = [];
    this.hasContent = false;
    return record;
  }
}

/** Every record of a whole text. */
export function parseCsv(text: string): CsvRecord[] {
  const reader = new CsvReader();
  return [...reader.push(text), ...reader.end()];
}

// A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection, OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV line (CRLF-terminated, as RFC 4180 says). With `guardFormulas`, text that a spreadsheet would run as a
 * formula is prefixed with an apostrophe: names and ids come from applicants and must not execute.
 */
export function formatCsvRow(
  values: readonly (string | number | boolean | null | undefined)[],
  options: { guardFormulas?: boolean } = {},
): string {
  return `${values
    .map((value) => {
      if (value === null || value === undefined) return '';
      let text = String(value);
      if (options.guardFormulas && typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
      return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',')}\r\n`;
}
