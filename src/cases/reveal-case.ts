// An audited reveal of a case's masked values: which ones, and why (kept in the case.sensitive_revealed event).
// The API names the fields and a reason; the case page reveals every masked field at once (MASKED_FIELDS).
import { z } from 'zod';
import { CASE_WORKERS } from './case-access';
import { REVEALABLE_FIELDS } from './masking';
import { storable } from './reviewer-text';

export const revealCase = {
  roles: CASE_WORKERS,
  input: z.strictObject({
    fields: z
      .array(z.enum(REVEALABLE_FIELDS, { message: `must be one of ${REVEALABLE_FIELDS.join(', ')}` }))
      .min(1, 'name at least one field')
      .max(REVEALABLE_FIELDS.length)
      .refine((fields) => new Set(fields).size === fields.length, 'names a field twice'),
    reason: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(500, 'must be at most 500 characters')
      .superRefine(storable),
  }),
};
