import { ColumnError, readHeader, rowToApplicant } from '../../src/cli/applicant-columns';
import { parseApplicant } from '../../src/applicants/parse-applicant';
import { AppError } from '../../src/errors';

describe('CSV columns of the applicant contract', () => {
  it('turns dotted paths, positions in lists of objects, ";" lists, numbers and booleans into the API body', () => {
    const columns = readHeader([
      'externalId',
      'person.legalName',
      'person.otherNames',
      'sessions.0.ip',
      'sessions.1.ip',
      'sessions.1.durationMinutes',
      'position.remote',
      'requestedRate.amount',
      'requestedRate.currency',
      'requestedRate.per',
    ]);
    const mapped = rowToApplicant(columns, [
      'r-1',
      'Jane Doe',
      'J. Doe; Jane D.',
      '73.1.2.3',
      '8.8.8.8',
      '42.5',
      'yes',
      '110',
      'usd',
      'hour',
    ]);
    expect(mapped).toEqual({
      value: {
        externalId: 'r-1',
        person: { legalName: 'Jane Doe', otherNames: ['J. Doe', 'Jane D.'] },
        sessions: [{ ip: '73.1.2.3' }, { ip: '8.8.8.8', durationMinutes: 42.5 }],
        position: { remote: true },
        requestedRate: { amount: 110, currency: 'usd', per: 'hour' },
      },
    });
    expect(() => parseApplicant((mapped as { value: unknown }).value)).not.toThrow();
  });

  it('leaves empty cells out, so optional fields stay absent', () => {
    const columns = readHeader(['person.legalName', 'person.email', 'sessions.0.ip']);
    expect(rowToApplicant(columns, ['Jane Doe', '', ' '])).toEqual({ value: { person: { legalName: 'Jane Doe' } } });
  });

  it('passes a cell that is not its type on as text, so validation names the column', () => {
    const columns = readHeader(['person.legalName', 'position.remote', 'requestedRate.amount']);
    const mapped = rowToApplicant(columns, ['Jane', 'maybe', 'lots']) as { value: unknown };
    let fields: unknown;
    try {
      parseApplicant(mapped.value);
    } catch (error) {
      fields = (error as AppError).details?.fields;
    }
    expect(fields).toEqual(
      expect.arrayContaining([
        { path: 'position.remote', message: 'must be true or false, not text' },
        expect.objectContaining({ path: 'requestedRate.amount' }),
      ]),
    );
  });

  it('reports a row with another number of cells than the header', () => {
    const columns = readHeader(['person.legalName', 'externalId']);
    expect(rowToApplicant(columns, ['only one'])).toEqual({
      problems: [{ path: '(row)', message: 'has 1 cell(s) where the header has 2 column(s)' }],
    });
  });

  it.each([
    [['person.nmae'], 'column 1 "person.nmae": "person" has no field "nmae" of the applicant contract'],
    [['colour'], 'column 1 "colour": "colour" is not a field of the applicant contract'],
    [
      ['person.legalName', 'sessions.ip'],
      'column 2 "sessions.ip": "sessions" has no field "ip" of the applicant contract (a list of objects takes a position: sessions.0.ip)',
    ],
    [['person'], 'column 1 "person": an object takes one column per field, e.g. "person.legalName"'],
    [
      ['employment'],
      'column 1 "employment": a list of objects takes one column per field and position, e.g. "employment.0.…"',
    ],
    [['person.legalName', ''], 'column 2 has no name'],
    [['person.legalName', 'person.legalName'], 'column 2 "person.legalName" appears twice'],
  ])('refuses the header %j, naming the column', (header, message) => {
    expect(() => readHeader(header)).toThrow(new ColumnError(message));
  });
});
