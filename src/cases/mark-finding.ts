// A reviewer's judgement of a finding (or one hit of it): false positive or confirmed, with a reason. The rules
// (four eyes on a sanctions hit) are CaseDecisions.mark in decide-case.ts.
import { z } from 'zod';
import { CASE_WORKERS } from './case-access';
import { storableText } from './reviewer-text';

export const markFinding = {
  roles: CASE_WORKERS,
  /** What reviewers send; `cleared_by_check` and `confirmed_by_check` come only from recorded checks. */
  input: z.strictObject({
    disposition: z.enum(['false_positive', 'confirmed'], { message: 'must be false_positive or confirmed' }),
    reason: storableText(2000),
    subject: storableText(200).optional(),
  }),
};
