// The faster name preparation against the frozen copy of the code before it (test/support/sanctions-normalise-reference.ts):
// every name, ASCII or not, person or company, must come out as the same words, legal forms and surname count.
import fc from 'fast-check';
import { builtInSanctionsEntries } from '../../src/sanctions/builtin-list';
import { commonNameCultures, commonNamesOf } from '../../src/sanctions/evaluation/common-names';
import { generateOrdinaryNames } from '../../src/sanctions/evaluation/ordinary-names';
import { generateVariants } from '../../src/sanctions/evaluation/variants';
import { edgeLegalFormWords, legalFormPhrases, legalFormWords } from '../../src/sanctions/legal-forms';
import { normaliseText, prepareName } from '../../src/sanctions/normalise';
import { fuzzOptions, oddUnicode } from '../support/fuzz-inputs';
import { referenceNormaliseText, referencePrepareName } from '../support/sanctions-normalise-reference';

function expectSameAsReference(name: string): void {
  expect(normaliseText(name)).toBe(referenceNormaliseText(name));
  expect(prepareName(name)).toEqual(referencePrepareName(name));
  expect(prepareName(name, { isPerson: true })).toEqual(referencePrepareName(name, { isPerson: true }));
  expect(prepareName(name, { isPerson: false })).toEqual(referencePrepareName(name, { isPerson: false }));
}

describe('sanctions name preparation against the frozen reference', () => {
  it('prepares every built-in listed name, its aliases and their variants as before', () => {
    for (const entry of builtInSanctionsEntries) {
      for (const name of [entry.name, ...(entry.aliases ?? []).map((alias) => alias.name)]) {
        expectSameAsReference(name);
        for (const variant of generateVariants(name, entry.type)) expectSameAsReference(variant.name);
      }
    }
  });

  it("prepares the fairness measurement's common names and generated ordinary names as before", () => {
    for (const culture of commonNameCultures)
      commonNamesOf(culture).forEach((name, i) => i % 4 === 0 && expectSameAsReference(name));
    for (const { name } of generateOrdinaryNames(2000, 7)) expectSameAsReference(name);
  });

  // Names assembled from the pieces each step reacts to: dots and spacing around initials, apostrophes, legal forms
  // at either end and inside, stop words, commas, digits, diacritics, letters NFKD leaves alone, odd Unicode.
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z]{1,9}$/) },
    { weight: 2, arbitrary: fc.constantFrom(...'ABJLPSCx') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...legalFormWords, ...edgeLegalFormWords).map((word) => word.toLowerCase()),
    },
    { weight: 1, arbitrary: fc.constantFrom(...legalFormPhrases.map((parts) => parts.join(' '))) },
    { weight: 1, arbitrary: fc.constantFrom('L.L.C.', 'S.A.R.L', 'S. A.', 'Co.', 'J.P.', 'OF', 'the', 'And', 'for') },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{1,4}[A-Za-z]?$/) },
    {
      weight: 2,
      arbitrary: fc.constantFrom('José', 'Søren', 'Łukasz', 'ÆTHER', 'straße', 'Đorđe', 'İbrahim', 'ı', 'Ŋa', 'Œuvre'),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('Ch’oe', 'So‘ng', 'Ri´', 'Kimʼ', '김정은', 'Иванов', 'ｆｕｌｌ', 'ﬁne', '²'),
    },
    { weight: 1, arbitrary: fc.constantFrom(...oddUnicode) },
  );
  const separator = fc.constantFrom(
    ' ',
    ' ',
    ' ',
    '.',
    '. ',
    '.',
    ', ',
    ',',
    '-',
    "'",
    '`',
    '  ',
    '\t',
    '\u00A0',
    '/',
    '&',
    '',
  );
  const name = fc
    .tuple(separator, fc.array(fc.tuple(piece, separator), { minLength: 1, maxLength: 8 }))
    .map(([first, rest]) => first + rest.map(([word, after]) => word + after).join(''));

  it('prepares generated names as before', () => {
    fc.assert(fc.property(name, expectSameAsReference), fuzzOptions(4000));
  });

  it('prepares any ASCII text as before', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 40 }), expectSameAsReference),
      fuzzOptions(2000),
    );
    fc.assert(fc.property(fc.stringMatching(/^[ A-Da-d.,'`\t-]{0,24}$/), expectSameAsReference), fuzzOptions(2000));
  });
});
