// The candidate form's fields, named by their path in the applicant contract (src/applicants/applicant-schema.ts), in
// sections and row groups as the form shows them. Declarative data.
import { countryCodes } from '../applicants/countries';

export type FieldKind =
  | 'text'
  | 'email'
  | 'tel'
  | 'url'
  | 'date'
  | 'number'
  | 'integer'
  | 'lines'
  | 'longtext'
  | 'choice'
  | 'yesno'
  | 'country'
  | 'timezone';

export interface FormField {
  /** The contract path, e.g. "person.legalName" or "employment.0.employer". */
  name: string;
  label: string;
  kind: FieldKind;
  hint?: string;
  choices?: readonly (readonly [string, string])[];
  required?: boolean;
  wide?: boolean;
  autocomplete?: string;
}

export interface FormRowGroup {
  /** The contract's list, e.g. "employment"; rows are numbered from 0. */
  list: string;
  rowLabel: string;
  rows: number;
  fields: (Omit<FormField, 'name'> & { key: string })[];
}

export interface FormSection {
  id: string;
  title: string;
  intro?: string;
  fields: FormField[];
  groups?: FormRowGroup[];
}

const COUNTRY_HINT = 'Choose the country from the list';

/** Every country by its English name, for the country lists (the value sent is its two-letter code). */
export const COUNTRY_CHOICES: readonly (readonly [string, string])[] = (() => {
  const display = new Intl.DisplayNames(['en'], { type: 'region' });
  return [...countryCodes]
    .map((code): [string, string] => [code, display.of(code) ?? code])
    .sort((a, b) => a[1].localeCompare(b[1], 'en'));
})();

/** The time zones this runtime knows, for the time-zone field's suggestions. */
export const TIME_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');
const yesNo = [
  ['', 'Not known'],
  ['true', 'Yes'],
  ['false', 'No'],
] as const;
const checkOutcome = [
  ['', 'Not known'],
  ['passed', 'Passed'],
  ['failed', 'Failed'],
  ['not_done', 'Not done'],
] as const;

const address = (prefix: string, what: string): FormField[] => [
  {
    name: `${prefix}.line1`,
    label: `${what}: street and number`,
    kind: 'text',
    wide: true,
    autocomplete: 'address-line1',
  },
  {
    name: `${prefix}.line2`,
    label: `${what}: apartment, suite (optional)`,
    kind: 'text',
    wide: true,
    autocomplete: 'address-line2',
  },
  { name: `${prefix}.city`, label: `${what}: city`, kind: 'text', autocomplete: 'address-level2' },
  { name: `${prefix}.region`, label: `${what}: state or region`, kind: 'text', autocomplete: 'address-level1' },
  { name: `${prefix}.postalCode`, label: `${what}: postal code`, kind: 'text', autocomplete: 'postal-code' },
  { name: `${prefix}.country`, label: `${what}: country`, kind: 'country', hint: COUNTRY_HINT },
];

export const FORM_SECTIONS: FormSection[] = [
  {
    id: 'candidate',
    title: 'Candidate and role',
    fields: [
      {
        name: 'externalId',
        label: 'Candidate id in your applicant tracking system',
        kind: 'text',
        hint: 'Optional. Screening the same id again adds a screening to the same case.',
      },
      { name: 'position.title', label: 'Position', kind: 'text', hint: 'e.g. Senior backend engineer' },
      { name: 'position.remote', label: 'Fully remote role?', kind: 'yesno', choices: yesNo },
    ],
  },
  {
    id: 'person',
    title: 'Person',
    fields: [
      {
        name: 'person.legalName',
        label: 'Legal name',
        kind: 'text',
        required: true,
        hint: 'As on the identity document',
        autocomplete: 'off',
      },
      { name: 'person.email', label: 'E-mail address', kind: 'email', autocomplete: 'off' },
      {
        name: 'person.phone',
        label: 'Phone number',
        kind: 'tel',
        hint: 'With the country code, e.g. +1 512 555 0142',
        autocomplete: 'off',
      },
      {
        name: 'person.dateOfBirth',
        label: 'Date of birth',
        kind: 'date',
        hint: 'Only the year is kept. Needed to confirm or clear a sanctions name match: collect it before an offer.',
      },
      {
        name: 'person.placeOfBirth',
        label: 'Place of birth',
        kind: 'text',
        hint: 'Town or city, only where the law allows asking: compared with a sanctions entry only, never scored otherwise',
      },
      {
        name: 'person.otherNames',
        label: 'Other names used',
        kind: 'lines',
        hint: 'One per line: former names, nicknames, names on other accounts',
      },
      { name: 'person.previousEmails', label: 'Other e-mail addresses', kind: 'lines', hint: 'One per line' },
      {
        name: 'person.previousPhones',
        label: 'Other phone numbers',
        kind: 'lines',
        hint: 'One per line, with the country code',
      },
      {
        name: 'person.householdMembers',
        label: 'People living with the candidate',
        kind: 'lines',
        hint: 'One name per line, as the candidate declared them',
      },
    ],
  },
  {
    id: 'location',
    title: 'Where the candidate says they are',
    fields: [
      { name: 'claimedLocation.country', label: 'Country', kind: 'country', hint: COUNTRY_HINT },
      { name: 'claimedLocation.region', label: 'State or region', kind: 'text' },
      { name: 'claimedLocation.city', label: 'City', kind: 'text' },
      {
        name: 'claimedLocation.timezone',
        label: 'Time zone',
        kind: 'timezone',
        hint: 'Start typing a city, e.g. America/Chicago',
      },
    ],
    groups: [
      {
        list: 'sessions',
        rowLabel: 'Connection',
        rows: 3,
        fields: [
          { key: 'ip', label: 'IP address', kind: 'text', hint: 'From the application, interview or onboarding logs' },
          {
            key: 'kind',
            label: 'Seen during',
            kind: 'choice',
            choices: [
              ['', 'Choose…'],
              ['application', 'Application'],
              ['interview', 'Interview'],
              ['onboarding', 'Onboarding'],
              ['work', 'Work'],
            ],
          },
          { key: 'at', label: 'When', kind: 'text', hint: 'Optional, e.g. 2026-11-20T15:04:05Z' },
        ],
      },
    ],
  },
  {
    id: 'addresses',
    title: 'Home address and laptop shipping',
    fields: [
      ...address('residentialAddress', 'Home'),
      ...address('shipping.address', 'Ship laptop to'),
      {
        name: 'shipping.recipientName',
        label: 'Laptop recipient name',
        kind: 'text',
        hint: 'Leave empty when it is the candidate',
      },
      {
        name: 'shipping.addressType',
        label: 'Kind of shipping address',
        kind: 'choice',
        choices: [
          ['', 'Not known'],
          ['residential', 'Residential'],
          ['commercial', 'Commercial'],
          ['po_box', 'PO box'],
          ['cmra', 'Mail receiving agency (CMRA)'],
          ['forwarder', 'Freight forwarder'],
        ],
      },
      { name: 'shipping.changes', label: 'Times the shipping address changed', kind: 'integer' },
      { name: 'shipping.reason', label: 'Reason given for a different shipping address', kind: 'longtext', wide: true },
    ],
  },
  {
    id: 'payment',
    title: 'Payment',
    fields: [
      {
        name: 'payment.method',
        label: 'Payment method',
        kind: 'choice',
        choices: [
          ['', 'Not known'],
          ['bank_transfer', 'Bank transfer'],
          ['paypal', 'PayPal'],
          ['payoneer', 'Payoneer'],
          ['wise', 'Wise'],
          ['crypto', 'Cryptocurrency'],
          ['check', 'Check'],
          ['other', 'Other'],
        ],
      },
      { name: 'payment.provider', label: 'Bank or provider', kind: 'text' },
      { name: 'payment.providerCountry', label: 'Provider country', kind: 'country', hint: COUNTRY_HINT },
      { name: 'payment.bankCountry', label: 'Bank account country', kind: 'country', hint: COUNTRY_HINT },
      { name: 'payment.accountHolderName', label: 'Account holder name', kind: 'text' },
      {
        name: 'payment.accountNumber',
        label: 'Account number',
        kind: 'text',
        hint: 'Only the last four characters are kept',
      },
      { name: 'payment.routingNumber', label: 'Routing number', kind: 'text' },
      { name: 'payment.iban', label: 'IBAN', kind: 'text', hint: 'Only the last four characters are kept' },
      { name: 'payment.wallet.chain', label: 'Crypto wallet: chain', kind: 'text', hint: 'e.g. ETH, TRX, XBT' },
      { name: 'payment.wallet.address', label: 'Crypto wallet: address', kind: 'text' },
      {
        name: 'payment.payeeType',
        label: 'Paid as',
        kind: 'choice',
        choices: [
          ['', 'Not known'],
          ['individual', 'An individual'],
          ['company', 'A company'],
          ['msb', 'A money services business'],
        ],
      },
      { name: 'payment.payeeEntityName', label: 'Company or business paid', kind: 'text' },
      { name: 'payment.changes', label: 'Times the payment details changed', kind: 'integer' },
      { name: 'payment.prepaymentRequested', label: 'Asked to be paid in advance?', kind: 'yesno', choices: yesNo },
    ],
  },
  {
    id: 'documents',
    title: 'Identity document',
    fields: [
      {
        name: 'identityDocument.type',
        label: 'Document',
        kind: 'choice',
        choices: [
          ['', 'Not known'],
          ['passport', 'Passport'],
          ['drivers_license', "Driver's licence"],
          ['national_id', 'National id card'],
          ['other', 'Other'],
        ],
      },
      { name: 'identityDocument.issuingCountry', label: 'Issuing country', kind: 'country', hint: COUNTRY_HINT },
      { name: 'identityDocument.nameOnDocument', label: 'Name on the document', kind: 'text' },
      {
        name: 'identityDocument.number',
        label: 'Document number',
        kind: 'text',
        hint: 'Compared with a sanctions entry only, then forgotten: not stored',
        autocomplete: 'off',
      },
      { name: 'identityDocument.verification', label: 'Document verification', kind: 'choice', choices: checkOutcome },
    ],
  },
  {
    id: 'history',
    title: 'Work and education history',
    fields: [
      { name: 'requestedRate.amount', label: 'Requested pay: amount', kind: 'number' },
      { name: 'requestedRate.currency', label: 'Requested pay: currency', kind: 'text', hint: 'e.g. USD' },
      {
        name: 'requestedRate.per',
        label: 'Requested pay: per',
        kind: 'choice',
        choices: [
          ['', 'Choose…'],
          ['hour', 'Hour'],
          ['day', 'Day'],
          ['week', 'Week'],
          ['month', 'Month'],
          ['year', 'Year'],
        ],
      },
      {
        name: 'resumeText',
        label: 'Resume text',
        kind: 'longtext',
        wide: true,
        hint: 'Pasted text; only a fingerprint of it is kept',
      },
    ],
    groups: [
      {
        list: 'employment',
        rowLabel: 'Employer',
        rows: 3,
        fields: [
          { key: 'employer', label: 'Employer', kind: 'text' },
          { key: 'title', label: 'Job title', kind: 'text' },
          { key: 'start', label: 'From', kind: 'text', hint: 'YYYY or YYYY-MM' },
          { key: 'end', label: 'To', kind: 'text', hint: 'YYYY or YYYY-MM; empty if current' },
          { key: 'country', label: 'Country', kind: 'country', hint: COUNTRY_HINT },
          { key: 'verified', label: 'Verified with the employer?', kind: 'yesno', choices: yesNo },
        ],
      },
      {
        list: 'education',
        rowLabel: 'School',
        rows: 2,
        fields: [
          { key: 'institution', label: 'School or university', kind: 'text' },
          { key: 'degree', label: 'Degree', kind: 'text' },
          { key: 'start', label: 'From', kind: 'text', hint: 'YYYY or YYYY-MM' },
          { key: 'end', label: 'To', kind: 'text', hint: 'YYYY or YYYY-MM' },
          { key: 'country', label: 'Country', kind: 'country', hint: COUNTRY_HINT },
          { key: 'verified', label: 'Verified with the school?', kind: 'yesno', choices: yesNo },
        ],
      },
      {
        list: 'references',
        rowLabel: 'Reference',
        rows: 2,
        fields: [
          { key: 'name', label: 'Name', kind: 'text' },
          { key: 'email', label: 'E-mail', kind: 'email' },
          { key: 'phone', label: 'Phone', kind: 'tel', hint: 'With the country code' },
          { key: 'employer', label: 'Employer', kind: 'text' },
        ],
      },
    ],
  },
  {
    id: 'profiles',
    title: 'Online profiles',
    fields: [
      { name: 'profiles.linkedin.url', label: 'LinkedIn profile URL', kind: 'url' },
      { name: 'profiles.linkedin.createdAt', label: 'LinkedIn profile created', kind: 'text', hint: 'YYYY or YYYY-MM' },
      { name: 'profiles.linkedin.connections', label: 'LinkedIn connections', kind: 'integer' },
      { name: 'profiles.github.login', label: 'GitHub login', kind: 'text' },
      { name: 'profiles.github.createdAt', label: 'GitHub account created', kind: 'text', hint: 'YYYY or YYYY-MM' },
      {
        name: 'profiles.github.earliestCommitAt',
        label: 'Earliest GitHub commit',
        kind: 'text',
        hint: 'YYYY or YYYY-MM',
      },
      { name: 'profiles.portfolioUrl', label: 'Portfolio URL', kind: 'url' },
    ],
  },
  {
    id: 'interview',
    title: 'Interview',
    fields: [
      { name: 'interview.videoOn', label: 'Camera on during the interview?', kind: 'yesno', choices: yesNo },
      { name: 'interview.cameraRefused', label: 'Refused to turn the camera on?', kind: 'yesno', choices: yesNo },
      {
        name: 'interview.livenessCheck',
        label: 'Liveness check (ID beside the face)',
        kind: 'choice',
        choices: checkOutcome,
      },
      { name: 'interview.inPersonDone', label: 'Met in person?', kind: 'yesno', choices: yesNo },
      { name: 'interview.inPersonRefused', label: 'Refused to meet in person?', kind: 'yesno', choices: yesNo },
      {
        name: 'interview.notes',
        label: 'Interview notes',
        kind: 'longtext',
        wide: true,
        hint: 'What you saw: e.g. delays, someone off camera, scripted answers',
      },
    ],
  },
];

/** Every field of the form, row groups expanded (employment.0.employer, ...). */
export const ALL_FIELDS: FormField[] = FORM_SECTIONS.flatMap((section) => [
  ...section.fields,
  ...(section.groups ?? []).flatMap((group) =>
    Array.from({ length: group.rows }, (_, row) =>
      group.fields.map(({ key, ...field }) => ({
        ...field,
        name: `${group.list}.${row}.${key}`,
        label: `${group.rowLabel} ${row + 1}: ${field.label}`,
      })),
    ).flat(),
  ),
]);
