// The facts a compliance officer needs to file OFAC's report on blocked property or a rejected transaction
// (31 CFR 501.603 / 501.604, due within 10 business days), for a case a reviewer confirmed. The printable page
// of these facts is src/web/views/sanctions-report.ts.
import type { SanctionsEntry, StoredSanctionsMatch } from '../sanctions/types';
import type { Finding } from '../scoring/types';
import type { CaseDetail } from './case-types';

interface ReportedMatch extends Omit<StoredSanctionsMatch, 'note' | 'comparison'> {
  listed: Pick<
    SanctionsEntry,
    | 'type'
    | 'aliases'
    | 'addresses'
    | 'datesOfBirth'
    | 'nationalities'
    | 'identifiers'
    | 'digitalCurrencyAddresses'
    | 'linkedTo'
    | 'remarks'
  > | null;
}

export interface SanctionsReport {
  title: string;
  generatedAt: string;
  case: {
    id: string;
    source: string;
    externalId: string | null;
    subjectName: string;
    status: string;
    createdAt: string;
  };
  decision: { actor: string; at: string; reason: unknown } | null;
  matches: ReportedMatch[];
  parties: Record<string, unknown>;
  amounts: Record<string, unknown>;
  sanctionsListVersion: unknown;
  obligations: string[];
}

const OBLIGATIONS = [
  'Block (freeze) any property or interest in property of the listed person that is in your possession or control; do not pay wages or invoices to them or to accounts they control.',
  'Report blocked property to OFAC within 10 business days (31 CFR 501.603); report a rejected transaction within 10 business days (31 CFR 501.604).',
  'Entities owned 50% or more, directly or indirectly, by blocked persons are blocked too (OFAC 50 Percent Rule): check the ownership of any payee company.',
  'Keep these records for at least five years (31 CFR 501.601).',
];

type Match = StoredSanctionsMatch;

/** The report, or null when the case's latest screening has no sanctions finding. */
export function buildSanctionsReport(
  detail: CaseDetail,
  lookup: (uid: string) => SanctionsEntry | undefined,
  now = new Date(),
): SanctionsReport | null {
  const latest = detail.screenings[0];
  const findings: Finding[] = latest?.findings.filter((finding) => finding.family === 'sanctions') ?? [];
  if (findings.length === 0) return null;
  const matches = findings.flatMap((finding) => (finding.evidence.matches as Match[] | undefined) ?? []);
  const original =
    detail.screenings.find((screening) => !screening.requestedBy.startsWith('system:'))?.inputSnapshot ?? {};
  const decision = [...detail.events]
    .reverse()
    .find((event) => event.action === 'case.decided' && event.data.after === 'confirmed_fraud');
  const payment = (original.payment ?? {}) as Record<string, unknown>;
  return {
    title: `OFAC report facts: case ${detail.id}`,
    generatedAt: now.toISOString(),
    case: {
      id: detail.id,
      source: detail.source,
      externalId: detail.externalId,
      subjectName: detail.subjectName,
      status: detail.status,
      createdAt: detail.createdAt,
    },
    decision: decision ? { actor: decision.actor, at: decision.createdAt, reason: decision.data.reason } : null,
    matches: matches.map((match) => {
      const entry = lookup(match.uid);
      return {
        uid: match.uid,
        list: match.list,
        programs: match.programs,
        entryName: match.entryName,
        matchedName: match.matchedName,
        field: match.field,
        score: match.score,
        strength: match.strength,
        listed: entry
          ? {
              type: entry.type,
              aliases: entry.aliases,
              addresses: entry.addresses,
              datesOfBirth: entry.datesOfBirth,
              nationalities: entry.nationalities,
              identifiers: entry.identifiers,
              digitalCurrencyAddresses: entry.digitalCurrencyAddresses,
              linkedTo: entry.linkedTo,
              remarks: entry.remarks,
            }
          : null,
      };
    }),
    parties: {
      applicant: (original.person as Record<string, unknown> | undefined)?.legalName ?? detail.subjectName,
      otherNames: (original.person as Record<string, unknown> | undefined)?.otherNames ?? [],
      accountHolderName: payment.accountHolderName ?? null,
      payeeEntityName: payment.payeeEntityName ?? null,
      paymentProvider: payment.provider ?? null,
      bankCountry: payment.bankCountry ?? null,
      accountNumber: payment.accountNumber ?? null,
      wallet: payment.wallet ?? null,
      shippingRecipient: (original.shipping as Record<string, unknown> | undefined)?.recipientName ?? null,
    },
    amounts: {
      requestedRate: original.requestedRate ?? null,
      positionRateBand: (original.position as Record<string, unknown> | undefined)?.rateBand ?? null,
    },
    sanctionsListVersion: (findings[0]!.evidence.list as unknown) ?? null,
    obligations: OBLIGATIONS,
  };
}
