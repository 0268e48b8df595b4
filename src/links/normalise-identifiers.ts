// Turns an applicant into the identifier values used for linking: normalised so that trivial variants collide.
import { isIPv4, isIPv6 } from 'node:net';
import { addressKey } from '../applicants/addresses';
import type { Applicant } from '../applicants/applicant-schema';
import type { ScreeningContext } from '../intel/gather-context';
import { uncheckedKnownAddresses } from '../intel/known-addresses';
import { resumeBands } from './resume-minhash';

export const identifierKinds = [
  'email',
  'phone',
  'shipping_address',
  'residential_address',
  'payout_account',
  'wallet',
  'ip',
  'device',
  'resume_band',
] as const;
export type IdentifierKind = (typeof identifierKinds)[number];

export interface IdentifierValue {
  kind: IdentifierKind;
  value: string;
}

// Providers that ignore dots (Gmail) or a +tag in the local part deliver "j.doe+x@" to "jdoe@".
const DOT_INSENSITIVE = new Set(['gmail.com', 'googlemail.com']);
const PLUS_TAG_PROVIDERS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'icloud.com',
  'me.com',
  'proton.me',
  'protonmail.com',
  'fastmail.com',
  'yandex.ru',
  'zoho.com',
]);

export function normaliseEmail(address: string): string {
  const at = address.lastIndexOf('@');
  let local = address.slice(0, at).toLowerCase();
  let domain = address.slice(at + 1).toLowerCase();
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (PLUS_TAG_PROVIDERS.has(domain)) local = local.split('+')[0]!;
  if (DOT_INSENSITIVE.has(domain)) local = local.replace(/\./g, '');
  return `${local}@${domain}`;
}

export function normalisePayoutAccount(payment: NonNullable<Applicant['payment']>): string | null {
  if (payment.iban) return `iban:${payment.iban}`;
  const account = payment.accountNumber?.replace(/[\s-]/g, '').toUpperCase();
  if (!account) return null;
  const routing = payment.routingNumber?.replace(/[\s-]/g, '').toUpperCase() ?? '';
  return `acct:${routing}:${account}`;
}

export function normaliseWallet(wallet: { chain: string; address: string }): string {
  // Hex (0x…) addresses are case-insensitive; base58 and bech32 addresses are compared as written.
  const address = /^0x[0-9a-f]+$/i.test(wallet.address) ? wallet.address.toLowerCase() : wallet.address;
  return address;
}

function normaliseIp(ip: string): string | null {
  if (isIPv4(ip)) return ip;
  if (isIPv6(ip)) return ip.toLowerCase();
  return null;
}

/** Whether an IP can say anything about who shares a home: VPN, hosting, corporate and shared ranges cannot. */
export type IpLinkFilter = (ip: string, networkKind: string) => boolean;

export function collectIdentifiers(
  applicant: Applicant,
  context: ScreeningContext,
  isLinkableIp: IpLinkFilter,
): IdentifierValue[] {
  const values: IdentifierValue[] = [];
  const add = (kind: IdentifierKind, value: string | null | undefined) => {
    if (value) values.push({ kind, value });
  };
  const { person, payment } = applicant;
  add('email', person.email ? normaliseEmail(person.email) : null);
  add('phone', context.phone?.e164);
  // The company's own offices, depots and staffing partners are shared by design: they never link (as shared networks).
  const known = context.knownAddresses ?? uncheckedKnownAddresses;
  if (!known.shipping) add('shipping_address', addressKey(applicant.shipping?.address));
  if (!known.residential) add('residential_address', addressKey(applicant.residentialAddress));
  if (payment) add('payout_account', normalisePayoutAccount(payment));
  if (payment?.wallet) add('wallet', normaliseWallet(payment.wallet));
  for (const session of context.sessions) {
    if (isLinkableIp(session.ip, session.network.kind)) add('ip', normaliseIp(session.ip));
  }
  for (const session of applicant.sessions ?? []) add('device', session.deviceId);
  if (applicant.resumeText) for (const band of resumeBands(applicant.resumeText)) add('resume_band', band);
  const seen = new Set<string>();
  return values.filter((entry) => {
    const key = `${entry.kind}\u0000${entry.value}`;
    return !seen.has(key) && seen.add(key);
  });
}
