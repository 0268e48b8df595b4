// Shapes of the sanctions core: listed entries (parsed from OFAC files or built in) and screening matches.
import type { IdentifierComparison } from './corroboration';

/** Where an entry comes from: OFAC's SDN list, OFAC's consolidated (non-SDN) list, or the built-in DPRK snapshot. */
export type SanctionsList = 'SDN' | 'CONS' | 'BUILTIN';

/** OFAC's SDN_Type; the files leave it empty (`-0-`) for entities. null: a value OFAC does not define. */
export type EntryType = 'individual' | 'entity' | 'vessel' | 'aircraft' | null;

export type AliasKind = 'aka' | 'fka' | 'nka';

export interface SanctionsAlias {
  name: string;
  /** Weak a.k.a.s live in the remarks ("a.k.a. 'X'"); OFAC does not expect them to be screened alone. */
  isWeak: boolean;
  kind: AliasKind;
}

export interface SanctionsAddress {
  address: string | null;
  /** OFAC's one "City/State/Province/Postal Code" column, e.g. "Dandong, Liaoning". */
  city: string | null;
  country: string | null;
  remarks: string | null;
}

export interface SanctionsIdentifier {
  /** The remarks label, e.g. "Passport", "Tax ID No.", "Unified Social Credit Code (USCC)", "Email Address". */
  kind: string;
  value: string;
  country: string | null;
  issued: string | null;
  expires: string | null;
}

export interface DigitalCurrencyAddress {
  /** OFAC's ticker as written, e.g. XBT (bitcoin), ETH, USDT, TRX, XMR. */
  chain: string;
  address: string;
}

export interface VesselDetails {
  callSign: string | null;
  vesselType: string | null;
  tonnage: string | null;
  grossRegisteredTonnage: string | null;
  flag: string | null;
  owner: string | null;
}

export interface SanctionsEntry {
  /** `${list}-${entNum}` for imported entries, e.g. "SDN-52282"; built-in entries keep their SDN uid. */
  uid: string;
  list: SanctionsList;
  entNum: number;
  name: string;
  type: EntryType;
  programs: string[];
  title: string | null;
  aliases: SanctionsAlias[];
  addresses: SanctionsAddress[];
  /** As written after "DOB": "20 Apr 1959", "1946", "circa 1970", "1958 to 1960". */
  datesOfBirth: string[];
  placesOfBirth: string[];
  nationalities: string[];
  citizenships: string[];
  gender: string | null;
  identifiers: SanctionsIdentifier[];
  digitalCurrencyAddresses: DigitalCurrencyAddress[];
  /** Names after "Linked To:", a relationship by name that the index resolves to uids. */
  linkedTo: string[];
  vessel: VesselDetails | null;
  /** The full remarks, with any spill-over from the comments file appended. */
  remarks: string | null;
}

export type MatchStrength = 'possible' | 'strong';

/** Which of the entry's names matched: its own, an alias, or the name of an unlisted party it is linked to. */
export type MatchedNameKind = 'primary' | 'alias' | 'weak-alias' | 'linked-to' | 'wallet';

export interface TokenScore {
  query: string;
  /** '' when nothing in the listed name pairs with this query word. */
  listed: string;
  /** 0..1 */
  score: number;
}

export interface ScoreAdjustment {
  reason: string;
  /** Points added to (or, negative, taken from) the name score. */
  points: number;
}

export interface LinkedParty {
  name: string;
  /** The listed entry of that name, when there is one. */
  uid: string | null;
  programs: string[];
}

/** A match as a finding's evidence keeps it (stored JSON): what the case page and the OFAC report read back. */
export type StoredSanctionsMatch = Pick<
  SanctionsMatch,
  'uid' | 'programs' | 'entryName' | 'matchedName' | 'field' | 'score'
> & {
  list: string;
  strength: string;
  note?: string;
  comparison?: IdentifierComparison;
};

export interface SanctionsMatch {
  uid: string;
  list: SanctionsList;
  programs: string[];
  entryName: string;
  entryType: EntryType;
  /** The listed name (or wallet address) that matched. */
  matchedName: string;
  nameKind: MatchedNameKind;
  isWeakAlias: boolean;
  /** The applicant field screened, echoed back, e.g. "person.legalName". */
  field: string | null;
  /** 0..100 */
  score: number;
  strength: MatchStrength;
  tokenScores: TokenScore[];
  adjustments: ScoreAdjustment[];
  linkedTo: LinkedParty[];
  note: string;
  /** The screened party's other identifiers against the entry's (set by the screening, not the index). */
  comparison?: IdentifierComparison;
}

export interface ScreenNameOptions {
  field?: string;
  /** ISO date (YYYY-MM-DD, YYYY-MM or YYYY) or OFAC style ("05 Jan 1979"). */
  dateOfBirth?: string;
  /** ISO 3166-1 alpha-2 code or a country name. */
  country?: string;
  /** true: the name is a company (legal forms are read as such); false: a person; undefined: unknown. */
  isEntity?: boolean;
  /** Lowest score returned; defaults to the possible-match threshold. */
  minScore?: number;
  /** Most matches returned (best first); default 20. */
  limit?: number;
}
