// Reviewers' dispositions of findings (false positive, confirmed, a check's outcome): stored append-only, audited,
// and applied at once by a rescoring of the case from its latest screening, in one transaction.
import type { DbSession } from '../db/session';
import { AppError } from '../errors';
import { findingSubjects, withoutReview, type DispositionKind } from '../scoring/dispositions';
import type { Band, Finding } from '../scoring/types';
import type { DispositionStore } from './disposition-store';
import type { RescoringPlan, RescoringStore } from './rescoring-store';

export interface MarkInput {
  indicator: string;
  disposition: DispositionKind;
  reason: string;
  /** One hit of the finding (a listed entry's uid, another case's id); without it, every hit the finding names now. */
  subject?: string;
}

export interface MarkOutcome {
  caseId: string;
  indicator: string;
  disposition: DispositionKind;
  subjects: (string | null)[];
  reason: string;
  actor: string;
  createdAt: string;
  before: { score: number; band: string };
  after: { score: number; band: Band; screeningId: string };
}

/** What a mark would judge: the finding as scored and the hits it covers, with the case's score before. */
export interface MarkTarget {
  finding: Finding;
  subjects: (string | null)[];
  before: { score: number; band: string };
}

export const VERIFICATION_DISPOSITIONS: Partial<Record<string, DispositionKind>> = {
  passed: 'cleared_by_check',
  failed: 'confirmed_by_check',
};

export class FindingReviewService {
  constructor(
    private readonly store: DispositionStore,
    private readonly rescoring: RescoringStore,
  ) {}

  /**
   * Marks a finding of the case's latest screening (a case.finding_marked audit event) and rescores the case at once
   * (a system:disposition screening and a case.rescored event with before and after).
   */
  mark(caseId: string, input: MarkInput, actor: string): Promise<MarkOutcome> {
    return this.store.transaction(async (tx) => {
      return this.markIn(tx, caseId, input, actor, {
        action: 'case.finding_marked',
        data: { indicator: input.indicator, disposition: input.disposition, reason: input.reason },
      });
    });
  }

  /**
   * Records a check a reviewer did for a finding (case.verification_recorded). A passed check clears the finding,
   * a failed one confirms it (a disposition and a rescoring, as mark()); other outcomes only document the review.
   */
  recordCheck(
    caseId: string,
    actor: string,
    check: { indicator: string; outcome: string; note: string },
  ): Promise<MarkOutcome | null> {
    return this.store.transaction(async (tx) => {
      const disposition = VERIFICATION_DISPOSITIONS[check.outcome];
      const state = await this.store.lockErasureState(tx, caseId);
      if (!state) throw new AppError('not_found', 'No case with this id');
      // An erased case keeps its score as it was: the check is still recorded, it rescores nothing.
      const scores = disposition !== undefined && !state.isErased;
      const audit = { action: 'case.verification_recorded', data: { ...check, ...(scores ? { disposition } : {}) } };
      if (!scores) {
        await this.store.appendEvent(tx, caseId, actor, audit.action, audit.data);
        return null;
      }
      return this.markIn(tx, caseId, { indicator: check.indicator, disposition, reason: check.note }, actor, audit);
    });
  }

  /**
   * The finding a mark judges (of the latest screening, before any disposition) and the hits it covers, the case
   * locked; an unknown finding is a 404, a hit that is not the finding's a 400 naming subject.
   */
  async targetIn(tx: DbSession, caseId: string, input: Pick<MarkInput, 'indicator' | 'subject'>): Promise<MarkTarget> {
    const basis = await this.rescoring.lockedBasis(tx, caseId);
    if (!basis) {
      if (!(await this.store.caseExists(tx, caseId))) throw new AppError('not_found', 'No case with this id');
      throw new AppError('conflict', "This case's personal data was erased: its findings can no longer be rescored");
    }
    const finding = basis.findings.map(withoutReview).find((candidate) => candidate.indicator === input.indicator);
    if (!finding)
      throw new AppError('not_found', `The latest screening of this case has no finding "${input.indicator}"`);
    const hits = findingSubjects(finding);
    if (input.subject !== undefined && !hits.includes(input.subject)) {
      const message =
        hits.length === 0
          ? 'this finding names no separate hits: leave subject out'
          : `is not one of this finding's hits (${hits.slice(0, 10).join(', ')})`;
      throw new AppError('validation_failed', `Invalid subject for ${input.indicator}`, {
        fields: [{ path: 'subject', message }],
      });
    }
    const subjects: (string | null)[] = input.subject !== undefined ? [input.subject] : hits.length > 0 ? hits : [null];
    return { finding, subjects, before: { score: basis.score, band: basis.band } };
  }

  /** Stores the mark and rescores the case, in the caller's transaction. The audit event (with the hits judged) comes before the rescoring's case.rescored event. */
  async markIn(
    tx: DbSession,
    caseId: string,
    input: MarkInput,
    actor: string,
    audit: { action: string; data: Record<string, unknown> },
    target?: MarkTarget,
  ): Promise<MarkOutcome> {
    const { subjects, before } = target ?? (await this.targetIn(tx, caseId, input));
    const createdAt = await this.store.record(tx, caseId, input, subjects, actor);
    await this.store.appendEvent(tx, caseId, actor, audit.action, { ...audit.data, subjects });
    // Nothing is recomputed: the latest findings with every disposition (this one included) applied.
    const plan: RescoringPlan = {
      recompute: [],
      requestedBy: 'system:disposition',
      action: 'case.rescored',
      why: () => ({
        snapshot: { reason: 'disposition', indicator: input.indicator },
        data: { reason: 'disposition', indicator: input.indicator, disposition: input.disposition },
      }),
    };
    const rescored = (await this.rescoring.rescoreIn(tx, caseId, plan, actor, { always: true }))!;
    const { result } = rescored;
    const screeningId = rescored.screeningId!;
    return {
      caseId,
      indicator: input.indicator,
      disposition: input.disposition,
      subjects,
      reason: input.reason,
      actor,
      createdAt: createdAt.toISOString(),
      before,
      after: { score: result.score, band: result.band, screeningId },
    };
  }
}
