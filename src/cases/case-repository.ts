// Reads cases for the API: Prisma stays in here, domain types go out.
import { pageFetchSize, toPage } from '../db/keyset-page';
import { Prisma, type Db } from '../db/prisma-client';
import { isoOrNull, pick } from '../db/rows';
import type { Band, Finding, SanctionsStatus } from '../scoring/types';
import { topReasons } from './triage';
import {
  caseSummaryFields,
  decisionStatuses,
  type CaseChange,
  type CaseDetail,
  type CaseEventRecord,
  type CaseListPage,
  type CaseListQuery,
  type CaseStatus,
  type CaseSummary,
  type PendingApprovalKind,
} from './case-types';

type CaseRow = Prisma.CaseGetPayload<object>;

function toSummary(row: CaseRow): CaseSummary {
  // Typed and converted after the spread, the fields keep their place in caseSummaryFields' order.
  return {
    ...pick(row, caseSummaryFields),
    band: row.band as Band,
    sanctionsStatus: row.sanctionsStatus as SanctionsStatus,
    status: row.status as CaseStatus,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    personalDataErasedAt: isoOrNull(row.personalDataErasedAt),
  };
}

/** Locks the case row for the transaction (UPDATE to change the case, SHARE to add to it); false when there is none. */
async function lockCase(tx: Prisma.TransactionClient, id: string, mode: 'UPDATE' | 'SHARE'): Promise<boolean> {
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id::text AS id FROM cases WHERE id = ${id}::uuid FOR ${Prisma.raw(mode)}`;
  return rows.length > 0;
}

// The "linked" filter reads at most this many linked cases (newest first).
const LINKED_CASES_MAX = 5_000;

const orderBy: Record<CaseListQuery['sort'], Prisma.CaseOrderByWithRelationInput[]> = {
  score: [{ score: 'asc' }, { id: 'asc' }],
  '-score': [{ score: 'desc' }, { id: 'asc' }],
  createdAt: [{ createdAt: 'asc' }, { id: 'asc' }],
  '-createdAt': [{ createdAt: 'desc' }, { id: 'asc' }],
};

export class CaseRepository {
  constructor(private readonly db: Db) {}

  async findDetail(id: string): Promise<CaseDetail | null> {
    const row = await this.db.case.findUnique({
      where: { id },
      include: {
        screenings: { orderBy: { createdAt: 'desc' } },
        events: { orderBy: { id: 'asc' } },
        approvals: { where: { decidedAt: null }, orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }] },
      },
    });
    if (!row) return null;
    // Live: a farm that grew since the case's latest screening shows its size now.
    const shared = await this.db.$queryRaw<{ kind: string; value_id: string; other_cases: number }[]>`
      SELECT m.kind::text AS kind, left(encode(m.hash, 'hex'), 12) AS value_id, count(*)::int AS other_cases
      FROM identifiers m JOIN identifiers o ON o.kind = m.kind AND o.hash = m.hash AND o.case_id <> m.case_id
      WHERE m.case_id = ${id}::uuid AND m.kind <> 'resume_band'
      GROUP BY m.kind, m.hash ORDER BY 3 DESC, 1, 2`;
    return {
      ...toSummary(row),
      awaitingSecondReview: row.approvals.length > 0,
      pendingApprovals: row.approvals.map((approval) => ({
        id: approval.id,
        caseId: approval.caseId,
        kind: approval.kind as PendingApprovalKind,
        request: approval.request as Record<string, unknown>,
        requestedBy: approval.requestedBy,
        requestedAt: approval.requestedAt.toISOString(),
        decidedBy: null,
        decidedAt: null,
        outcome: null,
        decisionReason: null,
      })),
      sharedValues: shared.map((value) => ({
        kind: value.kind,
        valueId: value.value_id,
        otherCases: value.other_cases,
      })),
      screenings: row.screenings.map((screening) => ({
        id: screening.id,
        score: screening.score,
        band: screening.band as Band,
        sanctionsStatus: screening.sanctionsStatus as SanctionsStatus,
        ruleSetVersion: screening.ruleSetVersion,
        findings: screening.findings as unknown as Finding[],
        inputSnapshot: screening.inputSnapshot as Record<string, unknown>,
        requestedBy: screening.requestedBy,
        createdAt: screening.createdAt.toISOString(),
      })),
      events: row.events.map((event) => ({
        id: event.id.toString(),
        actor: event.actor,
        action: event.action,
        data: event.data as Record<string, unknown>,
        createdAt: event.createdAt.toISOString(),
      })),
    };
  }

  /**
   * Changes status and/or assignee with one audit event per change, in one transaction; null when there is no
   * such case. The row is locked so that two reviewers deciding at once are recorded one after the other; `admit` sees
   * the case as locked and may refuse the change by throwing (the rules of src/cases/decide-case.ts).
   */
  async change(
    id: string,
    change: CaseChange,
    actor: string,
    admit?: (before: CaseSummary) => void,
  ): Promise<CaseSummary | null> {
    return this.db.$transaction(async (tx) => {
      if (!(await lockCase(tx, id, 'UPDATE'))) return null;
      const before = await tx.case.findUniqueOrThrow({ where: { id } });
      admit?.(toSummary(before));
      const data: Prisma.CaseUpdateInput = {};
      const events: { action: string; data: Prisma.InputJsonValue }[] = [];
      if (change.status !== undefined && change.status !== before.status) {
        data.status = change.status;
        const action = decisionStatuses.includes(change.status) ? 'case.decided' : 'case.status_changed';
        const shared =
          action === 'case.decided' && change.shareReasonWithRecruiter === true
            ? { reasonSharedWithRecruiter: true }
            : {};
        events.push({
          action,
          data: { before: before.status, after: change.status, reason: change.reason ?? null, ...shared },
        });
      }
      if (change.assignee !== undefined && change.assignee !== before.assignee) {
        data.assignee = change.assignee;
        events.push({ action: 'case.assigned', data: { before: before.assignee, after: change.assignee } });
      }
      if (events.length === 0) return toSummary(before);
      const after = await tx.case.update({ where: { id }, data });
      await tx.caseEvent.createMany({ data: events.map((event) => ({ caseId: id, actor, ...event })) });
      return toSummary(after);
    });
  }

  /** Adds a reviewer's note to the audit trail (case.note_added); null when there is no such case. */
  addNote(id: string, text: string, actor: string): Promise<CaseEventRecord | null> {
    return this.appendEvent(id, actor, 'case.note_added', { text });
  }

  /**
   * Records that a person saw the applicant's masked values (case.sensitive_revealed), with the reason given through
   * the API; null when there is no such case.
   */
  recordReveal(id: string, actor: string, fields: readonly string[], reason?: string): Promise<CaseEventRecord | null> {
    return this.appendEvent(
      id,
      actor,
      'case.sensitive_revealed',
      reason === undefined ? { fields: [...fields] } : { fields: [...fields], reason },
    );
  }

  private async appendEvent(
    id: string,
    actor: string,
    action: string,
    data: Prisma.InputJsonValue,
  ): Promise<CaseEventRecord | null> {
    return this.db.$transaction(async (tx) => {
      // The same lock as change(), so that a note and a decision made at once are recorded in a clear order.
      if (!(await lockCase(tx, id, 'SHARE'))) return null;
      const event = await tx.caseEvent.create({ data: { caseId: id, actor, action, data } });
      return {
        id: event.id.toString(),
        actor: event.actor,
        action: event.action,
        data: event.data as Record<string, unknown>,
        createdAt: event.createdAt.toISOString(),
      };
    });
  }

  async exists(id: string): Promise<boolean> {
    return (await this.db.case.count({ where: { id } })) === 1;
  }

  /** The top reasons (src/cases/triage.ts) of each case's latest screening, for the queue and its CSV. */
  async topReasonsOf(ids: readonly string[], count = 3): Promise<Map<string, string[]>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.$queryRaw<{ case_id: string; findings: Finding[] }[]>`
      SELECT DISTINCT ON (case_id) case_id::text AS case_id, findings FROM screenings
      WHERE case_id = ANY(${[...ids]}::uuid[]) ORDER BY case_id, created_at DESC, id DESC`;
    return new Map(rows.map((row) => [row.case_id, topReasons(row.findings, count)]));
  }

  /** Cases whose latest screening links them to others (a farm, a household, a referral), newest first, at most `max`. */
  private async linkedCaseIds(max: number): Promise<string[]> {
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      SELECT c.id::text AS id FROM cases c
      CROSS JOIN LATERAL (SELECT s.findings FROM screenings s WHERE s.case_id = c.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1) latest
      WHERE latest.findings @> '[{"family":"links"}]'::jsonb ORDER BY c.created_at DESC LIMIT ${max}`;
    return rows.map((row) => row.id);
  }

  async list(query: CaseListQuery): Promise<CaseListPage> {
    const where: Prisma.CaseWhereInput = {
      band: query.bands ? { in: query.bands } : undefined,
      sanctionsStatus: query.sanctionsStatuses ? { in: query.sanctionsStatuses } : undefined,
      status: query.statuses ? { in: query.statuses } : undefined,
      // People type sources in any letter case (Greenhouse, greenhouse): matched regardless.
      source: query.source !== undefined ? { equals: query.source, mode: 'insensitive' } : undefined,
      id: query.isLinked ? { in: await this.linkedCaseIds(LINKED_CASES_MAX) } : undefined,
      createdBy: query.createdBy,
      assignee: query.assignee,
      createdAt: query.createdFrom || query.createdTo ? { gte: query.createdFrom, lt: query.createdTo } : undefined,
    };
    // Keyset pagination: the cursor is the last case of the previous page; Prisma seeks past it in sort order.
    const rows = await this.db.case.findMany({
      where,
      orderBy: orderBy[query.sort],
      take: pageFetchSize(query.limit),
      ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    });
    return toPage(rows, query.limit, toSummary);
  }
}
