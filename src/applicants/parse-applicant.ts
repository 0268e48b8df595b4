// Turns unknown input into an Applicant or an AppError that names every wrong field.
import { AppError } from '../errors';
import { describeIssues } from '../validation/field-problems';
import { compiledApplicantSchema, type Applicant } from './applicant-schema';
import { undialablePhones } from './dialable-phones';

// Kept for callers that have not moved to src/validation yet.
export { describeIssues };

export function parseApplicant(input: unknown): Applicant {
  const result = compiledApplicantSchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    // The dialling check runs only once the rest is valid: said now too, so that every error is known at once.
    const known = describeIssues(result.error.issues);
    const paths = new Set(known.map((field) => field.path));
    const phones = undialablePhones(input)
      .map((problem) => ({ path: problem.path.join('.'), message: problem.message }))
      .filter((problem) => !paths.has(problem.path));
    const fields = [...known, ...phones];
    throw new AppError('validation_failed', `The applicant has ${fields.length} invalid field(s)`, { fields });
  }
  return result.data;
}
