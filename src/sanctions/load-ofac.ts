// Reads OFAC CSV directories from disk (the only file I/O of the sanctions core) and merges them into entries.
import fs from 'node:fs';
import path from 'node:path';
import { mergeOfacSources } from './ofac-merge';
import {
  parseOfacSource,
  type OfacFileRole,
  type OfacListName,
  type OfacLoadResult,
  type OfacProblem,
  type OfacSource,
  type OfacSourceFiles,
} from './ofac-csv';

// OFAC's names (sdn.csv, cons_prim.csv, ...) and copies with a suffix (sdn_dprk_excerpt.csv, alt_2025.csv).
function roleOf(fileName: string): { role: OfacFileRole; list: OfacListName } | null {
  const name = fileName.toLowerCase();
  if (!name.endsWith('.csv')) return null;
  const list: OfacListName = name.startsWith('cons_') ? 'CONS' : 'SDN';
  const bare = list === 'CONS' ? name.slice('cons_'.length) : name;
  if (/^(sdn_)?comments/.test(bare)) return { role: 'comments', list };
  if (bare.startsWith('sdn') || bare.startsWith('prim')) return { role: 'primary', list };
  if (bare.startsWith('alt')) return { role: 'alt', list };
  if (bare.startsWith('add')) return { role: 'add', list };
  return null;
}

/**
 * Parses one directory of OFAC CSVs. A directory may hold SDN files, consolidated (cons_*) files or both;
 * each list becomes its own source. Two files for the same role are a problem (the first is used).
 */
export function readOfacDirectory(directory: string): { sources: OfacSource[]; problems: OfacProblem[] } {
  const byList = new Map<OfacListName, OfacSourceFiles>();
  const problems: OfacProblem[] = [];
  for (const fileName of fs.readdirSync(directory).sort()) {
    const found = roleOf(fileName);
    if (!found) continue;
    const files = byList.get(found.list) ?? {};
    byList.set(found.list, files);
    const label = `${path.basename(directory)}/${fileName}`;
    const existing = files[found.role];
    if (existing) {
      problems.push({
        file: label,
        line: 0,
        reason: `a second ${found.role} file in the directory (${existing.name} is used)`,
      });
      continue;
    }
    files[found.role] = { name: label, text: fs.readFileSync(path.join(directory, fileName), 'utf8') };
  }
  const sources = [...byList.entries()].map(([list, files]) =>
    parseOfacSource(files, list, `${path.basename(directory)} (${list})`),
  );
  return { sources, problems };
}

/** Loads and merges several OFAC directories, later ones adding to (or replacing rows of) earlier ones. */
export function loadOfacDirectories(directories: string[]): OfacLoadResult {
  const read = directories.map(readOfacDirectory);
  const merged = mergeOfacSources(read.flatMap((one) => one.sources));
  const directoryProblems = read.flatMap((one) => one.problems);
  return {
    ...merged,
    problems: [...directoryProblems, ...merged.problems],
    stats: { ...merged.stats, problems: merged.stats.problems + directoryProblems.length },
  };
}
