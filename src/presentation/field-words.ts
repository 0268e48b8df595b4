// The applicant contract's fields, evidence keys and export columns in words.
// The applicant contract's fields (as the API and indicators name them) in words.
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  'person.legalName': 'legal name',
  'person.otherNames': 'other names',
  'person.email': 'e-mail address',
  'person.phone': 'phone number',
  'person.householdMembers': 'household members',
  'identityDocument.nameOnDocument': 'name on the identity document',
  'identityDocument.address': 'address on the identity document',
  'payment.accountHolderName': "account holder's name",
  'payment.payeeEntityName': "payee company's name",
  'shipping.recipientName': "laptop recipient's name",
  'shipping.address': 'laptop shipping address',
  residentialAddress: 'home address',
  claimedLocation: 'stated location',
  'employment.employer': 'employer',
  'references.name': "reference's name",
};

/** "person.otherNames.1" -> "other names"; "employment.0.employer" -> "employer". */
export function fieldLabel(path: string): string {
  const withoutIndexes = path.replace(/\.\d+(?=\.|$)/g, '');
  return (
    FIELD_LABELS[withoutIndexes] ??
    FIELD_LABELS[path] ??
    sentenceCase(humaniseKey(withoutIndexes.split('.').pop() ?? path)).toLowerCase()
  );
}

/** "claimedCountry" -> "Claimed country"; "line1" -> "Street and number". */
const KEY_LABELS: Readonly<Record<string, string>> = {
  line1: 'Street and number',
  line2: 'Second address line',
  index: 'Session',
  ip: 'IP address',
  uid: 'List entry number',
  asn: 'Network (ASN)',
  differsFrom: 'Differs from',
  durationMinutes: 'Duration (minutes)',
  bandMin: 'Bottom of the band',
  dateOfBirthYear: 'Year of birth',
  entryName: 'Listed name',
  matchedName: 'Matched name',
  field: 'Applicant field',
  score: 'Name similarity (of 100)',
  otherCases: 'Other cases',
  otherNames: 'Other names',
  kinds: 'Shared',
  householdCases: 'Same household',
  linkedCases: 'Linked cases',
  subjectName: 'Applicant',
  claimedCountry: 'Stated country',
  isBuiltIn: 'Built-in list',
  versionId: 'List version',
  entries: 'Entries on the list',
  videoOn: 'Video on',
  cameraRefused: 'Camera refused',
  inPersonRefused: 'Declined in person',
  ipKvmDetected: 'IP-KVM found',
  prepaymentRequested: 'Asked for advance pay',
  referrerCaseId: 'Referring case',
  referrerBand: "Referring case's band",
  referrerScore: "Referring case's score",
  knownAddress: 'Company address',
  earliestCommitAt: 'Earliest commit',
  createdAt: 'Created',
  at: 'When',
  lineType: 'Line type',
  tokenScores: 'Name parts compared',
  adjustments: 'Adjustments',
  nameKind: 'Matched name type',
  entryType: 'Listed as',
  programs: 'Programmes',
  list: 'List',
  strength: 'Match strength',
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

/** "words here" -> "Words here". */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Column names of the review queue's CSV (and any export): what a spreadsheet reader sees in the header row.
const COLUMN_LABELS: Readonly<Record<string, string>> = {
  case_id: 'Case id',
  candidate: 'Candidate',
  source: 'Source',
  external_id: 'Id in the applicant tracking system',
  band: 'Risk band',
  score: 'Score (of 100)',
  sanctions_check: 'Sanctions check',
  status: 'Review status',
  assignee: 'Assigned to',
  created_at: 'Opened (UTC)',
  age_hours: 'Age (hours)',
  over_review_time: 'Over the review time',
};

/** A CSV or table column in words ("over_review_time" -> "Over the review time"). */
export function columnLabel(key: string): string {
  return COLUMN_LABELS[key] ?? humaniseKey(key);
}
