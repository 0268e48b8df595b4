// The candidate form's two conversions: posted form -> contract input (for parseApplicant), contract error path -> form
// field. The fields themselves are in applicant-form-fields.ts.
import type { FieldProblem } from '../errors';
import { toCountryCode } from '../sanctions/countries';
import { ALL_FIELDS, FORM_SECTIONS, type FormField } from './applicant-form-fields';

export {
  ALL_FIELDS,
  COUNTRY_CHOICES,
  FORM_SECTIONS,
  TIME_ZONES,
  type FieldKind,
  type FormField,
  type FormRowGroup,
  type FormSection,
} from './applicant-form-fields';

const FIELD_BY_NAME = new Map(ALL_FIELDS.map((field) => [field.name, field]));
const LISTS = FORM_SECTIONS.flatMap((section) => (section.groups ?? []).map((group) => group.list));

export type FormValues = Record<string, string>;

/** The posted values of the form's own fields (anything else is ignored), as typed. */
export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  const posted = (body ?? {}) as Record<string, unknown>;
  for (const field of ALL_FIELDS) {
    const value = posted[field.name];
    if (typeof value === 'string' && value.trim() !== '') values[field.name] = value;
  }
  return values;
}

// A value as the contract expects it; what cannot be converted is passed as typed, for the contract to name.
function convert(field: FormField, raw: string): unknown {
  const value = raw.trim();
  switch (field.kind) {
    case 'number':
    case 'integer': {
      const number = Number(value.replace(/,/g, ''));
      return value !== '' && Number.isFinite(number) ? number : value;
    }
    case 'yesno':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'country':
      // A name ("Germany") or a three-letter code ("USA") as people type them; the contract takes the two-letter code.
      return toCountryCode(value) ?? value;
    case 'lines':
      return raw
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
    case 'longtext':
      return raw;
    default:
      return value;
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  path.slice(0, -1).forEach((key) => {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  });
  node[path.at(-1)!] = value;
}

export interface ContractInput {
  input: Record<string, unknown>;
  /** For each list, the form row of each contract item (empty rows are left out, so item 1 may be row 2). */
  rowsOf: Record<string, number[]>;
}

/** The applicant as the contract expects it, from the form's values; empty rows and fields are left out. */
export function toContractInput(values: FormValues, source: string): ContractInput {
  const input: Record<string, unknown> = { source };
  const rows: Record<string, Map<number, Record<string, unknown>>> = {};
  for (const [name, raw] of Object.entries(values)) {
    const field = FIELD_BY_NAME.get(name);
    if (!field) continue;
    const [head, index, ...rest] = name.split('.');
    if (LISTS.includes(head!) && index !== undefined && /^\d+$/.test(index)) {
      const list = (rows[head!] ??= new Map());
      const row = list.get(Number(index)) ?? {};
      setPath(row, rest, convert(field, raw));
      list.set(Number(index), row);
      continue;
    }
    setPath(input, name.split('.'), convert(field, raw));
  }
  const rowsOf: Record<string, number[]> = {};
  for (const [list, items] of Object.entries(rows)) {
    const ordered = [...items.keys()].sort((a, b) => a - b);
    rowsOf[list] = ordered;
    input[list] = ordered.map((row) => items.get(row));
  }
  return { input, rowsOf };
}

/** The contract's message in the words of the form: no standards' names, the choices as the list shows them. */
export function plainMessage(field: FormField, message: string): string {
  if (field.kind === 'country' && /ISO|country code|one of/i.test(message)) return 'choose a country from the list';
  if (field.kind === 'timezone' && /IANA|time zone/i.test(message))
    return 'choose a time zone from the list, e.g. America/Chicago';
  if (field.kind === 'date' && /ISO|date/i.test(message)) return 'must be a real date: day, month and year';
  if ((field.kind === 'choice' || field.kind === 'yesno') && /one of|true or false/i.test(message)) {
    return `choose one of: ${(field.choices ?? [])
      .filter(([value]) => value !== '')
      .map(([, label]) => label)
      .join(', ')}`;
  }
  // Any other mention of a standard: the example the message gives is what people need.
  return message.replace(/\ban ISO 8601 /g, 'a ').replace(/ ?\(?(?:ISO 8601|ISO 3166-1 alpha-2|IANA)\)?/g, '');
}

/** The form field a contract error belongs to (undefined: shown only in the summary), with the message to show. */
export function fieldOfProblem(
  problem: FieldProblem,
  rowsOf: Record<string, number[]>,
): { name?: string; label: string; message: string } {
  let parts = problem.path.split('.');
  if (LISTS.includes(parts[0]!) && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const row = rowsOf[parts[0]!]?.[Number(parts[1])];
    if (row !== undefined) parts = [parts[0]!, String(row), ...parts.slice(2)];
  }
  // The deepest form field at or above the path: "person.otherNames.2" belongs to "person.otherNames".
  for (let length = parts.length; length > 0; length -= 1) {
    const name = parts.slice(0, length).join('.');
    const field = FIELD_BY_NAME.get(name);
    if (!field) continue;
    const item =
      length < parts.length && field.kind === 'lines' && /^\d+$/.test(parts[length]!)
        ? `line ${Number(parts[length]) + 1} `
        : '';
    return { name, label: field.label, message: `${item}${plainMessage(field, problem.message)}` };
  }
  return { label: problem.path, message: problem.message };
}
