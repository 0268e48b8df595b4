import { CsvReader, CsvSyntaxError, formatCsvRow, parseCsv } from '../../src/cli/csv';

const fields = (text: string) => parseCsv(text).map((record) => record.fields);

describe('CSV reading', () => {
  it('splits plain fields and keeps empty ones', () => {
    expect(fields('a,b,c\n1,,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
    ]);
    expect(fields('a,b,\n')).toEqual([['a', 'b', '']]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks inside', () => {
    const records = parseCsv('name,notes\n"Doe, Jane","said ""hi""\nthen left"\nnext,row\n');
    expect(records.map((record) => record.fields)).toEqual([
      ['name', 'notes'],
      ['Doe, Jane', 'said "hi"\nthen left'],
      ['next', 'row'],
    ]);
    // The record after a two-line field starts on line 4.
    expect(records.map((record) => record.line)).toEqual([1, 2, 4]);
  });

  it('drops a UTF-8 byte order mark and accepts CRLF, LF and lone CR line ends', () => {
    expect(fields('\uFEFFa,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fields('a,b\r1,2\r')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fields('a,"x\r\ny"\r\n').at(0)).toEqual(['a', 'x\r\ny']);
  });

  it('reads a last record without a final line break and skips empty lines', () => {
    const records = parseCsv('a\n\n\nb\r\n\r\nc');
    expect(records.map((record) => [record.fields[0], record.line])).toEqual([
      ['a', 1],
      ['b', 4],
      ['c', 6],
    ]);
  });

  it('gives the same records and lines whatever the chunk boundaries (a CRLF, a quote pair or a BOM split in two)', () => {
    const text = '\uFEFFid,name\r\n1,"Doe, ""J"""\r\n2,"two\r\nlines"\r\n3,plain\r\n';
    const whole = parseCsv(text);
    for (let size = 1; size <= 7; size++) {
      const reader = new CsvReader();
      const records = [];
      for (let i = 0; i < text.length; i += size) records.push(...reader.push(text.slice(i, i + size)));
      records.push(...reader.end());
      expect(records).toEqual(whole);
    }
    expect(whole.map((record) => record.line)).toEqual([1, 2, 3, 5]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(fields('5" screen,ok\n')).toEqual([['5" screen', 'ok']]);
  });

  it('names the line of a quoted field that is never closed', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(
      new CsvSyntaxError('a quoted field is not closed before the end of the file', 2),
    );
  });

  it('names the line of text after a closing quote', () => {
    expect(() => parseCsv('a\n"x"y\n')).toThrow(/line 2: unexpected "y" after the closing quote/);
  });
});

describe('CSV writing', () => {
  it('quotes fields with separators, quotes, line breaks or edge spaces and ends lines with CRLF', () => {
    expect(formatCsvRow(['a', 'b,c', 'say "x"', 'two\nlines', ' pad', null, undefined, 3, true])).toBe(
      'a,"b,c","say ""x""","two\nlines"," pad",,,3,true\r\n',
    );
  });

  it('round-trips through the reader', () => {
    const values = ['Doe, Jane', 'quote " inside', 'line\r\nbreak', '', 'plain'];
    expect(parseCsv(formatCsvRow(values))[0]!.fields).toEqual(values);
  });

  it('defuses text a spreadsheet would run as a formula, only when asked and only in text cells', () => {
    expect(formatCsvRow(['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', 'ok', -3], { guardFormulas: true })).toBe(
      `"'=HYPERLINK(""http://x"")",'+1,'-2,'@SUM(A1),ok,-3\r\n`,
    );
    expect(formatCsvRow(['=1'])).toBe('=1\r\n');
  });
});
