// Turns unknown input into an Applicant or an AppError that names every wrong field.
import type { z } from 'zod';
import { AppError, type FieldProblem } from '../errors';
import { applicantSchema, type Applicant } from './applicant-schema';

export function describeIssues(issues: z.core.$ZodIssue[]): FieldProblem[] {
  const problems = issues.flatMap((issue): FieldProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...issue.path, key].join('.'), message: 'is not a field of the applicant contract' }));
    }
    if (issue.code === 'invalid_type') {
      // Inputs are reported (reportInput) only to name their type here; values never reach the answer.
      const received = issue.input === null ? 'null' : Array.isArray(issue.input) ? 'array' : typeof issue.input;
      const message = received === 'undefined' ? 'is required' : `must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}, not ${received}`;
      return [{ path: issue.path.join('.') || '(body)', message }];
    }
    return [{ path: issue.path.join('.') || '(body)', message: issue.message }];
  });
  // One message per field: a format check and a deeper check of the same value must not both speak.
  const seen = new Set<string>();
  return problems.filter((problem) => !seen.has(problem.path) && seen.add(problem.path));
}

export function parseApplicant(input: unknown): Applicant {
  const result = applicantSchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    const fields = describeIssues(result.error.issues);
    throw new AppError('validation_failed', `The applicant has ${fields.length} invalid field(s)`, { fields });
  }
  return result.data;
}
