// Findings in plain language: what was seen, the evidence as lists and tables (never raw JSON), source, next step.
import { sanctionsStatusLabels } from '../../scoring/sanctions-status';
import type { SanctionsStatus } from '../../scoring/types';
import type { Finding } from '../../scoring/types';
import { html, type SafeHtml } from '../html';
import {
  countedPoints,
  findingHeadline,
  plainAdvice,
  formatDate,
  formatDateTime,
  humaniseKey,
  indicatorLabel,
  ISO_DATE,
  valueLabel,
  whyItMatters,
} from '../../presentation/plain-language';

import { CASE_STATUS_LABELS, FAMILY_LABELS } from '../../presentation/plain-language';
import { isUuid } from '../../validation/request';

export { FAMILY_LABELS };

/** "claimedCountry" -> "Claimed country" (src/presentation/plain-language.ts holds the words). */
export const humanise = humaniseKey;

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

function scalar(value: unknown, key = ''): string {
  if (typeof value === 'string' && ISO_DATE.test(value))
    return value.length > 10 ? formatDateTime(value) : formatDate(value);
  return valueLabel(key, value);
}

/** A date and time in the one format of the pages, the exact instant in the title. */
export function timeTag(iso: string): SafeHtml {
  return html`<time datetime="${iso}" title="${iso}">${formatDateTime(iso)}</time>`;
}

/** A long value cut to fit a table cell, the whole of it in the title. */
export function cut(text: string, max = 40): SafeHtml {
  return text.length > max ? html`<span title="${text}">${text.slice(0, max - 1)}…</span>` : html`${text}`;
}

const isEmpty = (value: unknown) =>
  value === null ||
  value === undefined ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function evidenceValue(value: unknown, depth = 0, key = ''): SafeHtml {
  if (isEmpty(value)) return html`<span class="muted">none</span>`;
  if (isPlainObject(value) && typeof value.caseLink === 'string' && isUuid(value.caseLink))
    return html`<a href="/cases/${value.caseLink}">${String(value.name)}</a>`;
  // Other cases named by the evidence (reviewers only: recruiters get counts) open their case page.
  if (/caseId$/i.test(key) && typeof value === 'string' && isUuid(value))
    return html`<a href="/cases/${value}">${key === 'referrerCaseId' ? 'the referring case' : 'open the case'}</a>`;
  // Indicators name a session by its position in the applicant's list (from 0); people count from 1.
  if (key === 'index' && typeof value === 'number') return html`${value + 1}`;
  if (key === 'kinds')
    return html`${(Array.isArray(value) ? value : [value]).map((kind) => identifierKind(String(kind))).join(', ')}`;
  if (Array.isArray(value)) {
    if (value.every((item) => !isPlainObject(item) && !Array.isArray(item)))
      return html`${value.map((item) => scalar(item, key)).join(', ')}`;
    // Linked cases read by the applicant's name, a link to their case; the id itself says nothing to a reader.
    const rows = value
      .filter(isPlainObject)
      .map((row): Record<string, unknown> =>
        typeof row.caseId === 'string' && isUuid(row.caseId) && typeof row.subjectName === 'string'
          ? (({ caseId: _id, ...rest }) => ({ ...rest, subjectName: { caseLink: row.caseId, name: row.subjectName } }))(
              row,
            )
          : row,
      );
    // Stored evidence comes back from jsonb with its keys reordered: a session's number goes first again.
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row).filter((key) => !isEmpty(row[key]))))].sort(
      (a, b) => Number(b === 'index') - Number(a === 'index'),
    );
    if (depth > 2) return html`${rows.length} item(s)`;
    return html`<div class="table-scroll"><table class="evidence"><thead><tr>${columns.map((column) => html`<th scope="col">${humanise(column)}</th>`)}</tr></thead>
<tbody>${rows.map((row) => html`<tr>${columns.map((column) => html`<td>${isEmpty(row[column]) ? '' : evidenceValue(row[column], depth + 1, column)}</td>`)}</tr>`)}</tbody></table></div>`;
  }
  if (isPlainObject(value)) {
    if (depth > 2)
      return html`${Object.entries(value)
        .filter(([, item]) => !isEmpty(item))
        .map(
          ([key, item]) => `${humanise(key)}: ${isPlainObject(item) || Array.isArray(item) ? '…' : scalar(item, key)}`,
        )
        .join('; ')}`;
    return evidenceList(value, depth + 1);
  }
  const shown = scalar(value, key);
  // Inside a table a long value is cut (the whole of it in the title); a list row has room for all of it.
  return depth > 0 && shown.length > 60 ? cut(shown, 60) : html`${shown}`;
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

const COMPARISON_WORDS: Record<string, string> = {
  confirmed: 'An identifier agrees with the listed entry',
  contradicted: 'An identifier differs from the listed entry',
  conflicting: 'One identifier agrees and another differs',
  unconfirmed: 'Only the name was compared',
};

// A sanctions hit in words for any reader: whose name, which listed entry, which programmes, what was compared.
function sanctionsSummary(evidence: Finding['evidence']): SafeHtml | undefined {
  const matches = evidence.matches as Record<string, unknown>[] | undefined;
  if (!Array.isArray(matches) || matches.length === 0) return undefined;
  return html`${matches.map((match) =>
    evidenceList({
      matchedName: match.matchedName,
      field: match.field,
      entryName: match.entryName,
      list: match.list,
      programs: match.programs,
      score: match.score,
      strength: match.strength,
      identifiersCompared:
        COMPARISON_WORDS[String((match.comparison as Record<string, unknown> | undefined)?.outcome ?? 'unconfirmed')],
      note: match.note,
    }),
  )}`;
}

export function findingCard(finding: Finding, extra?: SafeHtml, footer?: SafeHtml): SafeHtml {
  const why = whyItMatters(finding);
  extra ??= finding.family === 'sanctions' ? sanctionsSummary(finding.evidence) : undefined;
  return html`<article class="finding sev-${finding.severity}" id="finding-${finding.indicator}">
<h3>${findingHeadline(finding)}</h3>
<p class="muted">${indicatorLabel(finding.indicator)} · ${humanise(finding.severity)} severity · ${finding.points} point${finding.points === 1 ? '' : 's'}</p>
${extra ?? evidenceList(finding.evidence)}
<p><strong>Why it matters:</strong> ${why.reason} <span class="muted">Source: ${why.citation}.</span></p>
<p><strong>What to check next:</strong> ${plainAdvice(finding.recommendedAction)}</p>
${footer ?? ''}
</article>`;
}

/** The family's points as they count towards the score (after its cap and the total cap), the raw sum beside them. */
export function familyPointsLabel(found: number, counted: number | undefined): string {
  if (counted === undefined || counted === found) return `${found} point${found === 1 ? '' : 's'}`;
  return `${counted} point${counted === 1 ? '' : 's'} counted of ${found} found`;
}

/** Findings grouped by family, the families with the most points first; headers show the points that count. */
export function findingsByFamily(
  findings: Finding[],
  extras: FindingExtras = {},
  caps?: { familyCaps: Readonly<Record<string, number>>; maxScore: number },
): SafeHtml {
  if (findings.length === 0)
    return html`<p class="notice ok">No indicator of fraud was found in what was submitted.</p>`;
  const families = new Map<string, Finding[]>();
  for (const finding of findings) families.set(finding.family, [...(families.get(finding.family) ?? []), finding]);
  const ordered = [...families].sort(
    (a, b) => b[1].reduce((sum, f) => sum + f.points, 0) - a[1].reduce((sum, f) => sum + f.points, 0),
  );
  const counted = caps ? countedPoints(findings, caps.familyCaps, caps.maxScore).byFamily : undefined;
  return html`${ordered.map(
    ([
      family,
      items,
    ]) => html`<section aria-labelledby="family-${family}"><h2 id="family-${family}">${FAMILY_LABELS[family] ?? family} <span class="muted">(${familyPointsLabel(
      items.reduce((sum, f) => sum + f.points, 0),
      counted?.get(family)?.counted,
    )})</span></h2>
${items.map((finding) => findingCard(finding, extras.evidence?.(finding), extras.footer?.(finding)))}</section>`,
  )}`;
}

export function bandBadge(band: string): SafeHtml {
  return html`<span class="band band-${band}">${valueLabel('band', band)}</span>`;
}

/** The sanctions check in plain words; "clear" stays quiet so that the open checks stand out. */
export function sanctionsStatusBadge(status: SanctionsStatus): SafeHtml {
  const label = sanctionsStatusLabels[status] ?? status;
  return status === 'clear'
    ? html`<span class="muted">${label}</span>`
    : html`<span class="sanctions sanctions-${status}">${label}</span>`;
}

export const STATUS_LABELS: Readonly<Record<string, string>> = CASE_STATUS_LABELS;
