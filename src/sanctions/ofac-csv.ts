// Parses OFAC's legacy CSV files (sdn/alt/add/sdn_comments and the cons_* twins) into rows; ofac-merge.ts joins
// several sources into entries.
import { cleanValue, readCsvRecords, type CsvRecord } from './csv-records';
import type { AliasKind, EntryType, SanctionsAddress, SanctionsEntry, VesselDetails } from './types';

export type OfacListName = 'SDN' | 'CONS';
export type OfacFileRole = 'primary' | 'alt' | 'add' | 'comments';

/** One row that was not used, and why. Never thrown: loading goes on without the row. */
export interface OfacProblem {
  file: string;
  line: number;
  reason: string;
}

export interface OfacFileText {
  /** Name used in problem reports, e.g. "sdn.csv". */
  name: string;
  text: string;
}

export interface OfacSourceFiles {
  primary?: OfacFileText;
  alt?: OfacFileText;
  add?: OfacFileText;
  comments?: OfacFileText;
}

export interface Located {
  file: string;
  line: number;
}

export interface PrimaryRow extends Located {
  entNum: number;
  name: string;
  type: EntryType;
  programs: string[];
  title: string | null;
  vessel: VesselDetails | null;
  /** As in the file: at most 1,000 characters, continued in the comments file. */
  remarks: string | null;
}

export interface AliasRow extends Located {
  entNum: number;
  altNum: number;
  kind: AliasKind;
  name: string;
  remarks: string | null;
}

export interface AddressRow extends Located {
  entNum: number;
  addNum: number;
  address: SanctionsAddress;
}

export interface CommentRow extends Located {
  entNum: number;
  text: string;
}

export interface FileCount {
  rows: number;
  used: number;
  rejected: number;
}

/** One directory's worth of rows, not yet joined: alias/address rows may belong to another source's entries. */
export interface OfacSource {
  list: OfacListName;
  label: string;
  primaries: PrimaryRow[];
  aliases: AliasRow[];
  addresses: AddressRow[];
  comments: CommentRow[];
  problems: OfacProblem[];
  files: Record<string, FileCount>;
}

export interface MergeStats {
  entries: number;
  byList: Record<OfacListName, number>;
  strongAliases: number;
  weakAliases: number;
  addresses: number;
  spilloversAppended: number;
  /** Primary rows that replaced an earlier source's row for the same uid. */
  replacedPrimaries: number;
  duplicateRowsSkipped: number;
  problems: number;
}

export interface OfacLoadResult {
  entries: SanctionsEntry[];
  problems: OfacProblem[];
  stats: MergeStats;
}

/** OFAC truncates remarks at this length and continues them in sdn_comments.csv / cons_comments.csv. */
export const REMARKS_LIMIT = 1000;

const columnCounts: Record<OfacFileRole, number> = { primary: 12, alt: 5, add: 6, comments: 2 };
const sdnTypes: Record<string, EntryType> = {
  individual: 'individual',
  vessel: 'vessel',
  aircraft: 'aircraft',
  entity: 'entity',
};
const aliasKinds = new Set<AliasKind>(['aka', 'fka', 'nka']);

export function makeUid(list: OfacListName, entNum: number): string {
  return `${list}-${entNum}`;
}

/** Splits OFAC's Program column: several tags are written `DPRK3] [DPRK4` (the outer brackets removed). */
export function splitPrograms(value: string | null): string[] {
  if (value == null) return [];
  return value
    .split(/\]\s*\[/)
    .map((tag) => tag.replace(/^\[|\]$/g, '').trim())
    .filter((tag) => tag !== '');
}

/** Parses the files of one directory (any of them may be missing). Pure: the caller reads the files. */
export function parseOfacSource(files: OfacSourceFiles, list: OfacListName, label: string = list): OfacSource {
  const source: OfacSource = {
    list,
    label,
    primaries: [],
    aliases: [],
    addresses: [],
    comments: [],
    problems: [],
    files: {},
  };
  const roles: OfacFileRole[] = ['primary', 'alt', 'add', 'comments'];
  for (const role of roles) {
    const file = files[role];
    if (file) readFile(source, role, file);
  }
  return source;
}

function readFile(source: OfacSource, role: OfacFileRole, file: OfacFileText): void {
  const count: FileCount = { rows: 0, used: 0, rejected: 0 };
  source.files[file.name] = count;
  const seenPrimaries = new Map<number, number>();
  for (const record of readCsvRecords(file.text)) {
    count.rows += 1;
    const reject = (reason: string) => {
      count.rejected += 1;
      source.problems.push({ file: file.name, line: record.line, reason });
    };
    if (record.defect) {
      reject(`malformed CSV: ${record.defect}`);
      continue;
    }
    if (record.fields.length !== columnCounts[role]) {
      reject(`expected ${columnCounts[role]} fields, found ${record.fields.length}`);
      continue;
    }
    const entNum = readInteger(record.fields[0]);
    if (entNum == null) {
      reject(`ent_num ${JSON.stringify(record.fields[0]?.trim() ?? '')} is not a whole number`);
      continue;
    }
    const problem = readRow(source, role, file.name, record, entNum);
    if (problem) {
      reject(problem);
      continue;
    }
    if (role === 'primary') {
      const earlier = seenPrimaries.get(entNum);
      if (earlier != null)
        source.problems.push({
          file: file.name,
          line: record.line,
          reason: `duplicate ent_num ${entNum} (first on line ${earlier}); this row replaces it`,
        });
      else seenPrimaries.set(entNum, record.line);
    }
    count.used += 1;
  }
}

// Returns a reason when the row cannot be used.
function readRow(
  source: OfacSource,
  role: OfacFileRole,
  file: string,
  record: CsvRecord,
  entNum: number,
): string | null {
  const values = record.fields.map(cleanValue);
  const at = { file, line: record.line, entNum };
  switch (role) {
    case 'primary': {
      const name = values[1];
      if (name == null) return 'SDN_Name is empty';
      const rawType = values[2]?.toLowerCase() ?? 'entity';
      const type = sdnTypes[rawType];
      if (type === undefined) return `unknown SDN_Type ${JSON.stringify(values[2])}`;
      const vesselValues = values.slice(5, 11);
      const vessel = vesselValues.some((value) => value != null)
        ? {
            callSign: values[5] ?? null,
            vesselType: values[6] ?? null,
            tonnage: values[7] ?? null,
            grossRegisteredTonnage: values[8] ?? null,
            flag: values[9] ?? null,
            owner: values[10] ?? null,
          }
        : null;
      // Remarks are kept untrimmed in length terms: a truncated one is exactly REMARKS_LIMIT characters long.
      const rawRemarks = record.fields[11] ?? '';
      const remarks = cleanValue(rawRemarks) == null ? null : rawRemarks.replace(/^\s+/, '');
      source.primaries.push({
        ...at,
        name,
        type,
        programs: splitPrograms(values[3] ?? null),
        title: values[4] ?? null,
        vessel,
        remarks,
      });
      return null;
    }
    case 'alt': {
      const altNum = readInteger(record.fields[1]);
      if (altNum == null) return 'alt_num is not a whole number';
      const name = values[3];
      if (name == null) return 'alt_name is empty';
      const rawKind = (values[2] ?? 'aka').toLowerCase().replace(/\./g, '') as AliasKind;
      if (!aliasKinds.has(rawKind)) return `unknown alt_type ${JSON.stringify(values[2])}`;
      source.aliases.push({ ...at, altNum, kind: rawKind, name, remarks: values[4] ?? null });
      return null;
    }
    case 'add': {
      const addNum = readInteger(record.fields[1]);
      if (addNum == null) return 'Add_num is not a whole number';
      source.addresses.push({
        ...at,
        addNum,
        address: {
          address: values[2] ?? null,
          city: values[3] ?? null,
          country: values[4] ?? null,
          remarks: values[5] ?? null,
        },
      });
      return null;
    }
    case 'comments': {
      // The spill-over continues mid-word, so only OFAC's null marker is removed, not surrounding text.
      const raw = record.fields[1] ?? '';
      if (cleanValue(raw) == null) return 'Remarks_Extended is empty';
      source.comments.push({ ...at, text: raw.replace(/\s+$/, '') });
      return null;
    }
  }
}

function readInteger(raw: string | undefined): number | null {
  const value = raw?.trim() ?? '';
  return /^\d{1,10}$/.test(value) ? Number(value) : null;
}
