// Text a reviewer types into a case (reasons, notes, assignees): PostgreSQL keeps neither NUL nor an unpaired surrogate
// (audit events are JSONB), so such text is refused by field, never a 500.
import { z } from 'zod';
import { unstorableTextProblem } from '../applicants/storable-text';

/** A zod refinement naming the unstorable character (the case change, note and reveal schemas). */
export const storable = (value: string, ctx: z.RefinementCtx) => {
  const problem = unstorableTextProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text a reviewer types, trimmed, 1..max characters, and storable in PostgreSQL (judgements and second reviews). */
export const storableText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(
      (value) => !value.includes('\u0000') && !LONE_SURROGATE.test(value),
      'contains a character that cannot be stored (NUL or a lone surrogate)',
    );
