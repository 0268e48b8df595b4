// The work behind `sanctions update`: download OFAC's current files, then import them unless nothing changed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OutboundClient } from '../outbound/outbound-client';
import {
  importOfacDirectories,
  SanctionsCommandError,
  sha256,
  type ImportOptions,
  type ImportOutcome,
} from './import-command';
import type { SanctionsFileRecord, SanctionsStore, SanctionsVersionInfo } from './sanctions-store';

export const DEFAULT_OFAC_URL = 'https://www.treasury.gov/ofac/downloads/';
export const OFAC_SDN_FILES = ['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv'];
export const OFAC_CONSOLIDATED_FILES = ['cons_prim.csv', 'cons_alt.csv', 'cons_add.csv', 'cons_comments.csv'];

export interface DownloadOptions {
  baseUrl?: string;
  /** The outbound URL policy (OUTBOUND_ALLOW_HOSTS); default: public addresses only. */
  outbound?: OutboundClient;
  /** Also the consolidated (non-SDN) list, from `<base>consolidated/`. */
  consolidated?: boolean;
  /** Per file; default 60 s. */
  timeoutMs?: number;
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') return 'timed out';
  return cause?.message ?? cause?.code ?? (error as Error).message;
}

/** Downloads OFAC's files into a new temporary directory; every file must arrive whole, or nothing is kept. */
export async function downloadOfacFiles(
  options: DownloadOptions = {},
): Promise<{ directories: string[]; cleanup: () => void }> {
  const base = new URL(options.baseUrl ?? DEFAULT_OFAC_URL);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const timeoutMs = options.timeoutMs ?? 60_000;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hfrc-ofac-'));
  const cleanup = () => fs.rmSync(root, { recursive: true, force: true });
  const wanted: Array<{ url: URL; file: string }> = OFAC_SDN_FILES.map((file) => ({
    url: new URL(file, base),
    file: path.join(root, 'sdn', file),
  }));
  if (options.consolidated)
    wanted.push(
      ...OFAC_CONSOLIDATED_FILES.map((file) => ({
        url: new URL(`consolidated/${file}`, base),
        file: path.join(root, 'consolidated', file),
      })),
    );
  try {
    for (const { url, file } of wanted) {
      let response: Response;
      let body: Buffer;
      try {
        // Each redirect is checked against the policy like the first URL.
        response = await (options.outbound ?? new OutboundClient()).fetch(url, {
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'follow',
        });
        body = Buffer.from(await response.arrayBuffer());
      } catch (error) {
        throw new SanctionsCommandError(
          `cannot download ${url.href}: ${describeFetchError(error)}. Is the network (or OFAC) reachable from here? Nothing was imported; the active list is unchanged`,
          1,
        );
      }
      if (!response.ok)
        throw new SanctionsCommandError(
          `cannot download ${url.href}: HTTP ${response.status}. Nothing was imported; the active list is unchanged`,
          1,
        );
      if (body.length === 0)
        throw new SanctionsCommandError(`${url.href} is empty. Nothing was imported; the active list is unchanged`, 1);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, body);
    }
  } catch (error) {
    cleanup();
    throw error;
  }
  const directories = [path.join(root, 'sdn'), ...(options.consolidated ? [path.join(root, 'consolidated')] : [])];
  return { directories, cleanup };
}

export type UpdateOutcome =
  { isUnchanged: true; version: SanctionsVersionInfo } | ({ isUnchanged: false } & ImportOutcome);

const fileKey = (files: SanctionsFileRecord[]) =>
  files
    .map((file) => `${path.basename(file.name)}=${file.sha256}`)
    .sort()
    .join(',');

/**
 * Downloads OFAC's current files and imports them as a new active version, unless the active version was made
 * from byte-identical files (then nothing changes; `force` imports anyway).
 */
export async function updateFromOfac(
  store: SanctionsStore,
  options: DownloadOptions & ImportOptions,
): Promise<UpdateOutcome> {
  const base = options.baseUrl ?? DEFAULT_OFAC_URL;
  const downloaded = await downloadOfacFiles(options);
  try {
    const active = await store.activeVersion();
    if (active && !options.force) {
      const parsedFiles = downloaded.directories.flatMap((directory) =>
        fs
          .readdirSync(directory)
          .map((name) => ({ name, ...sha256(path.join(directory, name)), rows: 0, used: 0, rejected: 0, problems: 0 })),
      );
      if (fileKey(parsedFiles) === fileKey(active.files)) return { isUnchanged: true, version: active };
    }
    const outcome = await importOfacDirectories(store, downloaded.directories, {
      ...options,
      source: options.source ?? `download from ${base}`,
    });
    return { isUnchanged: false, ...outcome };
  } finally {
    downloaded.cleanup();
  }
}
