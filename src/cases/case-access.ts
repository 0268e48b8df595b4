// Who may see and work which case, once for the API and the pages. Recruiters submit candidates and read their own
// cases only, redacted (src/cases/recruiter-view.ts); reviewers and admins work every case.
import type { Role } from '../auth/api-keys';
import type { Finding } from '../scoring/types';
import type { CaseDetail } from './case-types';
import { caseDetailForRecruiter, redactFindingsForRecruiter } from './recruiter-view';

/** The roles that work cases: the queue, the case page and every case action (change, note, reveal, judge, approve). */
export const CASE_WORKERS = ['reviewer', 'admin'] as const satisfies readonly Role[];

/** Who asks: an API key's principal or a signed-in user (`actor` as the audit trail names them). */
export interface CaseViewer {
  role: Role;
  actor: string;
}

export interface CaseAccess {
  /** The list filter: a recruiter lists only the cases they created. */
  createdBy: string | undefined;
  /** Whether a screening may land in a case someone else created (recruiters: never). */
  mayAppendToAnyCase: boolean;
  /** Whether the viewer may see this case at all; a recruiter asking for someone else's learns nothing. */
  maySee(detail: Pick<CaseDetail, 'createdBy'>): boolean;
  /** The case as this viewer reads it: a recruiter's has link evidence reduced to counts. */
  view(detail: CaseDetail): CaseDetail;
  /** A screening's findings as this viewer reads them. */
  findings(findings: Finding[]): Finding[];
}

/** The recruiter's access rule, written once. */
export function caseAccessFor(viewer: CaseViewer): CaseAccess {
  const isRecruiter = viewer.role === 'recruiter';
  return {
    createdBy: isRecruiter ? viewer.actor : undefined,
    mayAppendToAnyCase: !isRecruiter,
    maySee: (detail) => !isRecruiter || detail.createdBy === viewer.actor,
    view: (detail) => (isRecruiter ? caseDetailForRecruiter(detail) : detail),
    findings: (findings) => (isRecruiter ? redactFindingsForRecruiter(findings) : findings),
  };
}
