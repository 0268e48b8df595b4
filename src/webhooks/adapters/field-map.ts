// ATS custom fields -> applicant contract fields, as each webhook source's `fieldMap` setting says.
import { z } from 'zod';
import type { ApplicantInput } from '../../applicants/applicant-schema';
import { asText } from './read';
import { classifyLink, countryFromValue, parseAddressText, partialDate, webUrl } from './normalise';
import type { SkippedField } from './types';

type Convert = (value: unknown) => unknown;

const text =
  (max: number): Convert =>
  (value) =>
    typeof value === 'number' && Number.isFinite(value) ? String(value) : asText(value, max);

const yes = new Set(['true', 'yes', 'y', '1', 'on']);
const no = new Set(['false', 'no', 'n', '0', 'off']);
const boolean: Convert = (value) => {
  if (typeof value === 'boolean') return value;
  const word = asText(value, 10)?.toLowerCase();
  return word && yes.has(word) ? true : word && no.has(word) ? false : undefined;
};

const choice =
  (values: readonly string[], aliases: Record<string, string> = {}): Convert =>
  (value) => {
    const word = asText(value, 60)
      ?.toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '');
    if (!word) return undefined;
    const chosen = aliases[word] ?? word;
    return values.includes(chosen) ? chosen : undefined;
  };

const fullDate: Convert = (value) => {
  const date = partialDate(value);
  return date && date.length === 10 ? date : undefined;
};

const githubLogin: Convert = (value) => {
  const link = classifyLink(value);
  if (link?.kind === 'github') return link.login;
  const login = asText(value, 40)?.replace(/^@/, '');
  return login && /^[A-Za-z0-9-]{1,39}$/.test(login) ? login : undefined;
};

const linkedinUrl: Convert = (value) => {
  const link = classifyLink(value);
  return link?.kind === 'linkedin' ? link.url : undefined;
};

/** Every contract field a custom field may fill, with what it takes and how an ATS value is read for it. */
export const FIELD_TARGETS = {
  'claimedLocation.country': { takes: 'a country: ISO code ("US") or English name', convert: countryFromValue },
  'claimedLocation.region': { takes: 'text', convert: text(120) },
  'claimedLocation.city': { takes: 'text', convert: text(120) },
  'claimedLocation.timezone': { takes: 'an IANA time zone, e.g. "America/Chicago"', convert: text(60) },
  residentialAddress: { takes: 'an address as text (split best effort)', convert: parseAddressText },
  'shipping.address': { takes: 'an address as text (split best effort)', convert: parseAddressText },
  'shipping.recipientName': { takes: 'text', convert: text(200) },
  'shipping.addressType': {
    takes: 'residential, commercial, po_box, cmra or forwarder',
    convert: choice(['residential', 'commercial', 'po_box', 'cmra', 'forwarder'], {
      p_o_box: 'po_box',
      pobox: 'po_box',
      freight_forwarder: 'forwarder',
      mail_forwarder: 'forwarder',
      home: 'residential',
      business: 'commercial',
      office: 'commercial',
    }),
  },
  'payment.method': {
    takes: 'bank_transfer, paypal, payoneer, wise, crypto, check or other',
    convert: choice(['bank_transfer', 'paypal', 'payoneer', 'wise', 'crypto', 'check', 'other'], {
      bank: 'bank_transfer',
      wire: 'bank_transfer',
      wire_transfer: 'bank_transfer',
      ach: 'bank_transfer',
      direct_deposit: 'bank_transfer',
      transferwise: 'wise',
      cryptocurrency: 'crypto',
      cheque: 'check',
    }),
  },
  'payment.provider': { takes: 'text', convert: text(200) },
  'payment.accountHolderName': { takes: 'text', convert: text(200) },
  'payment.bankCountry': { takes: 'a country: ISO code or English name', convert: countryFromValue },
  'payment.providerCountry': { takes: 'a country: ISO code or English name', convert: countryFromValue },
  'payment.payeeEntityName': { takes: 'text', convert: text(200) },
  'payment.iban': { takes: 'an IBAN', convert: text(60) },
  'payment.wallet.address': {
    takes: 'a wallet address (chain "unknown" unless payment.wallet.chain is mapped too)',
    convert: text(128),
  },
  'payment.wallet.chain': { takes: 'text, e.g. "ETH"', convert: text(20) },
  'person.dateOfBirth': { takes: 'a date (YYYY-MM-DD or MM/DD/YYYY)', convert: fullDate },
  'identityDocument.nameOnDocument': { takes: 'text', convert: text(200) },
  'identityDocument.issuingCountry': { takes: 'a country: ISO code or English name', convert: countryFromValue },
  'session.ip': { takes: 'an IPv4 or IPv6 address (becomes sessions[0], kind "application")', convert: text(60) },
  'profiles.github.login': { takes: 'a GitHub login or github.com URL', convert: githubLogin },
  'profiles.linkedin.url': { takes: 'a linkedin.com URL', convert: linkedinUrl },
  'profiles.portfolioUrl': { takes: 'an http(s) URL', convert: (value: unknown) => webUrl(value)?.href },
  'interview.videoOn': { takes: 'true/false (or yes/no)', convert: boolean },
} as const satisfies Record<string, { takes: string; convert: Convert }>;

export type FieldTarget = keyof typeof FIELD_TARGETS;
export const FIELD_TARGET_NAMES = Object.keys(FIELD_TARGETS) as [FieldTarget, ...FieldTarget[]];

/** The `fieldMap` setting: ATS custom field key -> one of FIELD_TARGETS (the CLI refuses anything else). */
export const fieldMapSchema = z
  .record(
    z.string().trim().min(1, 'a custom field key must not be empty').max(200),
    z.enum(FIELD_TARGET_NAMES, { message: `must be one of: ${FIELD_TARGET_NAMES.join(', ')}` }),
  )
  .refine((map) => Object.keys(map).length <= 200, 'must have at most 200 entries');

export type FieldMap = z.infer<typeof fieldMapSchema>;

/** One custom field as an ATS sent it: the names it may be mapped by (key, id, title) and its value. */
export interface CustomFieldValue {
  names: string[];
  value: unknown;
}

function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let current = root;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    current = (current[key] = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : {}) as Record<
      string,
      unknown
    >;
  }
  current[keys[keys.length - 1]!] = value;
}

/**
 * Writes the mapped custom fields into `applicant` (later fields win over earlier ones and over what the adapter
 * mapped itself). Empty values are not data; values that do not fit their target are left out and reported.
 * Keys not in the map are ignored. `sessionAt` dates the application session an IP mapping creates.
 */
export function applyFieldMap(
  applicant: ApplicantInput,
  fields: CustomFieldValue[],
  fieldMap: Record<string, string> | undefined,
  sessionAt?: string,
): SkippedField[] {
  const skipped: SkippedField[] = [];
  if (!fieldMap) return skipped;
  const root = applicant as unknown as Record<string, unknown>;
  for (const field of fields) {
    const key = field.names.find((name) => Object.hasOwn(fieldMap, name));
    if (key === undefined) continue;
    const target = fieldMap[key]!;
    if (!Object.hasOwn(FIELD_TARGETS, target)) {
      skipped.push({ field: target, reason: `custom field "${key}" is mapped to an unknown target` });
      continue;
    }
    const { convert, takes } = FIELD_TARGETS[target as FieldTarget];
    if (
      field.value === null ||
      field.value === undefined ||
      (typeof field.value === 'string' && field.value.trim() === '')
    )
      continue;
    const value = convert(field.value);
    if (value === undefined) {
      skipped.push({ field: target, reason: `custom field "${key}" is not ${takes}` });
      continue;
    }
    if (target === 'session.ip') {
      applicant.sessions = [
        { ip: value as string, kind: 'application', ...(sessionAt ? { at: sessionAt } : {}) },
        ...(applicant.sessions ?? []).slice(1),
      ];
    } else {
      setPath(root, target, value);
    }
  }
  const wallet = applicant.payment?.wallet as { address?: string; chain?: string } | null | undefined;
  if (wallet && applicant.payment) {
    if (!wallet.address) {
      delete applicant.payment.wallet;
      skipped.push({ field: 'payment.wallet', reason: 'a wallet chain was mapped without a wallet address' });
    } else if (!wallet.chain) {
      wallet.chain = 'unknown';
    }
  }
  return skipped;
}
