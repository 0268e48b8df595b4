// Folds Korean romanisation variants (McCune-Reischauer as OFAC writes DPRK names, Revised Romanisation, common spellings) to one key.

// The same Hangul syllable is written Jong/Chong/Jeong/Jung, Chol/Chul/Cheol, Kyong/Kyung/Gyeong/Kyeong, Sik/Shik,
// Ri/Rhee/Lee/Yi... The key keeps what the romanisations agree on: voiced and unvoiced initials are one class
// (k/g, t/d, p/b, ch/j), so are the o-like vowels (o, eo, u, oo, eu, written without MR's breve), an initial
// r/l before i or y is dropped at the start of a word (Ri = Yi = I, Ryu = Yu).

// Whole-word spellings the syllable rules cannot reach.
const specialWords: Record<string, string> = {
  PARK: 'PAK',
  BAK: 'PAK',
  PAK: 'PAK',
  BARK: 'PAK',
  CHOI: 'CHOE',
  CHOY: 'CHOE',
  CHWE: 'CHOE',
  CHOE: 'CHOE',
  NOH: 'RO',
  ROH: 'RO',
  RHO: 'RO',
  RO: 'RO',
  RHEE: 'I',
  RHIE: 'I',
  REE: 'I',
  LEE: 'I',
  YI: 'I',
  YEE: 'I',
  RI: 'I',
  LI: 'I',
  I: 'I',
  WOO: 'O',
  WU: 'O',
  // A silent h after the vowel, only in these surnames: a general rule would fold JOHN into CHON.
  SOHN: 'SON',
  AHN: 'AN',
  OH: 'O',
  KOH: 'KO',
  HAHN: 'HAN',
  SUH: 'SO',
  JOH: 'CHO',
  CHOH: 'CHO',
};

// Initial consonants, longest first, and the class each belongs to.
const initials: Array<[string, string]> = [
  ['TCH', 'CH'],
  ['CH', 'CH'],
  ['JJ', 'CH'],
  ['KK', 'K'],
  ['GG', 'K'],
  ['TT', 'T'],
  ['DD', 'T'],
  ['PP', 'P'],
  ['BB', 'P'],
  ['SS', 'S'],
  ['SH', 'S'],
  ['RH', 'R'],
  ['G', 'K'],
  ['K', 'K'],
  ['D', 'T'],
  ['T', 'T'],
  ['B', 'P'],
  ['P', 'P'],
  ['J', 'CH'],
  ['S', 'S'],
  ['H', 'H'],
  ['M', 'M'],
  ['N', 'N'],
  ['R', 'R'],
  ['L', 'R'],
];

// Vowels (with their y-/w- glides), longest first.
const vowels: Array<[string, string]> = [
  ['YAE', 'YAE'],
  ['YEO', 'YO'],
  ['YOO', 'YO'],
  ['YOU', 'YO'],
  ['WAE', 'WAE'],
  ['WEO', 'WO'],
  ['WOE', 'OE'],
  ['EUI', 'I'],
  ['WEE', 'WI'],
  ['AE', 'AE'],
  ['AI', 'AE'],
  ['YA', 'YA'],
  ['EO', 'O'],
  ['OO', 'O'],
  ['EU', 'O'],
  ['OU', 'O'],
  ['YO', 'YO'],
  ['YU', 'YO'],
  ['YE', 'YE'],
  ['WA', 'WA'],
  ['OE', 'OE'],
  ['OI', 'OE'],
  ['WE', 'OE'],
  ['WO', 'WO'],
  ['WI', 'WI'],
  ['UI', 'I'],
  ['EE', 'I'],
  ['A', 'A'],
  ['O', 'O'],
  ['U', 'O'],
  ['E', 'E'],
  ['I', 'I'],
];

// Final consonants as romanised (MR and RR both write k, n, l, m, p, t, ng at the end of a syllable).
const finals: Array<[string, string]> = [
  ['NG', 'NG'],
  ['KK', 'K'],
  ['K', 'K'],
  ['N', 'N'],
  ['L', 'L'],
  ['M', 'M'],
  ['P', 'P'],
  ['T', 'T'],
];

const MAX_SYLLABLES = 3;

interface Syllable {
  length: number;
  key: string;
  hasInitial: boolean;
}

// Every way one syllable can start at `at`.
function syllablesAt(word: string, at: number): Syllable[] {
  const found: Syllable[] = [];
  const initialOptions: Array<[string, string] | null> = [
    null,
    ...initials.filter(([spelling]) => word.startsWith(spelling, at)),
  ];
  for (const initial of initialOptions) {
    const vowelAt = at + (initial ? initial[0].length : 0);
    for (const [spelling, vowelKey] of vowels) {
      if (!word.startsWith(spelling, vowelAt)) continue;
      const end = vowelAt + spelling.length;
      let initialKey = initial ? initial[1] : '';
      // R/L before i or y is not pronounced at the start of a word in the South: Ri = Yi = I, Ryu = Yu.
      if (initialKey === 'R' && at === 0 && (vowelKey.startsWith('Y') || vowelKey === 'I')) initialKey = '';
      const base = initialKey + vowelKey;
      found.push({ length: end - at, key: base, hasInitial: initial != null });
      for (const [finalSpelling, finalKey] of finals) {
        if (word.startsWith(finalSpelling, end))
          found.push({ length: end + finalSpelling.length - at, key: base + finalKey, hasInitial: initial != null });
      }
    }
  }
  return found;
}

/**
 * The romanisation key of a word written like Korean syllables ("KYONG", "INCHOL", "SOHN"), or null when the
 * word does not split into one to three such syllables. Joined given names fold syllable by syllable, so
 * "Inchul" and "In Chol" joined give the same key. Words of other languages that happen to split (TINA, ANNA)
 * also get a key; that only makes them equal to their own voiced/unvoiced twins.
 */
export function romanisationKey(word: string): string | null {
  const special = specialWords[word];
  if (special) return special;
  if (word.length > 12 || !/^[A-Z]+$/.test(word)) return null;
  // Fewest syllables wins; between equals, the split that gives later syllables an initial consonant
  // (SON-GIL rather than SONG-IL is ambiguous; onset-first is the usual reading of a joined name).
  let best: { count: number; onsets: number; key: string } | null = null;
  const walk = (at: number, count: number, onsets: number, key: string) => {
    if (count > MAX_SYLLABLES) return;
    if (at === word.length) {
      if (!best || count < best.count || (count === best.count && onsets > best.onsets)) best = { count, onsets, key };
      return;
    }
    for (const syllable of syllablesAt(word, at)) {
      walk(at + syllable.length, count + 1, onsets + (syllable.hasInitial ? 1 : 0), key + syllable.key);
    }
  };
  walk(0, 0, 0, '');
  const found = best as { key: string } | null;
  return found ? found.key : null;
}
