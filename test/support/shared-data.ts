// Public data kept beside the repository (../shared/data), never inside it. Tests that read it say so in their titles and
// skip with a notice when it is absent (a clone without ../shared), instead of failing on a missing file.
import fs from 'node:fs';
import path from 'node:path';

export const SHARED_DATA_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'data');

/** The OFAC directories under ../shared/data/ofac that together make the full lists, in the order they are merged. */
export const FULL_OFAC_DIRECTORIES = [
  'sdn-2024-05-03_jackdwyer',
  'tfidf-2025-12-24_moov-watchman',
  'alt-2026-03-01_ntamimii',
  'sdn-2026-04-23_excerpt_Sentinel-RAG',
  'cons_moov-watchman',
] as const;

export interface SharedData {
  /** Absolute path of ../shared/data/<folder>. */
  dir: string;
  present: boolean;
  /** A path inside the folder. */
  file: (...parts: string[]) => string;
}

const noticed = new Set<string>();

export function sharedData(folder: string): SharedData {
  const dir = path.join(SHARED_DATA_DIR, folder);
  const present = fs.existsSync(dir);
  if (!present && !noticed.has(dir)) {
    noticed.add(dir);
    console.warn(`Skipped: tests that read ${dir} need ../shared/data beside the repository (it is not here).`);
  }
  return { dir, present, file: (...parts) => path.join(dir, ...parts) };
}

/** A describe block over shared data: its title names the folder, and it is skipped when the folder is absent. */
export function describeWithSharedData(data: SharedData, title: string, body: () => void): void {
  (data.present ? describe : describe.skip)(`${title} [reads ../shared/data/${path.basename(data.dir)}]`, body);
}

/** beforeAll that only runs when the data is there (the describe blocks that need it are skipped otherwise). */
export function beforeAllWithSharedData(data: SharedData, fn: () => unknown, timeout?: number): void {
  if (data.present) beforeAll(fn as () => Promise<unknown>, timeout);
}
