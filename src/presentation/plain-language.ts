// The words people read: indicator, field, enum and programme labels, country names and one date format, used by
// the pages, CSV headers and notifications (the API keeps its codes and ids).
import type { Family, Finding } from '../scoring/types';

export const INDICATOR_LABELS: Readonly<Record<string, string>> = {
  addr_ship_not_id_address: 'Laptop to be shipped to another address',
  addr_cannot_receive_at_id: 'Cannot receive items at own address',
  addr_cmra_forwarder: 'Shipping to a mailbox or forwarder',
  addr_changes: 'Shipping address changed repeatedly',
  addr_recipient_not_applicant: 'Someone else receives the laptop',
  addr_overseas_reship: 'Issued device is abroad',
  comm_no_video: 'Interview without video',
  comm_avoids_in_person: 'Declined to meet in person',
  comm_liveness_fail: 'Liveness check failed',
  comm_voip_phone: 'Internet (VoIP) phone number',
  comm_changing_contacts: 'Phone or e-mail changed repeatedly',
  comm_disposable_email: 'Disposable e-mail address',
  comm_refers_others: 'Referred by a flagged applicant',
  doc_unverifiable_history: 'Work or school history not verifiable',
  doc_github_fake_history: 'GitHub history older than the account',
  doc_new_or_thin_profiles: 'New or thin LinkedIn profile',
  id_doc_forgery: 'Identity document failed verification',
  id_profile_inconsistency: 'Name on the document differs',
  id_bio_mismatch: 'History does not fit the age',
  net_geo_cn_ru_la_kp: 'Connections from China, Russia, Laos or North Korea',
  net_phone_country_mismatch: 'Phone number from another country',
  net_vpn_vps_proxy: 'Connections through a VPN or hosting provider',
  net_astrill_vpn: 'Connections through Astrill VPN',
  net_multi_country_logins: 'Impossible travel between sessions',
  net_claimed_location_mismatch: 'Connections from outside the stated country',
  net_timezone_mismatch: 'Works at night in the stated time zone',
  net_continuous_session: 'Sessions lasting a day or more',
  net_unmanaged_device_login: 'Work from an unmanaged device',
  net_multiple_remote_tools: 'Remote-access tools on the laptop',
  net_ip_kvm: 'IP-KVM device on the laptop',
  pay_name_mismatch: 'Paid into someone else\'s account',
  pay_crypto: 'Wants to be paid in cryptocurrency',
  pay_prc_linked_service: 'Paid through a bank or service in China',
  pay_bank_country_mismatch: 'Bank account in another country',
  pay_via_company_or_msb: 'Paid through a company or money service',
  pay_frequent_bank_changes: 'Payout account changed repeatedly',
  pay_low_rate: 'Rate far below the position\'s band',
  pay_prepayment_pressure: 'Asked to be paid in advance',
  sanc_sdn_name: 'Confirmed sanctions list match',
  sanc_sdn_name_possible: 'Possible sanctions list match',
  sanc_sdn_name_cleared: 'Sanctions name match cleared',
  sanc_crypto_address: 'Wallet on a sanctions list',
  x_shared_ship_address: 'Shipping address shared with other applicants',
  x_shared_residence: 'Home address shared with other applicants',
  x_shared_payout_account: 'Payout account shared with other applicants',
  x_shared_phone_or_email: 'Phone or e-mail shared with other applicants',
  x_shared_ip: 'Connection address shared with other applicants',
  x_shared_device: 'Device shared with other applicants',
  x_resume_template: 'Resume text shared with other applicants',
};

export const FAMILY_LABELS: Readonly<Record<string, string>> = {
  identity: 'Identity',
  location: 'Location and connections',
  address: 'Addresses and laptop shipping',
  payment: 'Payment',
  communication: 'Communication and interview',
  documents: 'Documents and history',
  sanctions: 'Sanctions lists',
  links: 'Links to other cases',
};

/** "location" -> "Location and connections". */
export function familyLabel(family: string): string {
  return FAMILY_LABELS[family] ?? sentenceCase(family);
}

/** "addr_ship_not_id_address" -> "Laptop to be shipped to another address"; an unknown id reads as words. */
export function indicatorLabel(id: string): string {
  return INDICATOR_LABELS[id] ?? sentenceCase(id.replace(/_/g, ' '));
}

// Why each family counts, in one sentence; the citation follows it.
const FAMILY_REASONS: Record<Family, string> = {
  identity: 'People working under a false or borrowed identity often fail document checks or have a history that does not fit the person.',
  location: 'DPRK IT workers usually connect from China, Russia or Laos and hide it behind VPNs and remote-access tools, so where connections really come from matters more than what is claimed.',
  address: 'Laptops for DPRK IT workers go to "laptop farms": facilitators in the hiring country who receive the equipment at an address that is not the applicant\'s.',
  payment: 'Wages of DPRK IT workers are moved to the regime through accounts held by others, cryptocurrency and payment services abroad.',
  communication: 'Workers using someone else\'s identity avoid showing their face and switch contact details often.',
  documents: 'Invented work histories and freshly built online profiles are typical of fake identities.',
  sanctions: 'Paying a person on a US sanctions list is against the law whatever the reason, so a match has to be confirmed or cleared before any offer or payment.',
  links: 'One person or team applying under many identities shows up as the same address, account, device or resume behind several applications.',
};

const INDICATOR_REASONS: Readonly<Record<string, string>> = {
  net_geo_cn_ru_la_kp: 'DPRK IT workers are known to work from China, Russia and Laos; a connection from there contradicts a claim to live elsewhere.',
  comm_no_video: 'Someone using another person\'s identity cannot show the face that matches it.',
  comm_liveness_fail: 'A failed liveness check can mean a face swap or a deepfake in the interview.',
  pay_crypto: 'Cryptocurrency is the usual way wages are moved to the DPRK without passing a bank.',
  addr_ship_not_id_address: 'A laptop shipped away from the applicant\'s own address is how laptop farms receive equipment.',
  net_ip_kvm: 'An IP-KVM lets someone far away control the laptop as if they sat in front of it.',
  sanc_sdn_name_cleared: 'The name is like a listed one, but an identifier differs: kept for the record only.',
};

/** 'Why it matters' as a reason first, with the citation behind it. */
export function whyItMatters(finding: Pick<Finding, 'indicator' | 'family' | 'source'>): { reason: string; citation: string } {
  return { reason: INDICATOR_REASONS[finding.indicator] ?? FAMILY_REASONS[finding.family] ?? '', citation: finding.source };
}

// The applicant contract's fields (as the API and indicators name them) in words.
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  'person.legalName': 'legal name',
  'person.otherNames': 'other names',
  'person.email': 'e-mail address',
  'person.phone': 'phone number',
  'person.householdMembers': 'household members',
  'identityDocument.nameOnDocument': 'name on the identity document',
  'identityDocument.address': 'address on the identity document',
  'payment.accountHolderName': 'account holder\'s name',
  'payment.payeeEntityName': 'payee company\'s name',
  'shipping.recipientName': 'laptop recipient\'s name',
  'shipping.address': 'laptop shipping address',
  residentialAddress: 'home address',
  claimedLocation: 'stated location',
  'employment.employer': 'employer',
  'references.name': 'reference\'s name',
};

/** "person.otherNames.1" -> "other names"; "employment.0.employer" -> "employer". */
export function fieldLabel(path: string): string {
  const withoutIndexes = path.replace(/\.\d+(?=\.|$)/g, '');
  return FIELD_LABELS[withoutIndexes] ?? FIELD_LABELS[path] ?? sentenceCase(humaniseKey(withoutIndexes.split('.').pop() ?? path)).toLowerCase();
}

// Enum values in words, by the field that holds them (and as a fallback by value alone).
const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  method: { bank_transfer: 'Bank transfer', paypal: 'PayPal', payoneer: 'Payoneer', wise: 'Wise', crypto: 'Cryptocurrency', check: 'Cheque', other: 'Other' },
  payeeType: { individual: 'The person', company: 'A company', msb: 'A money-service business' },
  kind: { application: 'Application', interview: 'Interview', onboarding: 'Onboarding', work: 'Work' },
  severity: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
  band: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
  status: { open: 'Open', in_review: 'In review', escalated: 'Escalated', cleared: 'Cleared', confirmed_fraud: 'Confirmed fraud', withdrawn: 'Withdrawn' },
  strength: { strong: 'Strong', partial: 'Partial', weak: 'Weak', possible: 'Possible' },
  lineType: { VOIP: 'Internet (VoIP) line', MOBILE: 'Mobile', FIXED_LINE: 'Landline' },
  livenessCheck: { failed: 'Failed', passed: 'Passed' },
  type: { passport: 'Passport', drivers_license: 'Driver\'s licence', national_id: 'National identity card' },
  documentType: { passport: 'Passport', drivers_license: 'Driver\'s licence', national_id: 'National identity card', other: 'Other document' },
  listedAs: { individual: 'A person', entity: 'An organisation', vessel: 'A vessel', aircraft: 'An aircraft' },
  verification: { passed: 'Passed', failed: 'Failed', pending: 'Pending', not_done: 'Not done' },
};

/** A stored value in words: true -> "Yes", "crypto" (method) -> "Cryptocurrency". */
export function valueLabel(key: string, value: unknown): string {
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  if (typeof value === 'string') {
    if (key === 'differsFrom' || key === 'field') return fieldLabel(value);
    if (key === 'programs') return programmeLabel(value);
    if (key === 'list' && /^(SDN|CONS|BUILTIN)$/.test(value)) return sentenceCase(sanctionsListLabel(value));
    const byKey = VALUE_LABELS[key]?.[value];
    if (byKey) return byKey;
    if (/country$/i.test(key) && /^[A-Z]{2}$/.test(value)) return countryName(value);
  }
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return String(value);
}

let regionNames: Intl.DisplayNames | null = null;
// Names people use in sentences, where Intl's official form reads oddly.
const COUNTRY_OVERRIDES: Record<string, string> = { KP: 'North Korea', KR: 'South Korea', US: 'United States', GB: 'United Kingdom', RU: 'Russia', LA: 'Laos', CN: 'China', TW: 'Taiwan', HK: 'Hong Kong', MO: 'Macao' };
const NEEDS_THE = new Set(['US', 'GB', 'AE', 'NL', 'PH', 'CZ']);

/** "LA" -> "Laos"; an unknown code is returned as it is. */
export function countryName(code: string): string {
  const upper = code.toUpperCase();
  const override = COUNTRY_OVERRIDES[upper];
  if (override) return override;
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  try {
    return regionNames.of(upper) ?? code;
  } catch {
    return code;
  }
}

const inSentence = (code: string) => `${NEEDS_THE.has(code) ? 'the ' : ''}${countryName(code)}`;

// A two-letter code after these words is a country in the indicators' sentences ("came from LA", "claims to be in US").
const COUNTRY_IN_SENTENCE = /\b(from|in|outside|not|to|and|or|,)(\s+)([A-Z]{2})\b(?!-)/g;
const FIELD_IN_SENTENCE = /\b(identityDocument\.address|residentialAddress|claimedLocation|(?:person|payment|shipping|identityDocument|employment|references)\.[A-Za-z0-9.]+)\b/g;

/** A finding's sentence with country codes and contract field names in words; the stored message is not changed. */
export function plainSentence(text: string): string {
  return text
    .replace(FIELD_IN_SENTENCE, (path: string) => fieldLabel(path))
    .replace(COUNTRY_IN_SENTENCE, (whole, before: string, space: string, code: string) => {
      const name = countryName(code);
      return name === code ? whole : `${before}${space}${inSentence(code)}`;
    })
    // "1 other case(s)" -> "1 other case"; "2 employer(s) or school(s)" -> "2 employers or schools".
    .replace(/\b(\d+) ((?:[a-z-]+ )?)([a-z-]+)\(s\)(?: or ([a-z-]+)\(s\))?/g, (_whole, count: string, before: string, noun: string, other?: string) => {
      const plural = count === '1' ? '' : 's';
      return `${count} ${before}${noun}${plural}${other ? ` or ${other}${plural}` : ''}`;
    })
    .replace(/ +/g, ' ');
}

// OFAC programme tags in words (31 CFR chapter V; the executive order or act behind each).
const PROGRAMMES: Readonly<Record<string, string>> = {
  DPRK: 'North Korea sanctions (EO 13466 and 13551)',
  DPRK2: 'North Korea sanctions (EO 13687)',
  DPRK3: 'North Korea sanctions (EO 13722)',
  DPRK4: 'North Korea sanctions (EO 13810)',
  'DPRK-NKSPEA': 'North Korea Sanctions and Policy Enhancement Act',
  NPWMD: 'Weapons of mass destruction proliferators (EO 13382)',
  'CYBER': 'Malicious cyber activity (EO 13694)',
  CYBER2: 'Malicious cyber activity (EO 13694 as amended)',
  CYBER3: 'Malicious cyber activity (EO 14144)',
  SDGT: 'Global terrorism (EO 13224)',
  'RUSSIA-EO14024': 'Russia harmful foreign activities (EO 14024)',
  UKRAINE: 'Ukraine-related sanctions (EO 13660)',
  'UKRAINE-EO13662': 'Ukraine-related sanctions (EO 13662)',
  IRAN: 'Iran sanctions',
  IRGC: 'Iran Revolutionary Guard Corps',
  SYRIA: 'Syria sanctions',
  CUBA: 'Cuba sanctions',
  VENEZUELA: 'Venezuela sanctions',
  'VENEZUELA-EO13850': 'Venezuela sanctions (EO 13850)',
  SDNTK: 'Foreign narcotics kingpins',
  ILLICIT: 'Illicit drug trade (EO 14059)',
  GLOMAG: 'Global Magnitsky (human rights and corruption)',
  BELARUS: 'Belarus sanctions',
  TCO: 'Transnational criminal organisations',
};

/** "DPRK3" -> "North Korea sanctions (EO 13722)". */
export function programmeLabel(tag: string): string {
  return PROGRAMMES[tag] ?? `Sanctions programme ${tag}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * One date format on every page: "7 Dec 2026, 14:05 UTC". Pages carry no script, so the reader's own time zone cannot
 * be known; UTC is said outright, and the exact ISO instant goes into the title attribute.
 */
export function formatDateTime(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** A date alone: "7 Dec 2026". */
export function formatDate(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** An ISO date or date-time inside evidence ("2026-11-20T15:04:05Z", "2024-03-01"). */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** "claimedCountry" -> "Claimed country"; "line1" -> "Street and number". */
const KEY_LABELS: Readonly<Record<string, string>> = {
  line1: 'Street and number', line2: 'Second address line', index: 'Session', ip: 'IP address', uid: 'List entry number', asn: 'Network (ASN)',
  differsFrom: 'Differs from', durationMinutes: 'Duration (minutes)', bandMin: 'Bottom of the band', dateOfBirthYear: 'Year of birth',
  entryName: 'Listed name', matchedName: 'Matched name', field: 'Applicant field', score: 'Name similarity (of 100)', otherCases: 'Other cases',
  otherNames: 'Other names', kinds: 'Shared', householdCases: 'Same household', linkedCases: 'Linked cases', subjectName: 'Applicant',
  claimedCountry: 'Stated country', isBuiltIn: 'Built-in list', versionId: 'List version', entries: 'Entries on the list', videoOn: 'Video on',
  cameraRefused: 'Camera refused', inPersonRefused: 'Declined in person', ipKvmDetected: 'IP-KVM found', prepaymentRequested: 'Asked for advance pay',
  referrerCaseId: 'Referring case', referrerBand: 'Referring case\'s band', referrerScore: 'Referring case\'s score', knownAddress: 'Company address',
  earliestCommitAt: 'Earliest commit', createdAt: 'Created', at: 'When', lineType: 'Line type', tokenScores: 'Name parts compared',
  adjustments: 'Adjustments', nameKind: 'Matched name type', entryType: 'Listed as', programs: 'Programmes', list: 'List', strength: 'Match strength',
};
const ACRONYMS = new Set(['ip', 'url', 'uid', 'iban', 'asn', 'vpn', 'id', 'dob', 'pep', 'kvm', 'voip']);

export function humaniseKey(key: string): string {
  if (KEY_LABELS[key]) return KEY_LABELS[key];
  const words = key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(' ')
    .map((word) => (ACRONYMS.has(word) ? word.toUpperCase() : word))
    .join(' ');
  return sentenceCase(words);
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Column names of the review queue's CSV (and any export): what a spreadsheet reader sees in the header row.
const COLUMN_LABELS: Readonly<Record<string, string>> = {
  case_id: 'Case id', candidate: 'Candidate', source: 'Source', external_id: 'Id in the applicant tracking system', band: 'Risk band',
  score: 'Score (of 100)', sanctions_check: 'Sanctions check', status: 'Review status', assignee: 'Assigned to',
  created_at: 'Opened (UTC)', age_hours: 'Age (hours)', over_review_time: 'Over the review time',
};

/** A CSV or table column in words ("over_review_time" -> "Over the review time"). */
export function columnLabel(key: string): string {
  return COLUMN_LABELS[key] ?? humaniseKey(key);
}

/** Per-family points as they count after the family caps and the total cap, so that the parts add up to the score. */
export function countedPoints(findings: readonly Pick<Finding, 'family' | 'points'>[], familyCaps: Readonly<Record<string, number>>, maxScore: number): { byFamily: Map<string, { found: number; counted: number; cap: number }>; total: number } {
  const found = new Map<string, number>();
  for (const finding of findings) found.set(finding.family, (found.get(finding.family) ?? 0) + finding.points);
  // Families with the most points counted first, so that the total cap trims the smallest contributions last.
  const ordered = [...found].sort((a, b) => b[1] - a[1]);
  const byFamily = new Map<string, { found: number; counted: number; cap: number }>();
  let left = maxScore;
  for (const [family, points] of ordered) {
    const cap = familyCaps[family] ?? maxScore;
    const counted = Math.max(0, Math.min(points, cap, left));
    left -= counted;
    byFamily.set(family, { found: points, counted, cap });
  }
  return { byFamily, total: maxScore - left };
}

const LIST_LABELS: Readonly<Record<string, string>> = {
  SDN: 'OFAC\'s Specially Designated Nationals list',
  CONS: 'OFAC\'s consolidated (non-SDN) lists',
  BUILTIN: 'the built-in copy of OFAC\'s DPRK IT-worker designations',
};

/** "SDN" -> "OFAC's Specially Designated Nationals list". */
export function sanctionsListLabel(list: string): string {
  return LIST_LABELS[list] ?? `the ${list} list`;
}

/**
 * A finding's headline as a person reads it. Stored messages name contract fields, country codes, list and programme
 * tags ("person.legalName "…" strongly matches BUILTIN entry X (NPWMD), score 100"); pages show this instead.
 */
export function findingHeadline(finding: Pick<Finding, 'family' | 'message'>): string {
  let text = finding.message;
  if (finding.family === 'sanctions') {
    text = text
      .replace(/\b(SDN|CONS|BUILTIN) entry (.+?) \(([A-Za-z0-9, -]+)\)/g, (_whole, list: string, name: string, programmes: string) =>
        `${name} on ${sanctionsListLabel(list)} (${programmes.split(/,\s*/).map(programmeLabel).join('; ')})`)
      .replace(/\(([A-Z][A-Z0-9-]+(?:, [A-Z][A-Z0-9-]+)*)\)/g, (whole, tags: string) => (tags.split(', ').every((tag) => PROGRAMMES[tag]) ? `(${tags.split(', ').map(programmeLabel).join('; ')})` : whole))
      .replace(/, score (\d+)/g, ', name similarity $1 of 100')
      .replace(/^A name "/, 'A name “')
      .replace(/^([A-Za-z.0-9]+) "([^"]*)"/, (_whole, field: string, name: string) => `The ${fieldLabel(field)} “${name}”`);
  }
  return sentenceCase(plainSentence(text));
}

/** A finding's recommended check for a reviewer: advice written for operators names settings, reviewers read what to ask for. */
export function plainAdvice(text: string): string {
  return text.replace(/ \(add it to [A-Z_]+ if so\)/, ' (if so, ask an administrator to mark it as a shared network)');
}
