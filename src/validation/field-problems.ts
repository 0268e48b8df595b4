// zod issues worded for people: one problem per wrong field, naming the field and never echoing its value.
import type { z } from 'zod';
import type { FieldProblem } from '../errors';

// zod's names for types, as a person filling a form would say them.
const typeNames: Record<string, string> = {
  array: 'a list',
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  date: 'a date',
};

function receivedType(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'number')
    return Number.isNaN(input) ? 'NaN' : Number.isInteger(input) ? 'a whole number' : 'a number';
  if (typeof input === 'string') return 'text';
  if (typeof input === 'boolean') return input ? 'true' : 'false';
  return typeof input === 'object' ? 'an object' : typeof input;
}

function sizeLimit(
  issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall,
  limit: number | bigint,
  isMax: boolean,
): string {
  const inclusive = issue.inclusive !== false;
  const bound = isMax ? (inclusive ? 'at most' : 'less than') : inclusive ? 'at least' : 'more than';
  if (issue.origin === 'string')
    return !isMax && Number(limit) === 1 ? 'must not be empty' : `must be ${bound} ${limit} characters`;
  if (issue.origin === 'array' || issue.origin === 'set')
    return `must have ${bound} ${limit} item${Number(limit) === 1 ? '' : 's'}`;
  return `must be ${bound} ${limit}`;
}

// Our schemas word their own refinements; zod's defaults ("Invalid input", "Too big: ...") are replaced here.
function messageOf(issue: z.core.$ZodIssue, subject: string): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'is required'
        : `must be ${typeNames[issue.expected] ?? issue.expected}, not ${receivedType(issue.input)}`;
    case 'too_big':
      return sizeLimit(issue, issue.maximum, true);
    case 'too_small':
      return sizeLimit(issue, issue.minimum, false);
    case 'invalid_value':
      return `must be one of: ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_union':
      return `does not match any accepted form of this ${subject} field`;
    case 'invalid_key':
    case 'invalid_element':
      return 'has an invalid entry';
    default:
      return /^(Invalid|Too |Expected|Unrecognized)/.test(issue.message) ? 'is not valid' : issue.message;
  }
}

/** One problem per wrong field, worded for people; `subject` names what the fields belong to. */
export function describeIssues(issues: z.core.$ZodIssue[], subject = 'applicant contract'): FieldProblem[] {
  const problems = issues.flatMap((issue): FieldProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      // An empty key is shown as "" (an empty path would name nothing).
      return issue.keys.map((key) => ({
        path: [...issue.path, key === '' ? '""' : key].join('.'),
        message: `is not a field of the ${subject}`,
      }));
    }
    // Inputs are reported (reportInput) only to name their type; values never reach the answer.
    return [{ path: issue.path.join('.') || '(body)', message: messageOf(issue, subject) }];
  });
  // One message per field: a format check and a deeper check of the same value must not both speak.
  const seen = new Set<string>();
  return problems.filter((problem) => !seen.has(problem.path) && seen.add(problem.path));
}
