// Findings in plain language: what was seen, the evidence as lists and tables (never raw JSON), source, next step.
import { sanctionsStatusLabels } from '../../scoring/sanctions-status';
import type { SanctionsStatus } from '../../scoring/types';
import type { Finding } from '../../scoring/types';
import { html, type SafeHtml } from '../html';

export const FAMILY_LABELS: Record<string, string> = {
  identity: 'Identity',
  location: 'Location and connections',
  address: 'Addresses and laptop shipping',
  payment: 'Payment',
  communication: 'Communication and interview',
  documents: 'Documents and history',
  sanctions: 'Sanctions lists',
  links: 'Links to other cases',
};

/** "claimedCountry" -> "Claimed country". */
const ACRONYMS = new Set(['ip', 'url', 'uid', 'iban', 'asn', 'vpn', 'id', 'dob', 'pep']);

// Keys whose words alone read badly ("Line1").
const KEY_LABELS: Record<string, string> = { line1: 'Street and number', line2: 'Second address line', index: 'Session' };

export function humanise(key: string): string {
  if (KEY_LABELS[key]) return KEY_LABELS[key];
  const words = key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(' ')
    .map((word) => (ACRONYMS.has(word) ? word.toUpperCase() : word))
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const KIND_LABELS: Record<string, string> = {
  email: 'e-mail address',
  phone: 'phone number',
  shipping_address: 'shipping address',
  residential_address: 'home address',
  payout_account: 'payout account',
  wallet: 'crypto wallet',
  ip: 'IP address',
  device: 'device',
  resume: 'resume text',
  resume_band: 'resume text',
};

/** "payout_account" -> "payout account" (for use inside a sentence). */
export function identifierKindPhrase(kind: string): string {
  return KIND_LABELS[kind] ?? kind.replace(/_/g, ' ');
}

/** "payout_account" -> "Payout account". */
export function identifierKind(kind: string): string {
  const label = identifierKindPhrase(kind);
  return label.charAt(0).toUpperCase() + label.slice(1);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function scalar(value: unknown): string {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return String(value);
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function evidenceValue(value: unknown, depth = 0, key = ''): SafeHtml {
  if (isEmpty(value)) return html`<span class="muted">none</span>`;
  // Other cases named by the evidence (reviewers only: recruiters get counts) open their case page.
  if (/caseId$/i.test(key) && typeof value === 'string' && UUID.test(value)) return html`<a href="/cases/${value}">${value.slice(0, 8)}…</a>`;
  // Indicators name a session by its position in the applicant's list (from 0); people count from 1.
  if (key === 'index' && typeof value === 'number') return html`${value + 1}`;
  if (key === 'kinds') return html`${(Array.isArray(value) ? value : [value]).map((kind) => identifierKind(String(kind))).join(', ')}`;
  if (Array.isArray(value)) {
    if (value.every((item) => !isPlainObject(item) && !Array.isArray(item))) return html`${value.map(scalar).join(', ')}`;
    const rows = value.filter(isPlainObject);
    // Stored evidence comes back from jsonb with its keys reordered: a session's number goes first again.
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row).filter((key) => !isEmpty(row[key]))))].sort((a, b) => Number(b === 'index') - Number(a === 'index'));
    if (depth > 2) return html`${rows.length} item(s)`;
    return html`<table class="evidence"><thead><tr>${columns.map((column) => html`<th scope="col">${humanise(column)}</th>`)}</tr></thead>
<tbody>${rows.map((row) => html`<tr>${columns.map((column) => html`<td>${isEmpty(row[column]) ? '' : evidenceValue(row[column], depth + 1, column)}</td>`)}</tr>`)}</tbody></table>`;
  }
  if (isPlainObject(value)) {
    if (depth > 2) return html`${Object.entries(value).filter(([, item]) => !isEmpty(item)).map(([key, item]) => `${humanise(key)}: ${isPlainObject(item) || Array.isArray(item) ? '…' : scalar(item)}`).join('; ')}`;
    return evidenceList(value, depth + 1);
  }
  return html`${scalar(value)}`;
}

export function evidenceList(evidence: Record<string, unknown>, depth = 0): SafeHtml {
  const entries = Object.entries(evidence).filter(([, value]) => !isEmpty(value));
  if (entries.length === 0) return html``;
  return html`<dl class="evidence">${entries.map(([key, value]) => html`<dt>${humanise(key)}</dt><dd>${evidenceValue(value, depth, key)}</dd>`)}</dl>`;
}

export interface FindingExtras {
  /** Shown instead of the evidence list (e.g. sanctions matches beside the listed entries). */
  evidence?: (finding: Finding) => SafeHtml | undefined;
  /** Shown after the recommended check (e.g. the checks recorded and a form to record one). */
  footer?: (finding: Finding) => SafeHtml | undefined;
}

export function findingCard(finding: Finding, extra?: SafeHtml, footer?: SafeHtml): SafeHtml {
  return html`<article class="finding sev-${finding.severity}" id="finding-${finding.indicator}">
<h3>${finding.message}</h3>
<p class="muted">${humanise(finding.severity)} severity · ${finding.points} point${finding.points === 1 ? '' : 's'} · ${FAMILY_LABELS[finding.family] ?? finding.family}</p>
${extra ?? evidenceList(finding.evidence)}
<p><strong>Why it matters:</strong> ${finding.source}</p>
<p><strong>What to check next:</strong> ${finding.recommendedAction}</p>
${footer ?? ''}
</article>`;
}

/** Findings grouped by family, the families with the most points first. */
export function findingsByFamily(findings: Finding[], extras: FindingExtras = {}): SafeHtml {
  if (findings.length === 0) return html`<p class="notice ok">No indicator of fraud was found in what was submitted.</p>`;
  const families = new Map<string, Finding[]>();
  for (const finding of findings) families.set(finding.family, [...(families.get(finding.family) ?? []), finding]);
  const ordered = [...families].sort((a, b) => b[1].reduce((sum, f) => sum + f.points, 0) - a[1].reduce((sum, f) => sum + f.points, 0));
  return html`${ordered.map(([family, items]) => html`<section aria-labelledby="family-${family}"><h2 id="family-${family}">${FAMILY_LABELS[family] ?? family} <span class="muted">(${items.reduce((sum, f) => sum + f.points, 0)} points)</span></h2>
${items.map((finding) => findingCard(finding, extras.evidence?.(finding), extras.footer?.(finding)))}</section>`)}`;
}

export function bandBadge(band: string): SafeHtml {
  return html`<span class="band band-${band}">${band}</span>`;
}

/** The sanctions check in plain words; "clear" stays quiet so that the open checks stand out. */
export function sanctionsStatusBadge(status: SanctionsStatus): SafeHtml {
  const label = sanctionsStatusLabels[status] ?? status;
  return status === 'clear' ? html`<span class="muted">${label}</span>` : html`<span class="sanctions sanctions-${status}">${label}</span>`;
}

export const STATUS_LABELS: Record<string, string> = { open: 'Open', in_review: 'In review', escalated: 'Escalated', cleared: 'Cleared', confirmed_fraud: 'Confirmed fraud', withdrawn: 'Withdrawn', no_findings: 'Closed: no findings' };
