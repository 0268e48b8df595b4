// The facts a compliance officer needs to file OFAC's report on blocked property or a rejected transaction
// (31 CFR 501.603 / 501.604, due within 10 business days), for a case a reviewer confirmed.
import crypto from 'node:crypto';
import type { SanctionsEntry } from '../sanctions/types';
import type { Finding } from '../scoring/types';
import type { CaseDetail } from './case-types';

interface ReportedMatch {
  uid: string;
  list: string;
  programs: string[];
  entryName: string;
  matchedName: string;
  field: string | null;
  score: number;
  strength: string;
  listed: Pick<SanctionsEntry, 'type' | 'aliases' | 'addresses' | 'datesOfBirth' | 'nationalities' | 'identifiers' | 'digitalCurrencyAddresses' | 'linkedTo' | 'remarks'> | null;
}

export interface SanctionsReport {
  title: string;
  generatedAt: string;
  case: { id: string; source: string; externalId: string | null; subjectName: string; status: string; createdAt: string };
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

type Match = { uid: string; list: string; programs: string[]; entryName: string; matchedName: string; field: string | null; score: number; strength: string };

/** The report, or null when the case's latest screening has no sanctions finding. */
export function buildSanctionsReport(detail: CaseDetail, lookup: (uid: string) => SanctionsEntry | undefined, now = new Date()): SanctionsReport | null {
  const latest = detail.screenings[0];
  const findings: Finding[] = latest?.findings.filter((finding) => finding.family === 'sanctions') ?? [];
  if (findings.length === 0) return null;
  const matches = findings.flatMap((finding) => (finding.evidence.matches as Match[] | undefined) ?? []);
  const original = detail.screenings.find((screening) => !screening.requestedBy.startsWith('system:'))?.inputSnapshot ?? {};
  const decision = [...detail.events].reverse().find((event) => event.action === 'case.decided' && event.data.after === 'confirmed_fraud');
  const payment = (original.payment ?? {}) as Record<string, unknown>;
  return {
    title: `OFAC report facts: case ${detail.id}`,
    generatedAt: now.toISOString(),
    case: { id: detail.id, source: detail.source, externalId: detail.externalId, subjectName: detail.subjectName, status: detail.status, createdAt: detail.createdAt },
    decision: decision ? { actor: decision.actor, at: decision.createdAt, reason: decision.data.reason } : null,
    matches: matches.map((match) => {
      const entry = lookup(match.uid);
      return {
        uid: match.uid, list: match.list, programs: match.programs, entryName: match.entryName, matchedName: match.matchedName, field: match.field, score: match.score, strength: match.strength,
        listed: entry
          ? { type: entry.type, aliases: entry.aliases, addresses: entry.addresses, datesOfBirth: entry.datesOfBirth, nationalities: entry.nationalities, identifiers: entry.identifiers, digitalCurrencyAddresses: entry.digitalCurrencyAddresses, linkedTo: entry.linkedTo, remarks: entry.remarks }
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
    amounts: { requestedRate: original.requestedRate ?? null, positionRateBand: (original.position as Record<string, unknown> | undefined)?.rateBand ?? null },
    sanctionsListVersion: (findings[0]!.evidence.list as unknown) ?? null,
    obligations: OBLIGATIONS,
  };
}

const escapeHtml = (value: unknown) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const row = (label: string, value: unknown) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(typeof value === 'string' ? value : JSON.stringify(value))}</td></tr>`;

const STYLE = 'body{font:14px/1.4 sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1em}th,td{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}th{width:14em}';
/** Content-Security-Policy for the page: nothing but its own inline style, by hash. */
export const SANCTIONS_REPORT_CSP = `default-src 'none'; style-src 'sha256-${crypto.createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** A printable page of the same facts; every value is escaped. */
export function renderSanctionsReportHtml(report: SanctionsReport): string {
  const matches = report.matches
    .map((m) => `<h2>${escapeHtml(m.entryName)} (${escapeHtml(m.uid)}, ${escapeHtml(m.list)})</h2><table>${[
      row('Programmes', m.programs.join(', ')), row('Matched name', m.matchedName), row('Applicant field', m.field), row('Score', `${m.score} (${m.strength})`),
      row('Listed addresses', m.listed?.addresses ?? []), row('Listed dates of birth', m.listed?.datesOfBirth ?? []), row('Listed identifiers', m.listed?.identifiers ?? []),
      row('Listed wallets', m.listed?.digitalCurrencyAddresses ?? []), row('Linked to', m.listed?.linkedTo ?? []),
    ].join('')}</table>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title>
<style>${STYLE}</style></head><body>
<h1>${escapeHtml(report.title)}</h1>
<table>${[row('Generated', report.generatedAt), row('Case', report.case.id), row('Source / external id', `${report.case.source} / ${report.case.externalId ?? '-'}`), row('Subject', report.case.subjectName), row('Status', report.case.status), row('Case opened', report.case.createdAt), row('Decision', report.decision ?? 'none')].join('')}</table>
${matches}
<h2>Parties</h2><table>${Object.entries(report.parties).map(([k, v]) => row(k, v)).join('')}</table>
<h2>Amounts known</h2><table>${Object.entries(report.amounts).map(([k, v]) => row(k, v)).join('')}</table>
<h2>Obligations</h2><ul>${report.obligations.map((o) => `<li>${escapeHtml(o)}</li>`).join('')}</ul>
</body></html>`;
}
