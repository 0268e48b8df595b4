// A case for the security team: summary, actions, findings by family (sanctions beside the listed entry),
// score history, linked cases and the full audit timeline.
import type { CaseDetail, CaseEventRecord } from '../../cases/case-types';
import { caseStatuses, decisionStatuses } from '../../cases/case-types';
import type { CaseLinks } from '../../links/link-views';
import type { SanctionsEntry } from '../../sanctions/types';
import { findingSubjects, type FindingReview } from '../../scoring/dispositions';
import type { Finding } from '../../scoring/types';
import { html, type SafeHtml } from '../html';
import type { IdentifierComparison } from '../../sanctions/corroboration';
import { toCountryCode } from '../../sanctions/countries';
import { COLLECT_IDENTIFIERS } from '../../scoring/indicators/sanctions';
import { sanctionsStatusLabels } from '../../scoring/sanctions-status';
import { bandBadge, evidenceList, findingsByFamily, humanise, identifierKind, sanctionsStatusBadge, STATUS_LABELS, timeTag } from './findings';
import { countedPoints, countryName, plainAdvice, fieldLabel, findingHeadline, indicatorLabel, programmeLabel, sanctionsListLabel, valueLabel } from '../../presentation/plain-language';
import { defaultRuleSet } from '../../scoring/rule-set';
import { select, textarea } from './forms';
import { csrfField, page, type PageContext } from './layout';
import { ageCell } from './queue';
import { maskEvidence, maskSnapshot } from '../../cases/masking';
import { linkGraph } from './link-graph';
import { scoreHistoryChart } from './score-chart';
import { secondReviewSection } from './second-review';

export interface CasePageOptions {
  detail: CaseDetail;
  links: CaseLinks;
  listedEntry: (uid: string) => SanctionsEntry | undefined;
  actorName: (actor: string) => string;
  assignees: string[];
  me: string;
  slaHours: number;
  now: number;
  /** Errors of the action form that was sent, by form ("assign", "status", "decide", "note") and field. */
  errors?: { form: string; fields: Record<string, string>; values: Record<string, string> };
  notice?: string;
  /** The masked applicant values are shown (after an audited reveal). */
  isRevealed?: boolean;
  /** The case after this one in the default queue order (open cases, highest score first). */
  nextCaseId?: string | null;
}

type SanctionsMatchEvidence = { uid: string; list: string; programs: string[]; entryName: string; matchedName: string; field: string | null; score: number; strength: string; note?: string; comparison?: IdentifierComparison };

const OUTCOME_WORDS: Record<string, string> = {
  confirmed: 'Confirmed: an identifier agrees with the listed entry',
  contradicted: 'Cleared: an identifier contradicts the listed entry',
  conflicting: 'Needs review: one identifier agrees and another contradicts',
  unconfirmed: 'Incomplete: only the name was compared',
};

// The sanctions check beside the band: what it found, and what to do while it is open.
function sanctionsCheckSection(detail: CaseDetail): SafeHtml {
  const status = detail.sanctionsStatus;
  if (status === 'clear') return html``;
  const advice: Record<string, string> = {
    potential_match: `The applicant's name is like a name on a sanctions list, and nothing else has been compared yet. This is not evidence against the applicant and does not change the band. ${COLLECT_IDENTIFIERS}`,
    confirmed_match: 'The name matches a listed entry and another identifier agrees with it. Hold any offer or payment until compliance decides; a confirmed match is blocked and reported to OFAC within 10 business days.',
    cleared_by_comparison: 'The name is like a name on a sanctions list, but an identifier differs from the listed one (or a reviewer cleared the hit). Nothing to do; the comparison is kept below.',
  };
  return html`<section class="card sanctions-check" aria-labelledby="sanctions-check-title"><h2 id="sanctions-check-title">Sanctions check: ${sanctionsStatusLabels[status]}</h2>
<p>${advice[status] ?? ''}</p>
<p class="muted">The comparison, attribute by attribute, is under the sanctions finding below.</p></section>`;
}

function listedEntryPanel(entry: SanctionsEntry | undefined, match: SanctionsMatchEvidence): SafeHtml {
  if (!entry) return html`<p class="muted">Entry ${match.uid} is not in the active list version any more.</p>`;
  return evidenceList({
    name: entry.name,
    listEntryNumber: entry.uid,
    listedAs: entry.type,
    programmes: entry.programs.map(programmeLabel),
    aliases: entry.aliases.map((alias) => alias.name),
    placesOfBirth: entry.placesOfBirth,
    wallets: entry.digitalCurrencyAddresses.map((wallet) => `${wallet.chain} ${wallet.address}`),
    linkedTo: entry.linkedTo,
    remarks: entry.remarks,
  });
}

// OFAC writes "Korea, North"; readers get the name they use.
const listedCountry = (text: string) => {
  const code = toCountryCode(text);
  return code ? countryName(code) : text;
};

type Verdict = 'agrees' | 'differs' | 'unknown';
const VERDICT_WORDS: Record<Verdict, string> = { agrees: 'Agrees', differs: 'Differs', unknown: 'Unknown' };
const verdictOf = (result: string): Verdict => (result === 'agrees' ? 'agrees' : result === 'contradicts' ? 'differs' : 'unknown');

interface ReviewRow { attribute: string; applicant: string | null; listed: string | null; verdict: Verdict; why: string }

// The applicant's details beside the listed entry's, attribute by attribute (what corroboration.ts compared, and
// what the entry lists that nothing compared yet). Nationality is shown, never compared: it moves nothing.
function reviewRows(match: SanctionsMatchEvidence, entry: SanctionsEntry | undefined, applicant: Record<string, unknown>): ReviewRow[] {
  const person = (applicant.person ?? {}) as Record<string, unknown>;
  const compared = match.comparison?.attributes ?? [];
  const byAttribute = (name: string) => compared.filter((attribute) => attribute.attribute === name);
  const rows: ReviewRow[] = [{
    attribute: 'Name',
    applicant: `${match.matchedName} (${fieldLabel(match.field ?? 'name')})`,
    listed: match.entryName,
    verdict: 'unknown',
    why: `${valueLabel('strength', match.strength)} name likeness, ${match.score} of 100: a name alone is never enough`,
  }];
  const fromComparison = (label: string, name: string, listed: string | null, given: string | null) => {
    const found = byAttribute(name);
    if (found.length > 0) {
      for (const attribute of found) rows.push({ attribute: label, applicant: attribute.given, listed: attribute.listed, verdict: verdictOf(attribute.result), why: attribute.explanation });
    } else if (listed) {
      rows.push({ attribute: label, applicant: given, listed, verdict: 'unknown', why: given ? 'not compared by the check (too little to compare): compare by hand' : 'the applicant has not given it yet' });
    } else {
      rows.push({ attribute: label, applicant: given, listed: null, verdict: 'unknown', why: 'the entry lists none' });
    }
  };
  const birthYear = typeof person.birthYear === 'number' || typeof person.birthYear === 'string' ? `born ${String(person.birthYear)}` : null;
  fromComparison('Date of birth', 'date of birth', entry?.datesOfBirth.join(' / ') || null, birthYear);
  fromComparison('Place of birth', 'place of birth', entry?.placesOfBirth.join(' / ') || null, typeof person.placeOfBirth === 'string' ? person.placeOfBirth : null);
  const claimed = ((applicant.claimedLocation ?? {}) as Record<string, unknown>).country;
  const home = ((applicant.residentialAddress ?? {}) as Record<string, unknown>).country;
  const stated = [claimed, home].filter((code): code is string => typeof code === 'string').map(countryName);
  const nationality = [...(entry?.nationalities ?? []), ...(entry?.citizenships ?? [])].map(listedCountry);
  rows.push({ attribute: 'Country', applicant: stated.length ? `lives in ${[...new Set(stated)].join(' / ')}` : null, listed: nationality.length ? `nationality ${[...new Set(nationality)].join(' / ')}` : null, verdict: 'unknown', why: 'shown for context only: nationality and country of residence never confirm or clear a hit' });
  const listedAddresses = (entry?.addresses ?? []).map((address) => [address.address, address.city, address.country ? listedCountry(address.country) : null].filter(Boolean).join(', ')).join(' / ') || null;
  const homeAddress = applicant.residentialAddress as Record<string, unknown> | undefined;
  fromComparison('Address', 'address', listedAddresses, homeAddress ? [homeAddress.city, typeof homeAddress.country === 'string' ? countryName(homeAddress.country) : null].filter(Boolean).join(', ') : null);
  const documents = (entry?.identifiers ?? []).map((id) => `${id.kind} ${id.value}${id.country ? ` (${listedCountry(id.country)})` : ''}`).join(' / ') || null;
  const document = applicant.identityDocument as Record<string, unknown> | undefined;
  fromComparison('Identity document', 'identity document', documents, document?.type ? `${valueLabel('documentType', document.type)}${document.issuingCountry ? ` from ${countryName(String(document.issuingCountry))}` : ''}` : null);
  for (const name of ['e-mail', 'phone', 'website', 'listed name']) {
    for (const attribute of byAttribute(name)) rows.push({ attribute: name === 'listed name' ? 'Distinctive name words' : name.charAt(0).toUpperCase() + name.slice(1), applicant: attribute.given, listed: attribute.listed, verdict: verdictOf(attribute.result), why: attribute.explanation });
  }
  return rows;
}

function sanctionsEvidence(finding: Finding, options: CasePageOptions, applicant: Record<string, unknown>): SafeHtml | undefined {
  const matches = (finding.evidence.matches as SanctionsMatchEvidence[] | undefined) ?? [];
  if (finding.family !== 'sanctions' || matches.length === 0) return undefined;
  const list = finding.evidence.list as { versionId?: string; isBuiltIn?: boolean; entries?: number } | null | undefined;
  return html`${matches.map((match) => {
    const entry = options.listedEntry(match.uid);
    const outcome = match.comparison ? (OUTCOME_WORDS[match.comparison.outcome] ?? match.comparison.outcome) : 'Screened before identifiers were compared: screen again to compare them.';
    return html`<div class="card sanctions-review"><h4>${match.matchedName} beside ${match.entryName}</h4>
<p><strong>${outcome}</strong></p>
<p class="muted">Listed on ${sanctionsListLabel(match.list)}${list && !list.isBuiltIn && list.versionId ? `, list version ${String(list.versionId).slice(0, 8)}` : ''}${list?.entries ? ` (${list.entries.toLocaleString('en')} entries)` : ''}. Programmes: ${match.programs.map(programmeLabel).join('; ')}.</p>
<div class="table-scroll"><table class="comparison"><thead><tr><th scope="col">Compared</th><th scope="col">Applicant</th><th scope="col">Listed entry</th><th scope="col">Result</th></tr></thead>
<tbody>${reviewRows(match, entry, applicant).map((row) => html`<tr><th scope="row">${row.attribute}</th><td>${row.applicant ?? html`<span class="muted">not given</span>`}</td><td>${row.listed ?? html`<span class="muted">none listed</span>`}</td><td><span class="${row.verdict}">${VERDICT_WORDS[row.verdict]}</span>: ${row.why}</td></tr>`)}</tbody></table></div>
<details><summary>The whole listed entry</summary>${listedEntryPanel(entry, match)}</details>
</div>`;
  })}`;
}

export const VERIFICATION_OUTCOMES = [
  ['passed', 'Passed: the check supports the applicant'],
  ['failed', 'Failed: the check confirms the concern'],
  ['inconclusive', 'Inconclusive'],
  ['refused', 'The applicant refused'],
] as const;
const OUTCOME_LABELS: Record<string, string> = Object.fromEntries(VERIFICATION_OUTCOMES.map(([value, label]) => [value, label.split(':')[0]!]));

// The checks recorded for a finding, and a form (closed until opened) to record another.
function verificationBlock(finding: Finding, options: CasePageOptions, context: PageContext): SafeHtml {
  const checks = options.detail.events.filter((event) => event.action === 'case.verification_recorded' && event.data.indicator === finding.indicator);
  const form = `verify:${finding.indicator}`;
  const errors = options.errors?.form === form ? options.errors.fields : {};
  const values = options.errors?.form === form ? options.errors.values : {};
  const id = `verify-${finding.indicator}`;
  return html`${checks.length > 0
  ? html`<div class="checks"><strong>Checks recorded:</strong><ul>${checks.map((check) => html`<li><span class="status">${OUTCOME_LABELS[String(check.data.outcome)] ?? String(check.data.outcome)}</span> ${String(check.data.note ?? '')} <span class="muted">(${options.actorName(check.actor)}, ${timeTag(check.createdAt)})</span></li>`)}</ul></div>`
  : ''}
<details${options.errors?.form === form ? html` open` : ''}><summary>Record the check for this finding</summary>
<form method="post" action="/cases/${options.detail.id}/verifications" class="verify">${csrfField(context.csrfToken)}<input type="hidden" name="indicator" value="${finding.indicator}">
${select({ name: 'outcome', label: 'Outcome', choices: [['', 'Choose…'], ...VERIFICATION_OUTCOMES], value: values.outcome, error: errors.outcome, idPrefix: id })}
${textarea({ name: 'note', label: 'What was done', hint: 'e.g. "live video with the ID beside the face", "bank letter in the applicant\'s name received". Kept with the case. Passed clears this finding (0 points), failed confirms it: the case is rescored at once, and later screenings honour it.', value: values.note, error: errors.note, rows: 2, idPrefix: id })}
<div class="actions"><button type="submit" class="secondary">Record the check</button></div></form></details>`;
}

// What reviewers decided about a finding (evidence.review, src/scoring/dispositions.ts), shown above its forms.
function reviewBlock(review: FindingReview | undefined, options: CasePageOptions): SafeHtml {
  if (!review) return html``;
  const heading = review.outcome === 'false_positive' ? `Not counted: was ${review.originalPoints} points` : review.outcome === 'partly' ? 'Some hits marked false positive' : 'Confirmed by a reviewer';
  return html`<div class="review"><strong>${heading}</strong><ul>${review.marks.map((mark) => html`<li>${mark.subject ? html`<code>${mark.subject}</code>: ` : ''}${mark.note.replace(mark.actor, options.actorName(mark.actor))}</li>`)}</ul></div>`;
}

// Sanctions hits and links are judged one hit at a time: a new listed entry or linked case counts again.
function hitLabel(finding: Finding, subject: string): string {
  const items = [...((finding.evidence.matches as Record<string, unknown>[] | undefined) ?? []), ...((finding.evidence.linkedCases as Record<string, unknown>[] | undefined) ?? []), ...((finding.evidence.householdCases as Record<string, unknown>[] | undefined) ?? [])];
  const item = items.find((candidate) => candidate.uid === subject || candidate.caseId === subject);
  const name = item ? String(item.entryName ?? item.subjectName ?? '') : '';
  return finding.family === 'sanctions' ? `Entry ${subject}${name ? ` (${name})` : ''}` : name ? `The case of ${name}` : 'Another case';
}

function markForm(finding: Finding, options: CasePageOptions, context: PageContext): SafeHtml {
  if (finding.family !== 'sanctions' && finding.family !== 'links') return html``;
  const form = `mark:${finding.indicator}`;
  const errors = options.errors?.form === form ? options.errors.fields : {};
  const values = options.errors?.form === form ? options.errors.values : {};
  const id = `mark-${finding.indicator}`;
  const subjects = findingSubjects(finding);
  const hitChoices: [string, string][] = [['', subjects.length > 1 ? 'Every hit listed here' : 'This hit'], ...(subjects.length > 1 ? subjects.map((subject): [string, string] => [subject, hitLabel(finding, subject)]) : [])];
  return html`<details${options.errors?.form === form ? html` open` : ''}><summary>Mark as false positive (or confirm)</summary>
<form method="post" action="/cases/${options.detail.id}/findings/${finding.indicator}/disposition" class="verify">${csrfField(context.csrfToken)}
${subjects.length > 1 ? select({ name: 'subject', label: 'Which hit', choices: hitChoices, value: values.subject, error: errors.subject, idPrefix: id }) : ''}
${select({ name: 'disposition', label: 'Judgement', choices: [['', 'Choose a judgement'], ['false_positive', 'False positive: not this applicant'], ['confirmed', 'Confirmed: the hit is right']], value: values.disposition, error: errors.disposition, idPrefix: id })}
${textarea({ name: 'reason', label: 'Reason for this judgement', hint: 'Required, e.g. "date of birth and nationality differ from the listed entry". A false positive counts 0 points from now on (a new hit still counts); the case is rescored at once, except a sanctions false positive, which waits for a second reviewer’s approval.', value: values.reason, error: errors.reason, rows: 2, idPrefix: id })}
<div class="actions"><button type="submit" class="secondary">Mark the finding</button></div></form></details>`;
}

function describeEvent(event: CaseEventRecord): SafeHtml {
  const data = event.data;
  switch (event.action) {
    case 'case.created':
    case 'case.rescreened':
    case 'case.rescored': {
      const after = (data.after ?? {}) as Record<string, unknown>;
      const before = data.before as Record<string, unknown> | undefined;
      const what = event.action === 'case.created' ? 'Case created by a screening' : event.action === 'case.rescreened' ? 'Screened again' : 'Rescored';
      return html`${what}: score ${String(after.score ?? '?')} (${valueLabel('band', after.band ?? '?')})${before ? html`, was ${String(before.score ?? '?')} (${valueLabel('band', before.band ?? '?')})` : ''}`;
    }
    case 'case.linked':
      return html`Linked to another case by shared identifiers${data.linkedCaseId ? html`: <a href="/cases/${String(data.linkedCaseId)}">the case that linked</a>` : ''}`;
    case 'case.status_changed':
      return html`Status changed from ${STATUS_LABELS[String(data.before)] ?? String(data.before)} to ${STATUS_LABELS[String(data.after)] ?? String(data.after)}${data.reason ? html`: “${String(data.reason)}”` : ''}`;
    case 'case.decided':
      return html`<strong>Decided: ${STATUS_LABELS[String(data.after)] ?? String(data.after)}</strong> (was ${STATUS_LABELS[String(data.before)] ?? String(data.before)}). Reason: “${String(data.reason ?? '')}”`;
    case 'case.assigned':
      return html`Assigned to ${data.after ? String(data.after) : 'nobody'}${data.before ? html` (was ${String(data.before)})` : ''}`;
    case 'case.sensitive_revealed':
      return html`Viewed the masked values (${Array.isArray(data.fields) ? data.fields.length : 0} fields)`;
    case 'case.verification_recorded':
      return html`Check recorded for “${indicatorLabel(String(data.indicator ?? ''))}”: ${OUTCOME_LABELS[String(data.outcome)] ?? String(data.outcome)}. <q>${String(data.note ?? '')}</q>${data.disposition === 'cleared_by_check' ? ' The finding was cleared.' : data.disposition === 'confirmed_by_check' ? ' The finding was confirmed.' : ''}`;
    case 'case.finding_marked':
      return html`Finding “${indicatorLabel(String(data.indicator ?? ''))}” marked ${data.disposition === 'false_positive' ? 'false positive' : String(data.disposition ?? '')}${Array.isArray(data.subjects) && data.subjects.some(Boolean) ? html` (${data.subjects.filter(Boolean).map(String).join(', ')})` : ''}. Reason: <q>${String(data.reason ?? '')}</q>`;
    case 'case.note_added':
      return html`Note: <q>${String(data.text ?? '')}</q>`;
    default:
      return html`${humanise(event.action.replace(/^case\./, ''))}${Object.keys(data).length ? evidenceList(data) : ''}`;
  }
}

function actionForms(options: CasePageOptions, context: PageContext): SafeHtml {
  const { detail } = options;
  const errorsFor = (form: string) => (options.errors?.form === form ? options.errors.fields : {});
  const valuesFor = (form: string) => (options.errors?.form === form ? options.errors.values : {});
  const statusChoices = caseStatuses.filter((status) => !decisionStatuses.includes(status)).map((status): [string, string] => [status, STATUS_LABELS[status]!]);
  const assigneeChoices: [string, string][] = [['', 'Nobody'], ...options.assignees.map((email): [string, string] => [email, email])];
  const decide = errorsFor('decide');
  return html`<aside class="case-actions card" aria-labelledby="actions-title"><h2 id="actions-title">Work this case</h2>
<dl class="evidence compact">
<dt>Status</dt><dd><span class="status">${STATUS_LABELS[detail.status] ?? detail.status}</span>${detail.awaitingSecondReview ? html` <a class="status awaiting" href="#second-review">awaiting second review</a>` : ''}</dd>
<dt>Assigned to</dt><dd>${detail.assignee ?? 'nobody'}</dd>
<dt>Age</dt><dd>${ageCell(detail, options.now, options.slaHours)}</dd>
</dl>
<h3>Decide</h3>
<form method="post" action="/cases/${detail.id}/status">${csrfField(context.csrfToken)}<input type="hidden" name="form" value="decide">
<fieldset class="plain${decide.status ? ' invalid' : ''}"><legend>Decision</legend>
${decide.status ? html`<p class="error-text" id="decision-error">${decide.status}</p>` : ''}
<label class="check"><input type="radio" name="status" value="cleared"${valuesFor('decide').status === 'cleared' ? html` checked` : ''}> Cleared: not fraud</label>
<label class="check"><input type="radio" name="status" value="confirmed_fraud"${valuesFor('decide').status === 'confirmed_fraud' ? html` checked` : ''}> Confirmed fraud</label>
</fieldset>
${textarea({ name: 'reason', label: 'Reason', hint: 'Required: the checks that support the decision', value: valuesFor('decide').reason, error: decide.reason, rows: 3 })}
<label class="check"><input type="checkbox" name="shareReason" value="yes"${valuesFor('decide').shareReason === 'yes' ? html` checked` : ''}> Show this reason to the recruiter</label>
<div class="actions"><button type="submit">Record the decision</button></div></form>
<h3>Add a note</h3>
<form method="post" action="/cases/${detail.id}/notes">${csrfField(context.csrfToken)}
${textarea({ name: 'text', label: 'Note', hint: 'What you checked and what you found. Notes cannot be edited or deleted.', value: valuesFor('note').text, error: errorsFor('note').text, rows: 2 })}
<div class="actions"><button type="submit" class="secondary">Add note</button></div></form>
<h3>Assignment</h3>
${detail.assignee !== options.me ? html`<form method="post" action="/cases/${detail.id}/assign">${csrfField(context.csrfToken)}<input type="hidden" name="assignee" value="${options.me}"><button type="submit">Assign to me</button></form>` : html`<p>Assigned to you.</p>`}
<form method="post" action="/cases/${detail.id}/assign">${csrfField(context.csrfToken)}
${select({ name: 'assignee', label: 'Assign to', choices: assigneeChoices, value: valuesFor('assign').assignee ?? detail.assignee ?? '', error: errorsFor('assign').assignee })}
<div class="actions"><button type="submit" class="secondary">Change assignment</button></div></form>
<h3>Change status</h3>
<form method="post" action="/cases/${detail.id}/status">${csrfField(context.csrfToken)}
${decisionStatuses.includes(detail.status)
  ? // A decided case shows no open status as if it were current: choosing one reopens it.
    html`${select({ name: 'status', label: 'New status', choices: [['', 'Choose one to reopen the case'], ...statusChoices], value: valuesFor('status').status ?? '', error: errorsFor('status').status, hint: `Decided: ${STATUS_LABELS[detail.status]}` })}${textarea({ name: 'reason', label: 'Reason for reopening', hint: 'Required to reopen a decided case', value: valuesFor('status').reason, error: errorsFor('status').reason, rows: 2, idPrefix: 'reopen' })}`
  : select({ name: 'status', label: 'New status', choices: statusChoices, value: valuesFor('status').status ?? detail.status, error: errorsFor('status').status })}
<div class="actions"><button type="submit" class="secondary">Change status</button></div></form>
${options.nextCaseId ? html`<p class="next-case"><a class="button secondary" href="/cases/${options.nextCaseId}">Next case in the queue →</a></p>` : ''}
</aside>`;
}

// The latest decision event, if the case is decided now.
function latestDecision(detail: CaseDetail): CaseEventRecord | undefined {
  if (!decisionStatuses.includes(detail.status)) return undefined;
  return [...detail.events].reverse().find((event) => event.action === 'case.decided');
}

// The state of the case in one line at the top: decided (by whom, why) or waiting.
function decisionBanner(options: CasePageOptions): SafeHtml {
  const { detail } = options;
  const decision = latestDecision(detail);
  if (decision) {
    return html`<div class="banner banner-${detail.status}" role="status"><strong>Decided: ${STATUS_LABELS[detail.status]}</strong> by ${options.actorName(decision.actor)}, ${timeTag(decision.createdAt)}. Reason: “${String(decision.data.reason ?? '')}”${decision.data.reasonSharedWithRecruiter === true ? ' (shown to the recruiter)' : ''}</div>`;
  }
  if (detail.status === 'withdrawn') return html`<div class="banner" role="status"><strong>Withdrawn</strong>: the application was withdrawn; nothing to decide.</div>`;
  if (detail.status === 'no_findings') return html`<div class="banner banner-cleared" role="status"><strong>Closed automatically: no findings</strong>. Nothing in the submission pointed to fraud, so the case left the queue; reopen it with a reason if you know more.</div>`;
  if (detail.awaitingSecondReview) return html`<div class="banner banner-open" role="status"><strong>Awaiting second review</strong>: a change waits for another reviewer’s approval before the score or status changes. <a href="#second-review">See the request</a></div>`;
  return html`<div class="banner banner-open" role="status"><strong>Waiting for a decision</strong> · ${STATUS_LABELS[detail.status] ?? detail.status} · ${detail.assignee ? `assigned to ${detail.assignee}` : 'nobody assigned'} · ${ageCell(detail, options.now, options.slaHours)}</div>`;
}

// Why the case was flagged: the findings that carry points, biggest first, in plain words.
function whyFlagged(detail: CaseDetail, findings: Finding[]): SafeHtml {
  const counting = findings.filter((finding) => finding.points > 0).sort((a, b) => b.points - a.points);
  const counted = countedPoints(findings, defaultRuleSet.familyCaps, defaultRuleSet.maxScore);
  const top = counting.slice(0, 5);
  return html`<section class="card why" aria-labelledby="why-title"><h2 id="why-title">Why this case was flagged</h2>
<p class="scoreline"><span class="score">${detail.score}</span><span class="muted"> / 100</span> ${bandBadge(detail.band)} <span class="muted">Sanctions check:</span> ${sanctionsStatusBadge(detail.sanctionsStatus)}</p>
${top.length === 0
  ? html`<p>No finding carries points: nothing points to fraud in what was submitted.</p>`
  : html`<ol class="reasons">${top.map((finding) => html`<li><a href="#finding-${finding.indicator}">${indicatorLabel(finding.indicator)}</a> <span class="points">${finding.points} point${finding.points === 1 ? '' : 's'}</span><br><span class="muted">${findingHeadline(finding)}</span></li>`)}</ol>
${counting.length > top.length ? html`<p class="muted">${counting.length - top.length} more finding${counting.length - top.length === 1 ? '' : 's'} with points below.</p>` : ''}
${counted.total !== counting.reduce((sum, finding) => sum + finding.points, 0) ? html`<p class="muted">Findings add up to ${counting.reduce((sum, finding) => sum + finding.points, 0)} points; each family counts up to its limit and the score stops at 100.</p>` : ''}`}
</section>`;
}

// The recommended checks, one per finding with points, and what was recorded for each.
function checklist(options: CasePageOptions, findings: Finding[], reviews: Map<string, FindingReview>): SafeHtml {
  const counting = findings.filter((finding) => finding.points > 0 || reviews.has(finding.indicator)).sort((a, b) => b.points - a.points);
  if (counting.length === 0) return html``;
  const checks = new Map<string, CaseEventRecord>();
  for (const event of options.detail.events) if (event.action === 'case.verification_recorded') checks.set(String(event.data.indicator), event);
  const statusOf = (finding: Finding): [string, string] => {
    const check = checks.get(finding.indicator);
    if (check) return [`done-${String(check.data.outcome)}`, OUTCOME_LABELS[String(check.data.outcome)] ?? String(check.data.outcome)];
    const review = reviews.get(finding.indicator);
    if (review) return review.outcome === 'false_positive' ? ['done-passed', 'Marked false positive'] : review.outcome === 'partly' ? ['todo', 'Partly judged'] : ['done-failed', 'Confirmed'];
    return ['todo', 'To do'];
  };
  return html`<section class="card" aria-labelledby="checks-title"><h2 id="checks-title">Recommended checks</h2>
<ul class="checklist">${counting.map((finding) => {
  const [kind, label] = statusOf(finding);
  return html`<li class="${kind}"><span class="check-status">${label}</span> <a href="#finding-${finding.indicator}">${indicatorLabel(finding.indicator)}</a>: ${firstSentence(plainAdvice(finding.recommendedAction))}</li>`;
})}</ul></section>`;
}

const firstSentence = (text: string) => /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;

// The applicant as first submitted (a system rescreen keeps no input of its own), masked unless revealed.
function applicantRecord(detail: CaseDetail, isRevealed: boolean): Record<string, unknown> {
  const original = detail.screenings.find((screening) => !screening.requestedBy.startsWith('system:')) ?? detail.screenings[0];
  return isRevealed ? (original?.inputSnapshot ?? {}) : maskSnapshot(original?.inputSnapshot ?? {});
}

function applicantSummary(detail: CaseDetail, context: PageContext, isRevealed: boolean): SafeHtml {
  const snapshot = applicantRecord(detail, isRevealed);
  const pick = (key: string) => snapshot[key] as Record<string, unknown> | undefined;
  const person = pick('person') ?? {};
  return html`<details class="card applicant"${isRevealed ? html` open` : ''}><summary><h2 id="applicant-title">Applicant as submitted</h2></summary>
${evidenceList({
  legalName: person.legalName,
  otherNames: person.otherNames,
  householdMembers: person.householdMembers,
  email: person.email,
  phone: person.phone,
  birthYear: person.birthYear,
  claimedLocation: pick('claimedLocation'),
  homeAddress: pick('residentialAddress'),
  laptopShipping: pick('shipping'),
  payment: pick('payment'),
  identityDocument: pick('identityDocument'),
  position: pick('position'),
  references: snapshot.references,
})}
<p class="muted">Dates of birth are kept as the year only; account numbers and IBANs only as their last four characters.</p>
${isRevealed
  ? html`<p class="notice" role="status">Contact details, street addresses and the names of other people are shown to you now; this view is recorded in the audit trail.</p>`
  : html`<form method="post" action="/cases/${detail.id}/reveal">${csrfField(context.csrfToken)}<p class="muted">Contact details, street lines, the wallet address and the names of other people (references, the laptop's recipient, the account holder, household members) are masked.</p><button type="submit" class="secondary">Show masked values (recorded in the audit trail)</button></form>`}
</details>`;
}

// The shared value in words, from this case's own (masked) record: the link tables keep only keyed hashes.
function sharedValueWords(kind: string, applicant: Record<string, unknown>): string | null {
  const place = (address: unknown) => {
    if (!address || typeof address !== 'object') return null;
    const { line1, city, country } = address as Record<string, unknown>;
    const words = [line1, city, typeof country === 'string' ? countryName(country) : null].filter((part): part is string => typeof part === 'string' && part.length > 0);
    return words.length ? words.join(', ') : null;
  };
  const person = (applicant.person ?? {}) as Record<string, unknown>;
  if (kind === 'shipping_address') return place(((applicant.shipping ?? {}) as Record<string, unknown>).address);
  if (kind === 'residential_address') return place(applicant.residentialAddress);
  if (kind === 'email' && typeof person.email === 'string') return person.email;
  if (kind === 'phone' && typeof person.phone === 'string') return person.phone;
  return null;
}

function linksSection(links: CaseLinks, detail: CaseDetail, applicant: Record<string, unknown>): SafeHtml {
  return html`<section aria-labelledby="links-title"><h2 id="links-title">Linked cases</h2>
${links.links.length === 0
  ? html`<p class="muted">No other case shares an identifier with this one.</p>`
  : html`<div class="card">${linkGraph(links, { name: detail.subjectName, band: detail.band })}</div><div class="table-scroll"><table><thead><tr><th scope="col">Applicant</th><th scope="col">Band</th><th scope="col" class="num">Score</th><th scope="col">Status</th></tr></thead>
${links.links.map((group) => {
  const value = sharedValueWords(group.kind, applicant);
  // Several cases behind one address is how a laptop farm shows: one group, the address named.
  const isFarm = (group.kind === 'shipping_address' || group.kind === 'residential_address') && group.total >= 2;
  return html`<tbody><tr><th scope="rowgroup" colspan="4">${isFarm ? html`<span class="farm">Possible laptop farm:</span> ` : ''}${identifierKind(group.kind)}${value ? html` <span class="shared-value">${value}</span>` : ''}: shared with ${group.total} other case${group.total === 1 ? '' : 's'}${group.nextAfter ? html` (<a href="/cases/${detail.id}?linksAfter=${group.nextAfter}#links-title">next ${group.cases.length}</a>)` : ''}</th></tr>
${group.cases.map((linked) => html`<tr><td><a href="/cases/${linked.id}">${linked.subjectName}</a></td><td>${bandBadge(linked.band)}</td><td class="num">${linked.score}</td><td>${STATUS_LABELS[linked.status] ?? linked.status}</td></tr>`)}</tbody>`;
})}</table></div>`}
</section>`;
}

export function casePage(context: PageContext, options: CasePageOptions): string {
  const { detail } = options;
  const latest = detail.screenings[0];
  // A reviewed finding's note is shown beside its forms, not among the evidence.
  const reviews = new Map<string, FindingReview>();
  const shown = (latest?.findings ?? []).map((finding) => {
    const { review, ...evidence } = finding.evidence;
    if (review) reviews.set(finding.indicator, review as FindingReview);
    return { ...finding, evidence };
  });
  return page(
    context,
    `Case: ${detail.subjectName}`,
    html`<div class="case-page">
<p class="crumbs"><a href="/queue">← Review queue</a>${options.nextCaseId ? html` · <a href="/cases/${options.nextCaseId}">Next case →</a>` : ''}<span class="narrow-only"> · <a href="#actions-title">Assign, note, decide ↓</a></span></p>
<h1>${detail.subjectName} ${bandBadge(detail.band)}</h1>
${options.notice ? html`<p class="notice ok" role="status">${options.notice}</p>` : ''}
${options.errors ? html`<div class="error-summary" role="alert" id="error-summary"><h2>The change was not saved</h2><ul>${Object.entries(options.errors.fields).map(([field, message]) => html`<li>${humanise(field)}: ${message}</li>`)}</ul></div>` : ''}
${decisionBanner(options)}
<div class="case-layout">
<div class="case-main">
${secondReviewSection(context, { caseId: detail.id, approvals: detail.pendingApprovals, actorName: options.actorName, me: options.me, errors: options.errors })}
${whyFlagged(detail, shown)}
${checklist(options, shown, reviews)}
${sanctionsCheckSection(detail)}
<h2 id="findings-title">Findings of the latest screening</h2>
${findingsByFamily(
  options.isRevealed ? shown : shown.map((finding) => ({ ...finding, evidence: maskEvidence(finding.evidence) as Finding['evidence'] })),
  { evidence: (finding) => sanctionsEvidence(finding, options, applicantRecord(detail, options.isRevealed ?? false)), footer: (finding) => html`${reviewBlock(reviews.get(finding.indicator), options)}${markForm(finding, options, context)}${verificationBlock(finding, options, context)}` },
  defaultRuleSet,
)}
${linksSection(options.links, detail, applicantRecord(detail, options.isRevealed ?? false))}
<section class="card" aria-labelledby="history-title"><h2 id="history-title">Score history</h2>${scoreHistoryChart(detail.screenings)}</section>
${applicantSummary(detail, context, options.isRevealed ?? false)}
<section class="card" aria-labelledby="about-title"><h2 id="about-title">About this case</h2><dl class="evidence">
<dt>Score</dt><dd><strong>${detail.score}</strong> / 100 (rule set ${detail.ruleSetVersion})</dd>
<dt>Source</dt><dd>${detail.source}${detail.externalId ? ` / ${detail.externalId}` : ''}</dd>
<dt>Submitted by</dt><dd>${options.actorName(detail.createdBy)}</dd>
<dt>Opened</dt><dd>${timeTag(detail.createdAt)}</dd>
</dl></section>
<section aria-labelledby="timeline-title" id="timeline"><h2 id="timeline-title">Audit timeline</h2>
<p class="muted">Times are in UTC; hold the pointer over one for the exact instant.</p>
<ol class="timeline">${[...detail.events].reverse().map((event) => html`<li>${timeTag(event.createdAt)} · ${options.actorName(event.actor)}<br>${describeEvent(event)}</li>`)}</ol>
</section>
</div>
${actionForms(options, context)}
</div>
</div>`,
    { wide: true },
  );
}
