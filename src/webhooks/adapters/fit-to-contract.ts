// Drops the values of a mapped applicant that the contract would refuse, so one odd ATS value never loses the screening.
import type { z } from 'zod';
import { compiledApplicantSchema, type ApplicantInput } from '../../applicants/applicant-schema';
import { describeIssues } from '../../applicants/parse-applicant';
import type { SkippedField } from './types';
import { UnmappableDeliveryError } from './types';

type Path = (string | number)[];

// Each pass removes every field zod named; a removal can reveal a check that only runs on a clean object
// (the phone checks run after the shape is valid), so a few passes may be needed.
const MAX_PASSES = 6;

function comparePaths(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const [x, y] = [a[i]!, b[i]!];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

function valueAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

const isEmpty = (value: unknown) =>
  Array.isArray(value)
    ? value.length === 0
    : value !== null && typeof value === 'object' && Object.keys(value).length === 0;

/** Removes the value at `path`, then any object or list that removal left empty (`person` stays: it is required). */
function removeAt(root: Record<string, unknown>, path: Path): void {
  const parentPath = path.slice(0, -1);
  const parent = valueAt(root, parentPath);
  const key = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
  else if (parent !== null && typeof parent === 'object') delete (parent as Record<string | number, unknown>)[key];
  if (parentPath.length > 0 && parentPath[0] !== 'person' && isEmpty(parent)) removeAt(root, parentPath);
}

/** What to remove for an issue: the field itself, or (when a required field is missing) the entry holding it. */
function removalPath(root: unknown, issue: z.core.$ZodIssue): Path {
  let path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  while (path.length > 0 && valueAt(root, path) === undefined) path = path.slice(0, -1);
  return path;
}

/**
 * Returns the applicant with every value the contract refuses removed, and which fields were dropped and why
 * (field paths and the contract's messages only: never the values). Throws UnmappableDeliveryError when what is
 * wrong is the applicant's name, without which there is nothing to screen.
 */
export function fitToContract(input: ApplicantInput): { applicant: ApplicantInput; skipped: SkippedField[] } {
  const applicant = structuredClone(input) as ApplicantInput & Record<string, unknown>;
  const skipped: SkippedField[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const result = compiledApplicantSchema.safeParse(applicant);
    if (result.success) return { applicant, skipped };
    const removals: Path[] = [];
    for (const issue of result.error.issues) {
      const problems = describeIssues([issue]);
      if (issue.code === 'unrecognized_keys') {
        const base = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
        for (const key of issue.keys) removals.push([...base, key]);
      } else {
        const path = removalPath(applicant, issue);
        if (path.length === 0 || (path[0] === 'person' && (path.length === 1 || path[1] === 'legalName'))) {
          throw new UnmappableDeliveryError(
            `The candidate's name cannot be used: ${problems[0]?.path ?? 'person.legalName'} ${problems[0]?.message ?? 'is not valid'}`,
          );
        }
        removals.push(path);
      }
      for (const problem of problems) skipped.push({ field: problem.path, reason: problem.message });
    }
    // Deepest and last entries first, so that removing one does not shift the index of another.
    const unique = [...new Map(removals.map((path) => [JSON.stringify(path), path])).values()];
    unique.sort((a, b) => comparePaths(b, a));
    for (const path of unique) removeAt(applicant, path);
  }
  throw new UnmappableDeliveryError('The mapped applicant could not be brought into the applicant contract');
}
