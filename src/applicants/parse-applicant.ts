// Turns unknown input into an Applicant or an AppError that names every wrong field.
import { AppError } from '../errors';
import { describeIssues } from '../validation/field-problems';
import { applicantSchema, type Applicant } from './applicant-schema';

// Kept for callers that have not moved to src/validation yet.
export { describeIssues };

export function parseApplicant(input: unknown): Applicant {
  const result = applicantSchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    const fields = describeIssues(result.error.issues);
    throw new AppError('validation_failed', `The applicant has ${fields.length} invalid field(s)`, { fields });
  }
  return result.data;
}
