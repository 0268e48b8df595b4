// The printable page of a sanctions report's facts (src/cases/sanctions-report.ts): a standalone document with its
// own inline style, served by GET /api/v1/cases/:id/sanctions-report?format=html. Every value is escaped by `html`.
import crypto from 'node:crypto';
import type { SanctionsReport } from '../../cases/sanctions-report';
import { html, trustedMarkup, type SafeHtml } from '../html';

const row = (label: string, value: unknown): SafeHtml =>
  html`<tr><th>${label}</th><td>${typeof value === 'string' ? value : JSON.stringify(value)}</td></tr>`;

const STYLE =
  'body{font:14px/1.4 sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1em}th,td{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}th{width:14em}';
/** Content-Security-Policy for the page: nothing but its own inline style, by hash. */
export const SANCTIONS_REPORT_CSP = `default-src 'none'; style-src 'sha256-${crypto.createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

function matchSection(m: SanctionsReport['matches'][number]): SafeHtml {
  const rows = [
    row('Programmes', m.programs.join(', ')),
    row('Matched name', m.matchedName),
    row('Applicant field', m.field),
    row('Score', `${m.score} (${m.strength})`),
    row('Listed addresses', m.listed?.addresses ?? []),
    row('Listed dates of birth', m.listed?.datesOfBirth ?? []),
    row('Listed identifiers', m.listed?.identifiers ?? []),
    row('Listed wallets', m.listed?.digitalCurrencyAddresses ?? []),
    row('Linked to', m.listed?.linkedTo ?? []),
  ];
  return html`<h2>${m.entryName} (${m.uid}, ${m.list})</h2><table>${rows}</table>`;
}

/** The report as a standalone page. */
export function renderSanctionsReportHtml(report: SanctionsReport): string {
  const summary = [
    row('Generated', report.generatedAt),
    row('Case', report.case.id),
    row('Source / external id', `${report.case.source} / ${report.case.externalId ?? '-'}`),
    row('Subject', report.case.subjectName),
    row('Status', report.case.status),
    row('Case opened', report.case.createdAt),
    row('Decision', report.decision ?? 'none'),
  ];
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${report.title}</title>
<style>${trustedMarkup(STYLE)}</style></head><body>
<h1>${report.title}</h1>
<table>${summary}</table>
${report.matches.map(matchSection)}
<h2>Parties</h2><table>${Object.entries(report.parties).map(([k, v]) => row(k, v))}</table>
<h2>Amounts known</h2><table>${Object.entries(report.amounts).map(([k, v]) => row(k, v))}</table>
<h2>Obligations</h2><ul>${report.obligations.map((o) => html`<li>${o}</li>`)}</ul>
</body></html>`.toString();
}

/** The page and the policy it is served with (src/app.ts hands this to the API's report route). */
export function sanctionsReportPage(report: SanctionsReport): { html: string; contentSecurityPolicy: string } {
  return { html: renderSanctionsReportHtml(report), contentSecurityPolicy: SANCTIONS_REPORT_CSP };
}
