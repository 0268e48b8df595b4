// A frozen copy of normaliseText and prepareName from src/sanctions/normalise.ts as they stood at b645272, before the
// per-call CPU work (an ASCII path, legal forms found without slicing): the faster code must prepare every name exactly
// as this did, or scores would move. Do not edit.
import { edgeLegalFormWords, legalFormPhrases, legalFormWords } from '../../src/sanctions/legal-forms';
import { makeToken, type PreparedName } from '../../src/sanctions/normalise';

// Letters NFKD does not decompose.
const specialLetters: Record<string, string> = {
  Æ: 'AE',
  Ø: 'O',
  Ł: 'L',
  Đ: 'D',
  Ð: 'D',
  Þ: 'TH',
  Œ: 'OE',
  ẞ: 'SS',
  Ħ: 'H',
  Ŧ: 'T',
  Ŋ: 'NG',
  ı: 'I',
};
const specialPattern = new RegExp(`[${Object.keys(specialLetters).join('')}]`, 'g');

/** Upper-case words separated by single spaces: diacritics dropped, apostrophes joined (So'ng = SONG), other punctuation a space. */
export function referenceNormaliseText(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toUpperCase()
      .replace(specialPattern, (letter) => specialLetters[letter] ?? letter)
      .replace(/['’ʼ`´‘]/g, '')
      // Dotted abbreviations are one word: "L.L.C." is LLC and stays apart from a single letter before it ("GEFEST-M L.L.C.").
      // A last letter may lack its dot ("L.L.C", "S.A.R.L").
      .replace(
        /(?:(?<![\p{L}\p{N}])\p{L}\.\s?){2,}(?:\p{L}(?![\p{L}\p{N}]))?/gu,
        (abbreviation) => ` ${abbreviation.replace(/[.\s]/g, '')} `,
      )
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

const stopWords = new Set(['OF', 'THE', 'AND', 'FOR']);

// "J P MORGAN" -> "JP MORGAN", "L L C" -> "LLC": runs of single letters are one abbreviation.
function joinInitials(words: string[]): string[] {
  const joined: string[] = [];
  let run = '';
  for (const word of words) {
    if (word.length === 1 && /\p{L}/u.test(word)) {
      run += word;
      continue;
    }
    if (run !== '') joined.push(run);
    run = '';
    joined.push(word);
  }
  if (run !== '') joined.push(run);
  return joined;
}

function legalFormAt(words: string[], at: number, isEdge: boolean): number {
  const phrase = legalFormPhrases.find((parts) => parts.every((part, offset) => words[at + offset] === part));
  if (phrase) return phrase.length;
  const word = words[at]!;
  return legalFormWords.has(word) || (isEdge && edgeLegalFormWords.has(word)) ? 1 : 0;
}

// Whether every word of a run at a name's edge is part of a legal form ("PUBLIC JOINT STOCK CO", "SA CO LTD").
function isLegalFormRun(words: string[]): boolean {
  const reachable = new Uint8Array(words.length + 1);
  reachable[0] = 1;
  for (let i = 0; i < words.length; i += 1) {
    if (!reachable[i]) continue;
    for (const parts of legalFormPhrases)
      if (parts.every((part, offset) => words[i + offset] === part)) reachable[i + parts.length] = 1;
    if (legalFormWords.has(words[i]!) || edgeLegalFormWords.has(words[i]!)) reachable[i + 1] = 1;
  }
  return reachable[words.length] === 1;
}

// Legal forms anywhere; the short ambiguous ones (SA, AG, AO...) only in a run of legal forms at either end
// ("CECOEX SA CO LTD"). The longest such run goes, so "GAZPROM PUBLIC JOINT STOCK COMPANY" keeps only GAZPROM.
function removeLegalForms(words: string[]): { words: string[]; removed: string[]; hasLegalForm: boolean } {
  let start = 0;
  let end = words.length;
  let hasLegalForm = false;
  for (let length = Math.min(6, end - 1); length >= 1; length -= 1) {
    if (isLegalFormRun(words.slice(end - length, end))) {
      end -= length;
      hasLegalForm = true;
      break;
    }
  }
  for (let length = Math.min(6, end - 1); length >= 1; length -= 1) {
    if (isLegalFormRun(words.slice(0, length))) {
      start = length;
      hasLegalForm = true;
      break;
    }
  }
  const kept: string[] = [];
  const removed = [...words.slice(0, start), ...words.slice(end)];
  for (let i = start; i < end;) {
    const length = legalFormAt(words.slice(0, end), i, false);
    if (length > 0) {
      hasLegalForm = true;
      removed.push(...words.slice(i, i + length));
      i += length;
    } else {
      kept.push(words[i]!);
      i += 1;
    }
  }
  return { words: kept, removed, hasLegalForm };
}

/**
 * Prepares a name for matching. Word order is kept (it only matters for joined words); "SURNAME, Given" needs
 * no reordering because words are paired in any order, but a person's surname is remembered so that scoring
 * can tell a missing middle name from a missing surname. Legal forms are taken out only from non-person
 * names, and stop words only when other words remain.
 */
export function referencePrepareName(name: string, options: { isPerson?: boolean } = {}): PreparedName {
  const comma = options.isPerson === true ? name.indexOf(',') : -1;
  if (comma > 0) {
    const surname = prepareWords(name.slice(0, comma), true);
    const given = prepareWords(name.slice(comma + 1), true);
    if (surname.tokens.length > 0 && given.tokens.length > 0)
      return {
        tokens: [...surname.tokens, ...given.tokens],
        hasLegalForm: false,
        surnameCount: surname.tokens.length,
        legalForms: [],
      };
  }
  return { ...prepareWords(name, options.isPerson === true), surnameCount: 0 };
}

function prepareWords(name: string, isPerson: boolean): Omit<PreparedName, 'surnameCount'> {
  const words = joinInitials(
    referenceNormaliseText(name)
      .split(' ')
      .filter((word) => word !== ''),
  );
  let kept = words;
  let hasLegalForm = false;
  let legalForms: string[] = [];
  if (!isPerson) {
    const stripped = removeLegalForms(words);
    if (stripped.words.length > 0) {
      kept = stripped.words;
      hasLegalForm = stripped.hasLegalForm;
      legalForms = stripped.removed;
    }
  }
  const meaningful = kept.filter((word) => !stopWords.has(word));
  if (meaningful.length > 0) kept = meaningful;
  return { tokens: kept.map(makeToken), hasLegalForm, legalForms: legalForms.map(makeToken) };
}
