// CSV columns of the applicant contract: a header names fields by dotted path ("person.legalName",
// "sessions.0.ip"); a row becomes the JSON object the API would receive (docs/operations.md, "CSV columns").
import { z } from 'zod';
import { applicantSchema } from '../applicants/applicant-schema';
import type { FieldProblem } from '../errors';

type JsonSchema = {
  type?: string | string[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
};

export type ColumnKind = 'text' | 'number' | 'boolean' | 'list';

export interface Column {
  index: number;
  name: string;
  /** Path segments; numbers are positions in a list of objects. */
  path: (string | number)[];
  kind: ColumnKind;
}

export class ColumnError extends Error {}

// The contract's input shape, from the same zod schema the API validates with (never a hand-written copy).
let contract: JsonSchema | undefined;
function contractSchema(): JsonSchema {
  contract ??= z.toJSONSchema(applicantSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return contract;
}

// Nullable fields are "anyOf [X, null]" or "type [X, null]": X is what a cell fills.
function unwrap(schema: JsonSchema): JsonSchema {
  if (schema.anyOf) {
    const other = schema.anyOf.filter((option) => option.type !== 'null');
    if (other.length === 1) return unwrap(other[0]!);
  }
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((type) => type !== 'null');
    if (types.length === 1) return { ...schema, type: types[0] };
  }
  return schema;
}

function typeOf(schema: JsonSchema): string | undefined {
  return typeof schema.type === 'string' ? schema.type : undefined;
}

function resolveColumn(name: string, index: number): Column {
  const segments = name.split('.');
  const path: (string | number)[] = [];
  let schema = unwrap(contractSchema());
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const type = typeOf(schema);
    if (type === 'object' && schema.properties && Object.hasOwn(schema.properties, segment)) {
      schema = unwrap(schema.properties[segment]!);
      path.push(segment);
    } else if (
      type === 'array' &&
      schema.items &&
      typeOf(unwrap(schema.items)) === 'object' &&
      /^(0|[1-9]\d{0,2})$/.test(segment)
    ) {
      schema = unwrap(schema.items);
      path.push(Number(segment));
    } else {
      const where = path.length ? `"${path.join('.')}" has no field "${segment}"` : `"${segment}" is not a field`;
      const hint =
        type === 'array'
          ? ` (a list of objects takes a position: ${[...path, 0, ...segments.slice(i)].join('.')})`
          : '';
      throw new ColumnError(`column ${index + 1} "${name}": ${where} of the applicant contract${hint}`);
    }
  }
  const type = typeOf(schema);
  if (type === 'array') {
    if (schema.items && typeOf(unwrap(schema.items)) === 'object') {
      throw new ColumnError(
        `column ${index + 1} "${name}": a list of objects takes one column per field and position, e.g. "${name}.0.…"`,
      );
    }
    return { index, name, path, kind: 'list' };
  }
  if (type === 'object')
    throw new ColumnError(
      `column ${index + 1} "${name}": an object takes one column per field, e.g. "${name}.${Object.keys(schema.properties ?? {})[0] ?? '…'}"`,
    );
  return {
    index,
    name,
    path,
    kind: type === 'number' || type === 'integer' ? 'number' : type === 'boolean' ? 'boolean' : 'text',
  };
}

/** The columns of a header row; a ColumnError names the first column that is not a field. */
export function readHeader(fields: string[]): Column[] {
  const seen = new Set<string>();
  return fields.map((raw, index) => {
    const name = raw.trim();
    if (!name) throw new ColumnError(`column ${index + 1} has no name`);
    if (seen.has(name)) throw new ColumnError(`column ${index + 1} "${name}" appears twice`);
    seen.add(name);
    return resolveColumn(name, index);
  });
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

// A cell that does not read as its type is passed on as text, so that validation names the field and what it expects.
function cellValue(column: Column, cell: string): unknown {
  const trimmed = cell.trim();
  switch (column.kind) {
    case 'number':
      return NUMBER.test(trimmed) ? Number(trimmed) : cell;
    case 'boolean':
      return TRUE.has(trimmed.toLowerCase()) ? true : FALSE.has(trimmed.toLowerCase()) ? false : cell;
    case 'list':
      return cell
        .split(';')
        .map((item) => item.trim())
        .filter(Boolean);
    default:
      return cell;
  }
}

function assign(target: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let node: Record<string | number, unknown> = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    node[key] ??= typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[path.at(-1)!] = value;
}

/**
 * One row as the applicant object the API would receive: empty cells are left out; lists of objects are
 * as long as their highest filled position. A row with another number of cells than the header is a problem.
 */
export function rowToApplicant(
  columns: Column[],
  fields: string[],
): { value: Record<string, unknown> } | { problems: FieldProblem[] } {
  if (fields.length !== columns.length) {
    return {
      problems: [
        { path: '(row)', message: `has ${fields.length} cell(s) where the header has ${columns.length} column(s)` },
      ],
    };
  }
  const value: Record<string, unknown> = {};
  for (const column of columns) {
    const cell = fields[column.index]!;
    if (cell.trim() === '') continue;
    assign(value, column.path, cellValue(column, cell));
  }
  return { value };
}
