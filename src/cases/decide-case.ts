// The rules of deciding a case, once for the API and the pages: four eyes on clearing a critical case and on marking a
// sanctions hit false positive (held until a different reviewer approves; nothing changes before), and a reason to
// reopen a decided case. Every step is a case event.
import type { DbSession } from '../db/session';
import { AppError } from '../errors';
import type { DispositionKind } from '../scoring/dispositions';
import type { Finding } from '../scoring/types';
import type { ApprovalStore } from './approval-store';
import type { CaseRepository } from './case-repository';
import {
  decisionStatuses,
  type CaseChange,
  type CaseStatus,
  type CaseSummary,
  type PendingApproval,
} from './case-types';
import {
  VERIFICATION_DISPOSITIONS,
  type FindingReviewService,
  type MarkInput,
  type MarkOutcome,
} from './finding-dispositions';

/** Clearing a critical case needs a second reviewer. */
export function isClearingHeld(before: { band: string; status: string }, change: Pick<CaseChange, 'status'>): boolean {
  return change.status === 'cleared' && before.status !== 'cleared' && before.band === 'critical';
}

/** Marking a sanctions hit false positive, or clearing it by a passed check, needs a second reviewer. */
export function isMarkHeld(finding: Pick<Finding, 'family'>, disposition: DispositionKind): boolean {
  return (disposition === 'false_positive' || disposition === 'cleared_by_check') && finding.family === 'sanctions';
}

/** Moving a decided case (cleared, confirmed fraud) to any other status reopens it: that needs a reason. */
export function reopenProblem(before: { status: string }, change: CaseChange): string | null {
  const isReopening =
    change.status !== undefined &&
    change.status !== before.status &&
    decisionStatuses.includes(before.status as CaseStatus);
  return isReopening && !change.reason ? 'is required to reopen a decided case' : null;
}

export type ChangeResult =
  { kind: 'changed'; case: CaseSummary } | { kind: 'awaiting_second_review'; approval: PendingApproval };
export type MarkResult =
  { kind: 'marked'; outcome: MarkOutcome } | { kind: 'awaiting_second_review'; approval: PendingApproval };
export type CheckResult = { kind: 'recorded' } | { kind: 'awaiting_second_review'; approval: PendingApproval };
export type ApprovalResult = {
  approval: PendingApproval;
  applied: { status: CaseStatus } | { outcome: MarkOutcome } | null;
};

const reasonRequired = (message: string) =>
  new AppError('validation_failed', 'Invalid case change', { fields: [{ path: 'reason', message }] });

export class CaseDecisions {
  constructor(
    private readonly approvals: ApprovalStore,
    private readonly cases: CaseRepository,
    private readonly review: FindingReviewService,
  ) {}

  /** Status and/or assignee; null when there is no such case. Clearing a critical case is held for a second reviewer. */
  async change(caseId: string, change: CaseChange, actor: string): Promise<ChangeResult | null> {
    if (change.status === 'cleared') {
      const held = await this.approvals.transaction(async (tx) => {
        const before = await this.approvals.lockCaseState(tx, caseId);
        if (!before) return 'missing' as const;
        if (!isClearingHeld(before, change)) return null;
        await this.refuseDuplicate(
          tx,
          caseId,
          (pending) => pending.kind === 'clear_case',
          'Clearing this case already awaits a second review',
        );
        // The assignment, if sent too, is not a decision: it applies now.
        const shared = change.shareReasonWithRecruiter === true ? { shareReasonWithRecruiter: true } : {};
        return this.approvals.request(
          tx,
          caseId,
          'clear_case',
          { status: 'cleared', reason: change.reason ?? '', ...shared },
          actor,
        );
      });
      if (held === 'missing') return null;
      if (held) {
        if (change.assignee !== undefined) await this.cases.change(caseId, { assignee: change.assignee }, actor);
        return { kind: 'awaiting_second_review', approval: held };
      }
    }
    const changed = await this.cases.change(caseId, change, actor, (before) => {
      const problem = reopenProblem(before, change);
      if (problem) throw reasonRequired(problem);
      // It became critical since the check above (a rescoring): the next attempt is held.
      if (isClearingHeld(before, change))
        throw new AppError(
          'conflict',
          'The case became critical meanwhile: send the clearing again for a second review',
        );
    });
    return changed ? { kind: 'changed', case: changed } : null;
  }

  /** A reviewer's judgement of a finding; a sanctions hit marked false positive is held for a second reviewer. */
  mark(caseId: string, input: MarkInput, actor: string): Promise<MarkResult> {
    return this.approvals.transaction(async (tx) => {
      const target = await this.review.targetIn(tx, caseId, input);
      if (isMarkHeld(target.finding, input.disposition)) {
        const sameHit = (pending: PendingApproval) =>
          pending.kind === 'false_positive' &&
          pending.request.indicator === input.indicator &&
          (pending.request.subject ?? null) === (input.subject ?? null);
        await this.refuseDuplicate(tx, caseId, sameHit, 'This judgement already awaits a second review');
        const request = {
          indicator: input.indicator,
          disposition: input.disposition,
          reason: input.reason,
          ...(input.subject !== undefined ? { subject: input.subject } : {}),
        };
        return {
          kind: 'awaiting_second_review',
          approval: await this.approvals.request(tx, caseId, 'false_positive', request, actor),
        };
      }
      const audit = {
        action: 'case.finding_marked',
        data: { indicator: input.indicator, disposition: input.disposition, reason: input.reason },
      };
      return { kind: 'marked', outcome: await this.review.markIn(tx, caseId, input, actor, audit, target) };
    });
  }

  /**
   * A check done for a finding. A passed check on a sanctions hit clears it, which is a false positive by another
   * name: it waits for a second reviewer like one. Every other check is recorded (and rescored) at once.
   */
  async recordCheck(
    caseId: string,
    check: { indicator: string; outcome: string; note: string },
    actor: string,
  ): Promise<CheckResult> {
    if (VERIFICATION_DISPOSITIONS[check.outcome] === 'cleared_by_check') {
      const held = await this.approvals.transaction(async (tx) => {
        const target = await this.review
          .targetIn(tx, caseId, { indicator: check.indicator })
          .catch((error: unknown) => {
            // An erased case keeps its score: the check is only recorded (below).
            if (error instanceof AppError && error.code === 'conflict') return null;
            throw error;
          });
        if (!target || !isMarkHeld(target.finding, 'cleared_by_check')) return null;
        const sameHit = (pending: PendingApproval) =>
          pending.kind === 'false_positive' &&
          pending.request.indicator === check.indicator &&
          pending.request.subject === undefined;
        await this.refuseDuplicate(tx, caseId, sameHit, 'Clearing this hit already awaits a second review');
        const request = {
          indicator: check.indicator,
          disposition: 'cleared_by_check',
          reason: check.note,
          check: { outcome: check.outcome, note: check.note },
        };
        return this.approvals.request(tx, caseId, 'false_positive', request, actor);
      });
      if (held) return { kind: 'awaiting_second_review', approval: held };
    }
    await this.review.recordCheck(caseId, actor, check);
    return { kind: 'recorded' };
  }

  /** A second reviewer (not the requester) approves: the held change is applied now, in the same transaction. */
  approve(caseId: string, approvalId: string, actor: string, reason?: string): Promise<ApprovalResult> {
    return this.approvals.transaction(async (tx) => {
      const approval = await this.approvals.decide(tx, caseId, approvalId, 'approved', actor, reason);
      const request = approval.request;
      if (approval.kind === 'clear_case') {
        await this.approvals.applyApprovedStatus(
          tx,
          caseId,
          'cleared',
          String(request.reason ?? ''),
          approval.requestedBy,
          actor,
          request.shareReasonWithRecruiter === true,
        );
        return { approval, applied: { status: 'cleared' } };
      }
      const isCheck = request.disposition === 'cleared_by_check';
      const input: MarkInput = {
        indicator: String(request.indicator),
        disposition: isCheck ? 'cleared_by_check' : 'false_positive',
        reason: String(request.reason ?? ''),
        ...(typeof request.subject === 'string' ? { subject: request.subject } : {}),
      };
      // The judgement (or the check) is the requester's; the event names who approved it.
      const audit = isCheck
        ? {
            action: 'case.verification_recorded',
            data: {
              indicator: input.indicator,
              outcome: 'passed',
              note: input.reason,
              disposition: input.disposition,
              approvedBy: actor,
            },
          }
        : {
            action: 'case.finding_marked',
            data: {
              indicator: input.indicator,
              disposition: input.disposition,
              reason: input.reason,
              approvedBy: actor,
            },
          };
      return {
        approval,
        applied: { outcome: await this.review.markIn(tx, caseId, input, approval.requestedBy, audit) },
      };
    });
  }

  /** Any reviewer rejects a held change (the requester withdraws it); nothing about the case changes. */
  reject(caseId: string, approvalId: string, actor: string, reason: string): Promise<ApprovalResult> {
    return this.approvals.transaction(async (tx) => ({
      approval: await this.approvals.decide(tx, caseId, approvalId, 'rejected', actor, reason),
      applied: null,
    }));
  }

  private async refuseDuplicate(
    tx: DbSession,
    caseId: string,
    isSame: (pending: PendingApproval) => boolean,
    message: string,
  ): Promise<void> {
    if ((await this.approvals.findPending(tx, caseId)).some(isSame)) throw new AppError('conflict', message);
  }
}
