// Joins several parsed OFAC sources into entries: primary rows by uid (a later edition replaces an earlier one), their
// alias and address rows deduplicated, remarks cut at 1,000 characters continued by their spill-over, and weak
// aliases read from the remarks.
import {
  makeUid,
  REMARKS_LIMIT,
  type Located,
  type MergeStats,
  type OfacListName,
  type OfacLoadResult,
  type OfacProblem,
  type OfacSource,
  type PrimaryRow,
} from './ofac-csv';
import { parseRemarks } from './remarks';
import type { SanctionsAddress, SanctionsAlias, SanctionsEntry } from './types';

interface Draft {
  primary: PrimaryRow;
  aliases: SanctionsAlias[];
  aliasKeys: Set<string>;
  altNums: Set<number>;
  addresses: SanctionsAddress[];
  addNums: Set<number>;
  spillover: string | null;
}

type Counts = Pick<MergeStats, 'replacedPrimaries' | 'duplicateRowsSkipped' | 'spilloversAppended'>;

// What the rows of one source are joined with, and where their problems and counts go.
interface Merging {
  drafts: Map<string, Draft>;
  problems: OfacProblem[];
  counts: Counts;
  /** The entry a row of `source` belongs to; reported as a problem when no source lists it. */
  draftOf(source: OfacSource, row: Located & { entNum: number }, what: string): Draft | null;
}

/**
 * Joins several parsed sources into entries. Sources are applied in order: a later primary row for the same
 * uid replaces the earlier one (newer edition), alias and address rows from every source are added to the
 * entry of their list and ent_num (deduplicated by alt_num / add_num), and spill-over remarks are appended
 * to remarks that were cut at 1,000 characters. SDN and consolidated ent_nums never mix: the uid carries the
 * list. Rows that point at an entry no source lists are reported, not used.
 */
export function mergeOfacSources(sources: OfacSource[]): OfacLoadResult {
  const problems: OfacProblem[] = sources.flatMap((source) => source.problems);
  const counts: Counts = { replacedPrimaries: 0, duplicateRowsSkipped: 0, spilloversAppended: 0 };
  const drafts = draftPrimaries(sources, counts);
  const merging: Merging = {
    drafts,
    problems,
    counts,
    draftOf(source, row, what) {
      const draft = drafts.get(makeUid(source.list, row.entNum));
      if (!draft)
        problems.push({
          file: row.file,
          line: row.line,
          reason: `${what} for ent_num ${row.entNum}, which no ${source.list === 'SDN' ? 'SDN' : 'consolidated-list'} file loaded here lists`,
        });
      return draft ?? null;
    },
  };
  for (const source of sources) {
    addAliases(merging, source);
    addAddresses(merging, source);
    appendSpillovers(merging, source);
  }
  const entries = [...drafts.entries()].map(([uid, draft]) => buildEntry(uid, draft));
  entries.sort((a, b) => (a.list === b.list ? a.entNum - b.entNum : a.list < b.list ? -1 : 1));
  return { entries, problems, stats: mergeStats(entries, counts, problems.length) };
}

// One draft per uid, from the last source that lists it.
function draftPrimaries(sources: OfacSource[], counts: Counts): Map<string, Draft> {
  const drafts = new Map<string, Draft>();
  for (const source of sources) {
    for (const primary of source.primaries) {
      const uid = makeUid(source.list, primary.entNum);
      const draft = drafts.get(uid);
      if (draft) {
        if (draft.primary.file !== primary.file) counts.replacedPrimaries += 1;
        draft.primary = primary;
      } else {
        drafts.set(uid, {
          primary,
          aliases: [],
          aliasKeys: new Set(),
          altNums: new Set(),
          addresses: [],
          addNums: new Set(),
          spillover: null,
        });
      }
    }
  }
  return drafts;
}

function addAliases({ draftOf, counts }: Merging, source: OfacSource): void {
  for (const row of source.aliases) {
    const draft = draftOf(source, row, 'alias row');
    if (!draft) continue;
    const key = `${row.kind}|${row.name.toUpperCase()}`;
    if (draft.altNums.has(row.altNum) || draft.aliasKeys.has(key)) {
      counts.duplicateRowsSkipped += 1;
      continue;
    }
    draft.altNums.add(row.altNum);
    draft.aliasKeys.add(key);
    draft.aliases.push({ name: row.name, isWeak: false, kind: row.kind });
  }
}

function addAddresses({ draftOf, counts }: Merging, source: OfacSource): void {
  for (const row of source.addresses) {
    const draft = draftOf(source, row, 'address row');
    if (!draft) continue;
    if (draft.addNums.has(row.addNum)) {
      counts.duplicateRowsSkipped += 1;
      continue;
    }
    draft.addNums.add(row.addNum);
    draft.addresses.push(row.address);
  }
}

function appendSpillovers({ draftOf, counts, problems }: Merging, source: OfacSource): void {
  for (const row of source.comments) {
    const draft = draftOf(source, row, 'spill-over remarks');
    if (!draft) continue;
    const remarksLength = draft.primary.remarks?.length ?? 0;
    if (remarksLength < REMARKS_LIMIT) {
      // A spill-over only continues remarks cut at the limit; otherwise it belongs to another edition of the list.
      problems.push({
        file: row.file,
        line: row.line,
        reason: `spill-over remarks for ent_num ${row.entNum}, whose remarks (${remarksLength} characters) were not cut at ${REMARKS_LIMIT}; not appended`,
      });
      continue;
    }
    if (draft.spillover != null) {
      counts.duplicateRowsSkipped += 1;
      continue;
    }
    if (!isSeamless(draft.primary.remarks!, row.text)) {
      // A comments file of another edition can continue different text ("Directive 3)" + "ive 2): ...").
      problems.push({
        file: row.file,
        line: row.line,
        reason: `spill-over remarks for ent_num ${row.entNum} do not continue its remarks ("...${draft.primary.remarks!.slice(-12)}" + "${row.text.slice(0, 12)}..."); not appended`,
      });
      continue;
    }
    draft.spillover = row.text;
    counts.spilloversAppended += 1;
  }
}

function mergeStats(entries: SanctionsEntry[], counts: Counts, problems: number): MergeStats {
  const byList: Record<OfacListName, number> = { SDN: 0, CONS: 0 };
  for (const entry of entries) byList[entry.list as OfacListName] += 1;
  return {
    entries: entries.length,
    byList,
    strongAliases: entries.reduce((sum, entry) => sum + entry.aliases.filter((alias) => !alias.isWeak).length, 0),
    weakAliases: entries.reduce((sum, entry) => sum + entry.aliases.filter((alias) => alias.isWeak).length, 0),
    addresses: entries.reduce((sum, entry) => sum + entry.addresses.length, 0),
    spilloversAppended: counts.spilloversAppended,
    replacedPrimaries: counts.replacedPrimaries,
    duplicateRowsSkipped: counts.duplicateRowsSkipped,
    problems,
  };
}

// OFAC cuts at exactly 1,000 characters, anywhere; but a closing ")", ";", "," or ":" is never followed by a letter.
function isSeamless(remarks: string, spillover: string): boolean {
  return !(/[);,:]$/.test(remarks) && /^[A-Za-z]/.test(spillover));
}

function buildEntry(uid: string, draft: Draft): SanctionsEntry {
  const { primary } = draft;
  // Spill-over text continues mid-word: concatenate with no separator.
  const joined = primary.remarks == null ? null : primary.remarks + (draft.spillover ?? '');
  const remarks = joined?.trim() ?? null;
  const parsed = parseRemarks(remarks);
  const aliases = [...draft.aliases];
  for (const weak of parsed.weakAliases) {
    const key = `${weak.kind}|${weak.name.toUpperCase()}`;
    if (draft.aliasKeys.has(key)) continue;
    draft.aliasKeys.add(key);
    aliases.push(weak);
  }
  return {
    uid,
    list: uid.startsWith('CONS-') ? 'CONS' : 'SDN',
    entNum: primary.entNum,
    name: primary.name,
    type: primary.type,
    programs: primary.programs,
    title: primary.title,
    aliases,
    addresses: draft.addresses,
    datesOfBirth: parsed.datesOfBirth,
    placesOfBirth: parsed.placesOfBirth,
    nationalities: parsed.nationalities,
    citizenships: parsed.citizenships,
    gender: parsed.gender,
    identifiers: parsed.identifiers,
    digitalCurrencyAddresses: parsed.digitalCurrencyAddresses,
    linkedTo: parsed.linkedTo,
    vessel: primary.vessel,
    remarks,
  };
}
