// What the case page is given to render: the case, its links, who is reading and the form that was sent.
import type { CaseDetail } from '../../cases/case-types';
import type { CaseLinks } from '../../links/link-views';
import type { SanctionsEntry } from '../../sanctions/types';

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
