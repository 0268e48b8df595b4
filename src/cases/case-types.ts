// Domain types of cases, screenings and their audit trail (what repositories return; never Prisma types).
import type { Band, Finding, SanctionsStatus } from '../scoring/types';

export const caseStatuses = [
  'open',
  'in_review',
  'escalated',
  'cleared',
  'confirmed_fraud',
  'withdrawn',
  'no_findings',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export interface CaseSummary {
  id: string;
  source: string;
  externalId: string | null;
  subjectName: string;
  score: number;
  band: Band;
  /** The sanctions check beside the band: clear, potential_match (needs a date of birth), confirmed_match, cleared_by_comparison. */
  sanctionsStatus: SanctionsStatus;
  ruleSetVersion: string;
  status: CaseStatus;
  assignee: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** When the applicant's personal data was erased (retention purge, ATS anonymisation); null while it is kept. */
  personalDataErasedAt: string | null;
}

/** CaseSummary's fields in the order the API answers and the export's columns show them. */
export const caseSummaryFields = [
  'id',
  'source',
  'externalId',
  'subjectName',
  'score',
  'band',
  'sanctionsStatus',
  'ruleSetVersion',
  'status',
  'assignee',
  'createdBy',
  'createdAt',
  'updatedAt',
  'personalDataErasedAt',
] as const satisfies readonly (keyof CaseSummary)[];

export interface ScreeningRecord {
  id: string;
  score: number;
  band: Band;
  sanctionsStatus: SanctionsStatus;
  ruleSetVersion: string;
  findings: Finding[];
  inputSnapshot: Record<string, unknown>;
  requestedBy: string;
  createdAt: string;
}

export interface CaseEventRecord {
  id: string;
  actor: string;
  action: string;
  data: Record<string, unknown>;
  createdAt: string;
}

/** A value this case shares, read live from the link tables when the case is shown. */
export interface SharedValueCount {
  kind: string;
  /** The first 12 hex digits of the value's keyed hash: which value, never the value. */
  valueId: string;
  /** How many other cases hold it now (GET /api/v1/cases/:id/links lists them). */
  otherCases: number;
}

/** Four eyes: clearing a critical case ('clear_case') or marking a sanctions hit false positive ('false_positive'). */
export type PendingApprovalKind = 'clear_case' | 'false_positive';

/** A change held until a second reviewer (a different person) approves it (src/cases/decide-case.ts). */
export interface PendingApproval {
  id: string;
  caseId: string;
  kind: PendingApprovalKind;
  /** clear_case: { status, reason, shareReasonWithRecruiter? }; false_positive: { indicator, disposition, reason, subject? }. */
  request: Record<string, unknown>;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  outcome: 'approved' | 'rejected' | null;
  decisionReason: string | null;
}

export interface CaseDetail extends CaseSummary {
  /** True while a request waits for a second reviewer: nothing it asks for has changed the case yet. */
  awaitingSecondReview: boolean;
  /** The requests waiting for a second reviewer, oldest first. */
  pendingApprovals: PendingApproval[];
  screenings: ScreeningRecord[];
  events: CaseEventRecord[];
  sharedValues: SharedValueCount[];
}

/** What a reviewer changes on a case; a decision (cleared, confirmed_fraud) needs a reason. */
export interface CaseChange {
  status?: CaseStatus;
  assignee?: string | null;
  reason?: string;
  /** The decision's reason is shown on the recruiter's result page (kept in the case.decided event). */
  shareReasonWithRecruiter?: boolean;
}

export const decisionStatuses: readonly CaseStatus[] = ['cleared', 'confirmed_fraud'];

export interface CaseListQuery {
  bands?: Band[];
  sanctionsStatuses?: SanctionsStatus[];
  statuses?: CaseStatus[];
  source?: string;
  createdFrom?: Date;
  createdTo?: Date;
  sort: 'score' | '-score' | 'createdAt' | '-createdAt';
  limit: number;
  cursor?: string;
  /** Recruiters see only the cases they submitted. */
  createdBy?: string;
  /** Cases assigned to this person; null: unassigned cases. */
  assignee?: string | null;
  /** Only cases whose latest screening links them to other cases (farms, households, referrals). */
  isLinked?: boolean;
}

export interface CaseListPage {
  items: CaseSummary[];
  nextCursor: string | null;
}
