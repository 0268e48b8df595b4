// Changing a case (status, assignee, a decision and its reason): who may, and what they send. The rules of the change
// itself (four eyes, a reason to reopen) are CaseDecisions.change in decide-case.ts.
import { z } from 'zod';
import { CASE_WORKERS } from './case-access';
import { caseStatuses, decisionStatuses } from './case-types';
import { storable } from './reviewer-text';

export const changeCase = {
  roles: CASE_WORKERS,
  input: z
    .strictObject({
      status: z.enum(caseStatuses).optional(),
      assignee: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(200, 'must be at most 200 characters')
        .superRefine(storable)
        .nullable()
        .optional(),
      reason: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(2000, 'must be at most 2000 characters')
        .superRefine(storable)
        .optional(),
      // The recruiter who submitted the case sees a decision's reason only when the reviewer shares it.
      shareReasonWithRecruiter: z.boolean().optional(),
    })
    .refine((change) => change.status !== undefined || change.assignee !== undefined, {
      message: 'send status or assignee',
      path: ['status'],
    })
    .refine((change) => !change.status || !decisionStatuses.includes(change.status) || change.reason, {
      message: 'is required for a decision (cleared or confirmed_fraud)',
      path: ['reason'],
    }),
};
