// Pending second reviews (four eyes): the held request, its decision, and the case events that record both.
import type pg from 'pg';
import type { Queryable } from '../db/prisma-client';
import { inSession, queryableOf, type DbSession } from '../db/session';
import { AppError } from '../errors';
import type { PendingApproval, PendingApprovalKind } from './case-types';

interface ApprovalRow {
  id: string;
  case_id: string;
  kind: string;
  request: Record<string, unknown>;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  outcome: string | null;
  decision_reason: string | null;
}

const COLUMNS = `id::text AS id, case_id::text AS case_id, kind, request, requested_by, requested_at, decided_by, decided_at, outcome, decision_reason`;

export function toPendingApproval(row: ApprovalRow): PendingApproval {
  return {
    id: row.id,
    caseId: row.case_id,
    kind: row.kind as PendingApprovalKind,
    request: row.request,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at.toISOString(),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    outcome: (row.outcome as PendingApproval['outcome']) ?? null,
    decisionReason: row.decision_reason,
  };
}

export async function appendCaseEvent(
  tx: Queryable,
  caseId: string,
  actor: string,
  action: string,
  data: Record<string, unknown>,
): Promise<void> {
  await tx.query(`INSERT INTO case_events (case_id, actor, action, data) VALUES ($1, $2, $3, $4::jsonb)`, [
    caseId,
    actor,
    action,
    JSON.stringify(data),
  ]);
}

/** Four-eyes requests, in the caller's transaction (a session from transaction()). */
export class ApprovalStore {
  constructor(private readonly pool: pg.Pool) {}

  /** One unit of work: everything the session is passed to commits together or not at all. */
  transaction<T>(work: (session: DbSession) => Promise<T>): Promise<T> {
    return inSession(this.pool, work);
  }

  /** The case's band and status, the row locked for the rest of the transaction; null when there is no such case. */
  async lockCaseState(session: DbSession, caseId: string): Promise<{ band: string; status: string } | null> {
    const { rows } = await queryableOf(session).query<{ band: string; status: string }>(
      `SELECT band::text AS band, status::text AS status FROM cases WHERE id = $1 FOR UPDATE`,
      [caseId],
    );
    return rows[0] ?? null;
  }

  /** Undecided requests of a case, oldest first. */
  async findPending(session: DbSession, caseId: string): Promise<PendingApproval[]> {
    const { rows } = await queryableOf(session).query<ApprovalRow>(
      `SELECT ${COLUMNS} FROM pending_approvals WHERE case_id = $1 AND decided_at IS NULL ORDER BY requested_at, id`,
      [caseId],
    );
    return rows.map(toPendingApproval);
  }

  /** Holds a request for a second reviewer (case.second_review_requested); the case itself is not changed. */
  async request(
    session: DbSession,
    caseId: string,
    kind: PendingApprovalKind,
    request: Record<string, unknown>,
    actor: string,
  ): Promise<PendingApproval> {
    const tx = queryableOf(session);
    const { rows } = await tx.query<ApprovalRow>(
      `INSERT INTO pending_approvals (id, case_id, kind, request, requested_by) VALUES (gen_random_uuid(), $1, $2, $3::jsonb, $4) RETURNING ${COLUMNS}`,
      [caseId, kind, JSON.stringify(request), actor],
    );
    const approval = toPendingApproval(rows[0]!);
    await appendCaseEvent(tx, caseId, actor, 'case.second_review_requested', {
      approvalId: approval.id,
      kind,
      ...request,
    });
    return approval;
  }

  /**
   * Decides a held request once (approved or rejected), the row locked so that two reviewers deciding at once are
   * recorded one after the other. The requester may withdraw (reject) their own request, never approve it.
   */
  async decide(
    session: DbSession,
    caseId: string,
    approvalId: string,
    outcome: 'approved' | 'rejected',
    actor: string,
    reason: string | undefined,
  ): Promise<PendingApproval> {
    const tx = queryableOf(session);
    const { rows } = await tx.query<ApprovalRow>(
      `SELECT ${COLUMNS} FROM pending_approvals WHERE id = $1 AND case_id = $2 FOR UPDATE`,
      [approvalId, caseId],
    );
    const row = rows[0];
    if (!row) throw new AppError('not_found', 'This case has no such request for a second review');
    if (row.decided_at) throw new AppError('conflict', `This request was already ${row.outcome} by ${row.decided_by}`);
    if (outcome === 'approved' && row.requested_by === actor)
      throw new AppError('forbidden', 'A second reviewer must approve: you made this request');
    const updated = await tx.query<ApprovalRow>(
      `UPDATE pending_approvals SET decided_by = $2, decided_at = now(), outcome = $3, decision_reason = $4 WHERE id = $1 RETURNING ${COLUMNS}`,
      [approvalId, actor, outcome, reason ?? null],
    );
    const approval = toPendingApproval(updated.rows[0]!);
    await appendCaseEvent(
      tx,
      caseId,
      actor,
      outcome === 'approved' ? 'case.second_review_approved' : 'case.second_review_rejected',
      {
        approvalId,
        kind: approval.kind,
        requestedBy: approval.requestedBy,
        reason: reason ?? null,
      },
    );
    return approval;
  }

  /** Sets a decided status approved by a second reviewer (case.decided naming both people). */
  async applyApprovedStatus(
    session: DbSession,
    caseId: string,
    status: string,
    reason: string,
    requestedBy: string,
    approvedBy: string,
    isReasonShared = false,
  ): Promise<string> {
    const tx = queryableOf(session);
    const before = await this.lockCaseState(session, caseId);
    if (!before) throw new AppError('not_found', 'No case with this id');
    await tx.query(`UPDATE cases SET status = $2::"CaseStatus", updated_at = now() WHERE id = $1`, [caseId, status]);
    // The requester's choice to show the reason to the recruiter travels with the held decision.
    const shared = isReasonShared ? { reasonSharedWithRecruiter: true } : {};
    await appendCaseEvent(tx, caseId, requestedBy, 'case.decided', {
      before: before.status,
      after: status,
      reason,
      approvedBy,
      ...shared,
    });
    return before.status;
  }
}
