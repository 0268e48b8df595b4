// Masks the applicant's contact and street details, and every other person's (references, the laptop's recipient, the
// payout account's holder, household members), until a person reveals them (audited): the case page, the result page
// and the API (GET /api/v1/cases/:id) mask the same values, and each reveal is a case.sensitive_revealed audit event.
import type { Finding } from '../scoring/types';
import type { CaseDetail, ScreeningRecord } from './case-types';

const DOT = '•••';

export function maskEmail(value: unknown): unknown {
  if (typeof value !== 'string' || !value.includes('@')) return value;
  const [local, domain] = [value.slice(0, value.lastIndexOf('@')), value.slice(value.lastIndexOf('@') + 1)];
  // The domain stays visible: a disposable or look-alike domain is evidence in itself.
  return `${local.charAt(0)}${DOT}@${domain}`;
}

export function maskPhone(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const digits = value.replace(/\D/g, '');
  return `${DOT} ${digits.slice(-2)}`;
}

/** A name of someone other than the applicant: each word's first letter ("Chen Wei" → "C••• W•••"). */
export function maskName(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${[...word][0]}${DOT}`)
    .join(' ');
}

function maskReference(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const reference = value as Record<string, unknown>;
  return {
    ...reference,
    name: maskName(reference.name),
    email: maskEmail(reference.email),
    phone: maskPhone(reference.phone),
  };
}

function maskAddress(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const address = value as Record<string, unknown>;
  return { ...address, line1: address.line1 ? DOT : address.line1, line2: address.line2 ? DOT : address.line2 };
}

/** The values masked until revealed, named as the audit event records them. */
export const MASKED_FIELDS = [
  'person.email',
  'person.phone',
  'person.previousEmails',
  'person.previousPhones',
  'residentialAddress.line1',
  'residentialAddress.line2',
  'shipping.address.line1',
  'shipping.address.line2',
  'identityDocument.address.line1',
  'identityDocument.address.line2',
  'payment.wallet.address',
  'payment.routingNumber',
  'person.householdMembers',
  'shipping.recipientName',
  'payment.accountHolderName',
  'references',
];

/** A copy of the stored snapshot with MASKED_FIELDS masked (a snapshot without a person, e.g. a rescoring's, as is). */
export function maskSnapshot(snapshot: Record<string, unknown>): Record<string, unknown> {
  if (!snapshot.person || typeof snapshot.person !== 'object') return snapshot;
  const person = snapshot.person as Record<string, unknown>;
  const shipping = snapshot.shipping as Record<string, unknown> | null | undefined;
  const payment = snapshot.payment as Record<string, unknown> | null | undefined;
  const identityDocument = snapshot.identityDocument as Record<string, unknown> | null | undefined;
  const wallet = payment?.wallet as Record<string, unknown> | null | undefined;
  const walletAddress = typeof wallet?.address === 'string' ? wallet.address : '';
  return {
    ...snapshot,
    person: {
      ...person,
      email: maskEmail(person.email),
      phone: maskPhone(person.phone),
      previousEmails: Array.isArray(person.previousEmails)
        ? person.previousEmails.map(maskEmail)
        : person.previousEmails,
      previousPhones: Array.isArray(person.previousPhones)
        ? person.previousPhones.map(maskPhone)
        : person.previousPhones,
      householdMembers: Array.isArray(person.householdMembers)
        ? person.householdMembers.map(maskName)
        : person.householdMembers,
    },
    residentialAddress: maskAddress(snapshot.residentialAddress),
    shipping: shipping
      ? { ...shipping, address: maskAddress(shipping.address), recipientName: maskName(shipping.recipientName) }
      : shipping,
    ...(Array.isArray(snapshot.references) ? { references: snapshot.references.map(maskReference) } : {}),
    ...(identityDocument
      ? { identityDocument: { ...identityDocument, address: maskAddress(identityDocument.address) } }
      : {}),
    payment: payment
      ? {
          ...payment,
          accountHolderName: maskName(payment.accountHolderName),
          routingNumber: payment.routingNumber ? DOT : payment.routingNumber,
          wallet: wallet
            ? {
                ...wallet,
                address: walletAddress ? `${walletAddress.slice(0, 6)}${DOT}${walletAddress.slice(-4)}` : walletAddress,
              }
            : wallet,
        }
      : payment,
  };
}

// Evidence keys that hold the name of someone other than the applicant (indicators in src/scoring/indicators/).
const THIRD_PARTY_NAME_KEYS = new Set(['recipientName', 'accountHolderName', 'householdMembers']);
// Snapshot fields screened against sanctions lists that name someone other than the applicant (src/intel/sanctions.ts).
const THIRD_PARTY_NAME_FIELD = /^(references\.\d+\.name|shipping\.recipientName|payment\.accountHolderName)$/;

function maskByKey(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  if (/email/i.test(key)) return maskEmail(value);
  if (/phone/i.test(key)) return maskPhone(value);
  if (/^(line1|line2|routingNumber)$/.test(key)) return DOT;
  if (THIRD_PARTY_NAME_KEYS.has(key)) return maskName(value);
  if (
    /^(walletAddress|wallet)$/.test(key) ||
    (key === 'address' && /^[A-Za-z0-9:._-]{10,128}$/.test(value) && !/\s/.test(value))
  )
    return `${value.slice(0, 6)}${DOT}${value.slice(-4)}`;
  return undefined;
}

/** Finding evidence with the same kinds of values masked (by their key: e-mails, phones, street lines, wallets). */
export function maskEvidence(value: unknown, key = ''): unknown {
  const masked = maskByKey(key, value);
  if (masked !== undefined) return masked;
  if (Array.isArray(value)) return value.map((item) => maskEvidence(item, key));
  if (value && typeof value === 'object') {
    const masked = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskEvidence(v, k)]));
    // A sanctions match on someone else's name carries that name's words in its token scores.
    if (
      typeof masked.field === 'string' &&
      THIRD_PARTY_NAME_FIELD.test(masked.field) &&
      Array.isArray(masked.tokenScores)
    ) {
      masked.tokenScores = masked.tokenScores.map((token: unknown) =>
        token && typeof token === 'object'
          ? { ...token, query: maskName((token as Record<string, unknown>).query) }
          : token,
      );
    }
    return masked;
  }
  return value;
}

/** A case as the API shows it without a reveal: every screening's snapshot and every finding's evidence masked. */
export function maskCaseDetail(detail: CaseDetail): CaseDetail {
  return {
    ...detail,
    screenings: detail.screenings.map((screening) => ({
      ...screening,
      inputSnapshot: maskSnapshot(screening.inputSnapshot),
      findings: screening.findings.map((finding) => ({
        ...finding,
        evidence: maskEvidence(finding.evidence) as Finding['evidence'],
      })),
    })),
  };
}

/** What a reveal may name: the masked snapshot values, and the latest screening's findings' evidence. */
export const REVEALABLE_FIELDS: readonly [string, ...string[]] = [
  MASKED_FIELDS[0]!,
  ...MASKED_FIELDS.slice(1),
  'findings.evidence',
];

/**
 * The applicant as submitted: the newest screening someone sent (a system rescoring keeps no applicant), as the case
 * page shows it.
 */
export function submittedScreening(detail: CaseDetail): ScreeningRecord | undefined {
  return detail.screenings.find((screening) => !screening.requestedBy.startsWith('system:')) ?? detail.screenings[0];
}

/** The unmasked values of `fields` (null where the applicant gave none); `findings.evidence`: the latest findings. */
export function revealedValues(detail: CaseDetail, fields: readonly string[]): Record<string, unknown> {
  const snapshot = submittedScreening(detail)?.inputSnapshot ?? {};
  const at = (path: string) =>
    path
      .split('.')
      .reduce<unknown>(
        (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
        snapshot,
      );
  return Object.fromEntries(
    fields.map((field) => [
      field,
      field === 'findings.evidence' ? (detail.screenings[0]?.findings ?? []) : (at(field) ?? null),
    ]),
  );
}
