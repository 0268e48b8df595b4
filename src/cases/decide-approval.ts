// Four eyes: a second reviewer approves a held change (a note is optional) or anyone rejects it (a reason is required).
// The rules (not the requester, not twice) are CaseDecisions.approve / reject in decide-case.ts.
import { z } from 'zod';
import { CASE_WORKERS } from './case-access';
import { storableText } from './reviewer-text';

export const approveChange = { roles: CASE_WORKERS, input: z.strictObject({ reason: storableText(2000).optional() }) };
export const rejectChange = { roles: CASE_WORKERS, input: z.strictObject({ reason: storableText(2000) }) };
