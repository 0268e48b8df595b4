// A reviewer's note on a case: kept in the audit trail as case.note_added, never edited or deleted (CaseRepository.addNote).
import { z } from 'zod';
import { CASE_WORKERS } from './case-access';
import { storable } from './reviewer-text';

export const noteCase = {
  roles: CASE_WORKERS,
  input: z.strictObject({
    text: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(5000, 'must be at most 5000 characters')
      .superRefine(storable),
  }),
};
