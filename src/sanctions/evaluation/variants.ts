// Writes listed names the way applicants and forms do, to measure recall (tests and bench only; nothing at runtime uses it).
import type { EntryType } from '../types';

export type VariantKind =
  'case' | 'punctuation' | 'reorder' | 'legal-form' | 'romanisation' | 'hyphen' | 'joined' | 'dropped-middle';

export interface NameVariant {
  kind: VariantKind;
  name: string;
}

// Spelling swaps between McCune-Reischauer (OFAC's DPRK spellings) and other common romanisations.
const romanisationSwaps: Record<string, string> = {
  JONG: 'Chong',
  CHONG: 'Jeong',
  CHOL: 'Chul',
  CHUL: 'Cheol',
  KYONG: 'Kyung',
  KYUNG: 'Gyeong',
  SIK: 'Shik',
  SON: 'Sohn',
  PAK: 'Park',
  RI: 'Lee',
  KIM: 'Gim',
  SONG: 'Sung',
  HYON: 'Hyun',
  YONG: 'Young',
  CHON: 'Jeon',
  CHOE: 'Choi',
  YUN: 'Yoon',
  MYONG: 'Myung',
  HYOK: 'Hyuk',
  JO: 'Cho',
  CHO: 'Jo',
  KANG: 'Gang',
  KWANG: 'Gwang',
  PYONG: 'Byung',
  TONG: 'Dong',
  SOK: 'Seok',
  HO: 'Ho',
  U: 'Woo',
  UN: 'Eun',
  SOP: 'Seop',
  SU: 'Soo',
  RYONG: 'Ryoung',
  NAM: 'Nam',
  MIN: 'Min',
  JU: 'Joo',
  KUK: 'Guk',
  KUN: 'Geun',
  CHIN: 'Jin',
  SIN: 'Shin',
  IL: 'Il',
};

const legalFormSwaps: Array<[RegExp, string]> = [
  [/\bCORPORATION\b/i, 'Corp.'],
  [/\bCOMPANY\b/i, 'Co'],
  [/\bCO\.,? LTD\b\.?/i, 'Company Limited'],
  [/\bLIMITED LIABILITY COMPANY\b/i, 'LLC'],
  [/\bLIMITED\b(?! LIABILITY)/i, 'Ltd'],
  [/\bLTD\b\.?/i, 'Limited'],
  [/\bLLC\b/i, 'L.L.C.'],
  [/\bINC\b\.?/i, 'Incorporated'],
  [/\bCORP\b\.?/i, 'Corporation'],
];

const leadingLegalForm =
  /^((OPEN|CLOSED|PUBLIC|PRIVATE) )?JOINT[ -]STOCK( COMPANY)? |^LIMITED LIABILITY (COMPANY|PARTNERSHIP) |^(OOO|ZAO|OAO|PAO|AO|JSC|PJSC|CJSC|OJSC) /i;
const trailingLegalForm =
  /( ((OPEN|CLOSED|PUBLIC|PRIVATE) )?JOINT[ -]STOCK( COMPANY)?| LIMITED LIABILITY (COMPANY|PARTNERSHIP)| (CO LTD|CO|COMPANY|CORP|CORPORATION|LTD|LIMITED|LTDA|LLC|INC|OY|AO|AG|SA|SAS|SRL|SARL|GMBH|CA|NV|BV|PLC|LLP|SA DE CV|S DE RL DE CV|SC DE RL DE CV|DE CV|SC|SCS|SL|SE|PJSC|JSC|OOO|LP|AS|FZ LLC|FZE|FZCO))+$/i;

function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== '');
}

/** Variants of one listed name; only those that apply to it (romanisation needs Korean-looking words, and so on). */
export function generateVariants(listedName: string, type: EntryType): NameVariant[] {
  const variants: NameVariant[] = [];
  const isPerson = type === 'individual';
  const comma = listedName.indexOf(',');
  const surname = isPerson && comma > 0 ? listedName.slice(0, comma).trim() : null;
  const given = isPerson && comma > 0 ? listedName.slice(comma + 1).trim() : null;

  variants.push({ kind: 'case', name: listedName.toLowerCase() });
  // Apostrophes vanish (SA'ID is written SAID), other punctuation becomes a space.
  const bare = listedName
    .replace(/'/g, '')
    .replace(/[.,"()&/-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (bare !== listedName) variants.push({ kind: 'punctuation', name: bare });

  if (surname && given) {
    variants.push({
      kind: 'reorder',
      name: `${words(given).map(titleCase).join(' ')} ${words(surname).map(titleCase).join(' ')}`,
    });
    const givenWords = words(given);
    if (givenWords.length === 2 && givenWords.every((word) => /^[A-Za-z]+$/.test(word))) {
      variants.push({
        kind: 'hyphen',
        name: `${titleCase(surname)} ${titleCase(givenWords[0]!)}-${givenWords[1]!.toLowerCase()}`,
      });
      variants.push({
        kind: 'joined',
        name: `${titleCase(givenWords[0]!)}${givenWords[1]!.toLowerCase()} ${titleCase(surname)}`,
      });
    }
    // Given-first order, the token in the middle left out ("Gayk Vanushevich ASATRYAN" -> "Gayk ASATRYAN").
    const all = [...givenWords, ...words(surname)];
    if (all.length >= 3)
      variants.push({ kind: 'dropped-middle', name: all.filter((_, i) => i !== Math.floor(all.length / 2)).join(' ') });
  } else if (!isPerson) {
    // Initials stay together ("A W A ENGINEERING" is one word AWA, "S.A." is SA, when reordered).
    const joined = bare.replace(/\b([A-Za-z]) (?=[A-Za-z]\b)/g, '$1');
    // The words between the legal forms move ("ZVEZDA PUBLIC JOINT STOCK COMPANY", "FREIGHT OPTIMA OY"); legal forms keep their end.
    const leading = leadingLegalForm.exec(joined)?.[0].trim() ?? '';
    const trailing = trailingLegalForm.exec(joined.slice(leading.length))?.[0].trim() ?? '';
    const core = words(joined.slice(leading.length, joined.length - trailing.length));
    if (core.length >= 2)
      variants.push({
        kind: 'reorder',
        name: [...core.slice(1), core[0]!, trailing].join(' ').trim() + (leading ? ` ${leading}` : ''),
      });
    else if (leading) variants.push({ kind: 'reorder', name: `${core.join(' ')} ${leading}` });
    const swap = legalFormSwaps.find(([pattern]) => pattern.test(listedName));
    variants.push({ kind: 'legal-form', name: swap ? listedName.replace(swap[0], swap[1]) : `${listedName} Ltd` });
    // A middle word of a long name proper (four or more words between the legal forms), as when "LIAONING CHINA
    // TRADE INDUSTRY" is written without CHINA; in a shorter name the dropped word is often the only distinctive
    // one ("BANK KESHAVARZI IRAN"), and what is left is another name.
    if (core.length >= 4) {
      const drop = Math.floor(core.length / 2);
      variants.push({
        kind: 'dropped-middle',
        name: [leading, ...core.filter((_, i) => i !== drop), trailing].join(' ').trim(),
      });
    }
  }

  const tokens = words(listedName.replace(/[,]/g, ' , ').replace(/-/g, ' - '));
  let isSwapped = false;
  const swapped = tokens.map((token) => {
    const replacement = romanisationSwaps[token.toUpperCase()];
    if (replacement && replacement.toUpperCase() !== token.toUpperCase()) {
      isSwapped = true;
      return replacement;
    }
    return token;
  });
  if (isSwapped && (isPerson || /KOREA|DPRK|CHOSON|PYONG/i.test(listedName)))
    variants.push({ kind: 'romanisation', name: swapped.join(' ').replace(/ , /g, ', ').replace(/ - /g, '-') });
  return variants;
}
