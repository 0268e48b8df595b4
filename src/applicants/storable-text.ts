// Text PostgreSQL cannot store: NUL in text columns, an unpaired surrogate in JSONB.

/** What makes a string unstorable in PostgreSQL (NUL in text, an unpaired surrogate in JSONB), or null. */
export function unstorableTextProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  // With the u flag a surrogate pair is one code point: \p{Cs} matches only an unpaired half.
  return /\p{Cs}/u.test(value) ? 'must be valid Unicode text (it has an unpaired surrogate)' : null;
}

// Any surrogate half, paired or not: with the NUL test, a quick check that lets plain text skip the exact one.
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/** Every string in `value` that PostgreSQL cannot store, with its path and what is wrong with it. */
export function unstorableStrings(value: unknown): [(string | number)[], string][] {
  const found: [(string | number)[], string][] = [];
  // One path stack for the whole walk, copied only for a problem: every request's every string passes here.
  const path: (string | number)[] = [];
  const visit = (item: unknown) => {
    if (typeof item === 'string') {
      const problem = item.includes('\u0000') || ANY_SURROGATE.test(item) ? unstorableTextProblem(item) : null;
      if (problem) found.push([[...path], problem]);
    } else if (Array.isArray(item)) {
      for (let index = 0; index < item.length; index++) {
        path.push(index);
        visit(item[index]);
        path.pop();
      }
    } else if (item !== null && typeof item === 'object') {
      for (const key of Object.keys(item)) {
        path.push(key);
        visit((item as Record<string, unknown>)[key]);
        path.pop();
      }
    }
  };
  visit(value);
  return found;
}
