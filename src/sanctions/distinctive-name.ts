// Whether a listed entity name identifies one organisation on its own ("KOREA OSONG SHIPPING") or could be anybody's
// ("GLOBAL TRADING LLC"): only a distinctive name makes an entity hit a confirmed match without another identifier.
import { isCountryOnly } from './countries';
import { prepareName } from './normalise';

/**
 * Words that describe what a company does or how it is organised, not which company it is. Legal forms (LLC, Co.,
 * Corporation...) are already removed by prepareName; countries are generic too (KOREA, CHINA), places below a
 * country are not (LIAONING, DANDONG).
 */
const genericWords = new Set([
  'GLOBAL',
  'INTERNATIONAL',
  'INTL',
  'WORLD',
  'WORLDWIDE',
  'UNIVERSAL',
  'GENERAL',
  'UNITED',
  'NATIONAL',
  'FIRST',
  'NEW',
  'ROYAL',
  'STAR',
  'TRADING',
  'TRADE',
  'TRADERS',
  'TRADER',
  'COMMERCIAL',
  'COMMERCE',
  'IMPORT',
  'EXPORT',
  'IMPEX',
  'IMP',
  'EXP',
  'IMPORTS',
  'EXPORTS',
  'GROUP',
  'HOLDING',
  'HOLDINGS',
  'PARTNERS',
  'ASSOCIATES',
  'ALLIANCE',
  'CONSORTIUM',
  'VENTURES',
  'CAPITAL',
  'INVESTMENT',
  'INVESTMENTS',
  'INDUSTRY',
  'INDUSTRIES',
  'INDUSTRIAL',
  'MANUFACTURING',
  'PRODUCTION',
  'PRODUCTS',
  'SUPPLY',
  'SUPPLIES',
  'EQUIPMENT',
  'MACHINERY',
  'SERVICE',
  'SERVICES',
  'SOLUTIONS',
  'CONSULTING',
  'CONSULTANCY',
  'CONSULTANTS',
  'MANAGEMENT',
  'DEVELOPMENT',
  'RESOURCES',
  'AGENCY',
  'TECHNOLOGY',
  'TECHNOLOGIES',
  'TECH',
  'INFORMATION',
  'IT',
  'SOFTWARE',
  'DIGITAL',
  'DATA',
  'SYSTEMS',
  'SYSTEM',
  'NETWORK',
  'NETWORKS',
  'COMPUTER',
  'COMPUTERS',
  'ELECTRONICS',
  'ELECTRONIC',
  'TELECOM',
  'COMMUNICATIONS',
  'MEDIA',
  'ONLINE',
  'WEB',
  'CYBER',
  'COOPERATION',
  'ENTERPRISE',
  'ENTERPRISES',
  'BUSINESS',
  'COMMERCIALS',
  'SHIPPING',
  'LOGISTICS',
  'TRANSPORT',
  'TRANSPORTATION',
  'FREIGHT',
  'MARINE',
  'MARITIME',
  'NAVIGATION',
  'CARGO',
  'EXPRESS',
  'ENERGY',
  'OIL',
  'GAS',
  'PETROLEUM',
  'CONSTRUCTION',
  'ENGINEERING',
  'BUILDING',
  'FINANCE',
  'FINANCIAL',
  'BANK',
  'EXCHANGE',
  'MONEY',
  'PAYMENTS',
  'INSURANCE',
  'FOUNDATION',
  'OFFICE',
  'BRANCH',
  'CENTER',
  'CENTRE',
  'DEPARTMENT',
  'BUREAU',
  'COMPANY',
  'FIRM',
  'KOREA',
  'KOREAN',
  'CHINESE',
  'RUSSIAN',
  'NORTH',
  'SOUTH',
  'EAST',
  'WEST',
  'ASIA',
  'ASIAN',
  'EUROPE',
  'EURO',
  'PACIFIC',
  'MIDDLE',
]);

/** Least length of a distinctive word: shorter ones (SUN, ACE, 53) are too easily someone else's. */
const MIN_DISTINCTIVE_LENGTH = 4;
/** How many distinctive words a matched name must share with the listed one. */
export const MIN_DISTINCTIVE_WORDS = 1;

/** The words of a listed entity name that identify it: not legal forms, generic words, countries, numbers or short words. */
export function distinctiveWords(listedName: string): string[] {
  return prepareName(listedName, { isPerson: false })
    .tokens.map((token) => token.text)
    .filter(
      (word) =>
        word.length >= MIN_DISTINCTIVE_LENGTH && !/\d/.test(word) && !genericWords.has(word) && !isCountryOnly(word),
    );
}

/**
 * The distinctive words of the listed name that the screened name shares (its paired words, as the matcher reports
 * them). The hit names this organisation, not just its trade, when there are at least MIN_DISTINCTIVE_WORDS.
 */
export function sharedDistinctiveWords(listedName: string, pairedListedWords: readonly string[]): string[] {
  const paired = new Set(pairedListedWords.flatMap((words) => words.split(' ')));
  return distinctiveWords(listedName).filter((word) => paired.has(word));
}
