// Turns a name into comparable words: case, diacritics, punctuation, initials, legal forms, romanisation keys.
import { romanisationKey } from './korean';
import { edgeLegalFormWords, legalFormPhrases, legalFormWords } from './legal-forms';

export interface NameToken {
  /** Upper-case ASCII-folded word, e.g. "CHONSURIM". */
  text: string;
  /** Folded form compared when the text differs: romanisation key for Korean-like words, else doubled letters collapsed. */
  key: string;
  isNumeric: boolean;
}

export interface PreparedName {
  tokens: NameToken[];
  /** Whether the name carried a legal form (Co., Ltd, LLC, OOO, General Corporation...); the form itself is not a word. */
  hasLegalForm: boolean;
  /** A person written "SURNAME, Given": how many leading tokens are the surname (0 when not known). */
  surnameCount: number;
  /** The legal-form words taken out ("CO", "PAO"): a query of unknown type may still be a person named Pao. */
  legalForms: NameToken[];
}

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
export function normaliseText(name: string): string {
  if (isAscii(name)) return normaliseAscii(name);
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

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

// The same steps for ASCII, where NFKD, marks and special letters change nothing and a letter is A-Z once upper-cased:
// most names are ASCII, and each skipped pass is a new string.
function normaliseAscii(name: string): string {
  let text = name.toUpperCase();
  if (text.includes("'") || text.includes('`')) text = text.replace(/['`]/g, '');
  if (text.includes('.'))
    text = text.replace(
      /(?:(?<![A-Z0-9])[A-Z]\.\s?){2,}(?:[A-Z](?![A-Z0-9]))?/g,
      (abbreviation) => ` ${abbreviation.replace(/[.\s]/g, '')} `,
    );
  return text.replace(/[^A-Z0-9]+/g, ' ').trim();
}

const stopWords = new Set(['OF', 'THE', 'AND', 'FOR']);

const tokenCache = new Map<string, NameToken>();
const TOKEN_CACHE_LIMIT = 200_000;

/** The folded key of one word (see NameToken.key). */
export function keyOf(text: string): string {
  if (/\d/.test(text)) return text;
  const korean = romanisationKey(text);
  if (korean) return korean;
  return text
    .replace(/PH/g, 'F')
    .replace(/CK/g, 'K')
    .replace(/(.)\1+/g, '$1');
}

export function makeToken(text: string): NameToken {
  let token = tokenCache.get(text);
  if (!token) {
    token = { text, key: keyOf(text), isNumeric: /\d/.test(text) };
    if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
    tokenCache.set(text, token);
  }
  return token;
}

// "J P MORGAN" -> "JP MORGAN", "L L C" -> "LLC": runs of single letters are one abbreviation.
function joinInitials(words: string[]): string[] {
  if (!words.some(isOneCharacter)) return words;
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

// Every word a legal form is made of: a run holding any other word is not a legal form, so most names skip the search.
const legalFormVocabulary = new Set([...legalFormPhrases.flat(), ...legalFormWords, ...edgeLegalFormWords]);

// Whether `parts` are the words at `at`, all before `end`.
function isPhraseAt(words: string[], at: number, end: number, parts: string[]): boolean {
  if (at + parts.length > end) return false;
  for (let offset = 0; offset < parts.length; offset += 1) if (words[at + offset] !== parts[offset]) return false;
  return true;
}

// How many words from `at` (before `end`) are a legal form that may stand anywhere in a name; 0 when none is.
function legalFormAt(words: string[], at: number, end: number): number {
  if (!legalFormVocabulary.has(words[at]!)) return 0;
  const phrase = legalFormPhrases.find((parts) => isPhraseAt(words, at, end, parts));
  if (phrase) return phrase.length;
  return legalFormWords.has(words[at]!) ? 1 : 0;
}

// Whether words[from, to), a run at a name's edge, are all legal forms ("PUBLIC JOINT STOCK CO", "SA CO LTD").
function isLegalFormRun(words: string[], from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) if (!legalFormVocabulary.has(words[i]!)) return false;
  const reachable = new Uint8Array(to - from + 1);
  reachable[0] = 1;
  for (let i = from; i < to; i += 1) {
    if (!reachable[i - from]) continue;
    for (const parts of legalFormPhrases) if (isPhraseAt(words, i, to, parts)) reachable[i - from + parts.length] = 1;
    if (legalFormWords.has(words[i]!) || edgeLegalFormWords.has(words[i]!)) reachable[i - from + 1] = 1;
  }
  return reachable[to - from] === 1;
}

// Legal forms anywhere; the short ambiguous ones (SA, AG, AO...) only in a run of legal forms at either end
// ("CECOEX SA CO LTD"). The longest such run goes, so "GAZPROM PUBLIC JOINT STOCK COMPANY" keeps only GAZPROM.
function removeLegalForms(words: string[]): { words: string[]; removed: string[]; hasLegalForm: boolean } {
  let start = 0;
  let end = words.length;
  let hasLegalForm = false;
  for (let length = Math.min(6, end - 1); length >= 1; length -= 1) {
    if (isLegalFormRun(words, end - length, end)) {
      end -= length;
      hasLegalForm = true;
      break;
    }
  }
  for (let length = Math.min(6, end - 1); length >= 1; length -= 1) {
    if (isLegalFormRun(words, 0, length)) {
      start = length;
      hasLegalForm = true;
      break;
    }
  }
  const kept: string[] = [];
  const removed = [...words.slice(0, start), ...words.slice(end)];
  for (let i = start; i < end;) {
    const length = legalFormAt(words, i, end);
    if (length > 0) {
      hasLegalForm = true;
      for (let k = i; k < i + length; k += 1) removed.push(words[k]!);
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
export function prepareName(name: string, options: { isPerson?: boolean } = {}): PreparedName {
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
  // Built field by field: spreading the words' object into a new one cost more than preparing the words.
  const { tokens, hasLegalForm, legalForms } = prepareWords(name, options.isPerson === true);
  return { tokens, hasLegalForm, legalForms, surnameCount: 0 };
}

// Named tests for `some`: most names have no initial, legal form or stop word, and then no new array is made.
const isOneCharacter = (word: string) => word.length === 1;
const isLegalFormWord = (word: string) => legalFormVocabulary.has(word);
const isStopWord = (word: string) => stopWords.has(word);

function prepareWords(name: string, isPerson: boolean): Omit<PreparedName, 'surnameCount'> {
  const text = normaliseText(name);
  // normaliseText leaves one space between words and none at either end: only an empty text has an empty word.
  const words = joinInitials(text === '' ? [] : text.split(' '));
  let kept = words;
  let hasLegalForm = false;
  let legalForms: string[] = [];
  if (!isPerson && words.some(isLegalFormWord)) {
    const stripped = removeLegalForms(words);
    if (stripped.words.length > 0) {
      kept = stripped.words;
      hasLegalForm = stripped.hasLegalForm;
      legalForms = stripped.removed;
    }
  }
  if (kept.some(isStopWord)) {
    const meaningful = kept.filter((word) => !isStopWord(word));
    if (meaningful.length > 0) kept = meaningful;
  }
  return { tokens: kept.map(makeToken), hasLegalForm, legalForms: legalForms.map(makeToken) };
}
