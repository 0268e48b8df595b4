// The recruiter's result page: where the case stands and the next step (go ahead, hold, stop), then each finding
// explained, its evidence masked as on the case page. It follows the case: a decision replaces the band's advice.
import type { CaseDetail } from '../../cases/case-types';
import { maskEvidence } from '../../cases/masking';
import type { Finding } from '../../scoring/types';
import { COLLECT_IDENTIFIERS } from '../../scoring/indicators/sanctions';
import { sanctionsStatusLabels } from '../../scoring/sanctions-status';
import { defaultRuleSet } from '../../scoring/rule-set';
import { html, type SafeHtml } from '../html';
import { bandBadge, findingsByFamily, STATUS_LABELS, timeTag } from './findings';
import { page, type PageContext } from './layout';

type NextStep = { kind: 'go' | 'hold' | 'stop'; label: string; advice: string };

// Only steps a recruiter can take: go on hiring, wait, or stop. Comparing cases or list entries is the security team's.
const BAND_STEPS: Record<string, NextStep> = {
  low: {
    kind: 'go',
    label: 'Go ahead',
    advice: 'Nothing here needs the security team. Continue the usual hiring steps.',
  },
  medium: {
    kind: 'hold',
    label: 'Check first',
    advice: 'Some signs need checking. Do the checks below before an offer.',
  },
  high: {
    kind: 'hold',
    label: 'Hold',
    advice:
      'Strong signs of a false identity. Do not make an offer or ship equipment until the security team has reviewed the case.',
  },
  critical: {
    kind: 'stop',
    label: 'Stop for now',
    advice: 'Do not make an offer, ship equipment or pay until the security team has decided.',
  },
};

const DECIDED_STEPS: Record<string, NextStep> = {
  cleared: {
    kind: 'go',
    label: 'Go ahead',
    advice:
      'The security team cleared this candidate. Continue the usual hiring steps; the findings below are kept for the record.',
  },
  confirmed_fraud: {
    kind: 'stop',
    label: 'Stop',
    advice:
      'The security team confirmed fraud. Do not make an offer, ship equipment or pay, and end the hiring process in your applicant tracking system.',
  },
  withdrawn: {
    kind: 'stop',
    label: 'Withdrawn',
    advice: 'The case was withdrawn; there is nothing more to do for this candidate.',
  },
};

/** The next step for the recruiter: the decision when there is one, the band's advice while the case is open. */
export function nextStepFor(detail: Pick<CaseDetail, 'status' | 'band'>): NextStep {
  return DECIDED_STEPS[detail.status] ?? BAND_STEPS[detail.band] ?? BAND_STEPS.medium!;
}

function decisionPanel(detail: CaseDetail): SafeHtml {
  const step = nextStepFor(detail);
  const decision = [...detail.events].reverse().find((event) => event.action === 'case.decided');
  const isDecided = detail.status === 'cleared' || detail.status === 'confirmed_fraud';
  const reason =
    isDecided && decision && typeof decision.data.reason === 'string' && decision.data.reason
      ? decision.data.reason
      : null;
  return html`<section class="card banner banner-${isDecided ? detail.status : 'open'}" aria-labelledby="next-step-title">
<h2 id="next-step-title" class="next-step">Next step: ${step.label}</h2>
<p>${step.advice}</p>
${
  isDecided && decision
    ? html`<p><strong>Decision:</strong> ${STATUS_LABELS[detail.status]}, ${timeTag(decision.createdAt)}.${reason ? html` <strong>Reason given:</strong> “${reason}”` : html` <span class="muted">The security team did not share the reason; ask them if you need it.</span>`}</p>`
    : html`<p class="muted">Review status: ${STATUS_LABELS[detail.status] ?? detail.status}. This page changes when the security team decides.</p>`
}
</section>`;
}

const REVIEW_WORDS: Record<string, string> = {
  confirmed: 'Confirmed by the security team',
  false_positive: 'Not counted: the security team found it a false positive',
  partly: 'Partly confirmed by the security team',
};

// A reviewer's judgement on a finding is said in words; who judged it is the security team's record.
function forRecruiter(finding: Finding): Finding {
  const { review, ...evidence } = maskEvidence(finding.evidence) as Finding['evidence'];
  const outcome = (review as { outcome?: string } | undefined)?.outcome;
  return {
    ...finding,
    evidence: outcome
      ? { securityTeam: REVIEW_WORDS[outcome] ?? 'Reviewed by the security team', ...evidence }
      : evidence,
  };
}

export function resultPage(context: PageContext, detail: CaseDetail, options: { isNew: boolean }): string {
  const latest = detail.screenings[0];
  return page(
    context,
    `Result for ${detail.subjectName}`,
    html`<h1>Screening result: ${detail.subjectName}</h1>
${options.isNew ? html`<p class="notice ok" role="status">The candidate was screened and the case was saved.</p>` : ''}
${decisionPanel(detail)}
<div class="card scorebox">
<div><div class="muted">Risk score</div><div class="score">${detail.score}<span class="muted"> / 100</span></div></div>
<div><div class="muted">Band</div>${bandBadge(detail.band)}</div>
<div><div class="muted">Review status</div><span class="status">${STATUS_LABELS[detail.status] ?? detail.status}</span></div>
</div>
${
  detail.sanctionsStatus === 'potential_match'
    ? html`<div class="card notice" role="status"><strong>Sanctions check: ${sanctionsStatusLabels.potential_match}.</strong> The name is like a name on a sanctions list; this is not evidence against the candidate and does not change the band. ${COLLECT_IDENTIFIERS}</div>`
    : detail.sanctionsStatus !== 'clear'
      ? html`<p><strong>Sanctions check:</strong> ${sanctionsStatusLabels[detail.sanctionsStatus]}.</p>`
      : ''
}
<p class="muted">Screened ${latest ? timeTag(latest.createdAt) : ''} under rule set ${detail.ruleSetVersion}. The software ranks and explains; people decide.</p>
${findingsByFamily((latest?.findings ?? []).map(forRecruiter), {}, defaultRuleSet)}
<p class="actions"><a class="button secondary" href="/candidates/new">Screen another candidate</a><a href="/submissions">My submissions</a></p>`,
  );
}
