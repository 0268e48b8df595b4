// The sanctions index a running instance screens against: built from the active list version in PostgreSQL,
// or from the built-in DPRK list while none is imported. A timer polls the active version's id and reloads in
// the background when it changes, so running instances pick up `sanctions import`/`update` without restart.
import type pg from 'pg';
import type { Logger } from '../logger';
import { builtInSanctionsEntries } from './builtin-list';
import { SanctionsIndex } from './sanctions-index';
import { SanctionsStore } from './sanctions-store';
import type { SanctionsEntry } from './types';

export interface ActiveSanctionsVersion {
  /** The list version's id; null for the built-in list. */
  id: string | null;
  importedAt: Date | null;
  entryCount: number;
  isBuiltIn: boolean;
}

export interface ActiveSanctions {
  index: SanctionsIndex;
  version: ActiveSanctionsVersion;
}

export type SanctionsVersionListener = (next: ActiveSanctions, previous: ActiveSanctions) => void | Promise<void>;

/** What the readiness check reports about the sanctions list. */
export interface SanctionsListHealth {
  list: 'full' | 'built-in';
  versionId: string | null;
  /** ISO 8601, null for the built-in list. */
  importedAt: string | null;
  entries: number;
}

export interface ActiveSanctionsList {
  /** The index to screen with now; never blocks (while a new version loads, the previous one answers). */
  current(): ActiveSanctions;
  /** Resolves once the first load from the database has been tried (the built-in list answers until then). */
  ready(): Promise<void>;
  /** Checks the active version now and reloads when it changed; concurrent calls share one reload. */
  refresh(): Promise<ActiveSanctions>;
  /** Like refresh(), but never shares a check that started before this call (after a change notice). */
  reload(): Promise<ActiveSanctions>;
  /** Called after the index switched to another version (for continuous re-screening). Returns an unsubscribe. */
  onVersionChange(listener: SanctionsVersionListener): () => void;
  /** The readiness report: full list or built-in only, with the version. */
  health(): SanctionsListHealth;
  /** Stops polling; a reload in progress finishes but is not installed. */
  close(): Promise<void>;
}

export interface ActiveSanctionsListOptions {
  pool: pg.Pool;
  logger: Logger;
  /** How often to check which version is active; default 30 s; 0 turns polling off (refresh() still works). */
  pollIntervalMs?: number;
  /** Entries used while no version is imported; default the built-in DPRK IT-worker list. */
  builtInEntries?: readonly SanctionsEntry[];
  /** false: load the active version (and start polling) only on the first ready() or refresh(); default true. */
  loadOnStart?: boolean;
}

export const DEFAULT_SANCTIONS_POLL_MS = 30_000;

/** The readiness function: `{ list: 'full' | 'built-in', versionId, importedAt, entries }`. */
export function sanctionsListHealth(list: Pick<ActiveSanctionsList, 'current'>): SanctionsListHealth {
  const { version } = list.current();
  return {
    list: version.isBuiltIn ? 'built-in' : 'full',
    versionId: version.id,
    importedAt: version.importedAt ? version.importedAt.toISOString() : null,
    entries: version.entryCount,
  };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Starts with the built-in list and loads the active version in the background at once; `await list.ready()`
 * before serving to start with the full list.
 */
export function createActiveSanctionsList(options: ActiveSanctionsListOptions): ActiveSanctionsList {
  const { logger } = options;
  const store = new SanctionsStore(options.pool);
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_SANCTIONS_POLL_MS;
  const builtInEntries = [...(options.builtInEntries ?? builtInSanctionsEntries)];
  const builtIn: ActiveSanctions = {
    index: SanctionsIndex.build(builtInEntries),
    version: { id: null, importedAt: null, entryCount: builtInEntries.length, isBuiltIn: true },
  };
  let active = builtIn;
  let inFlight: Promise<ActiveSanctions> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let isClosed = false;
  const listeners = new Set<SanctionsVersionListener>();

  const install = (next: ActiveSanctions) => {
    const previous = active;
    active = next;
    for (const listener of listeners) {
      Promise.resolve()
        .then(() => listener(next, previous))
        .catch((error: unknown) => logger.error({ err: error, versionId: next.version.id }, 'sanctions list version listener failed'));
    }
  };

  const reload = async (): Promise<ActiveSanctions> => {
    const activeId = await store.activeVersionId();
    if (activeId === active.version.id) return active;
    if (activeId == null) {
      logger.warn('no sanctions list version is active: screening against the built-in list');
      if (!isClosed) install(builtIn);
      return active;
    }
    const started = Date.now();
    const version = await store.version(activeId);
    const entries = await store.loadEntries(activeId);
    if (!version || entries.length === 0) throw new Error(`sanctions list version ${activeId} has no entries`);
    const loadedMs = Date.now() - started;
    // The build is CPU work on this thread; requests keep being served by the previous index until it is done.
    await yieldToEventLoop();
    const index = SanctionsIndex.build(entries);
    const next: ActiveSanctions = { index, version: { id: version.id, importedAt: version.importedAt, entryCount: entries.length, isBuiltIn: false } };
    logger.info({ versionId: version.id, entries: entries.length, loadMs: loadedMs, buildMs: Date.now() - started - loadedMs, previousVersionId: active.version.id }, 'sanctions list version loaded');
    if (!isClosed) install(next);
    return active;
  };

  const refresh = (): Promise<ActiveSanctions> => {
    if (!inFlight) {
      inFlight = reload().finally(() => {
        inFlight = null;
      });
    }
    return inFlight;
  };

  const schedule = () => {
    if (isClosed || pollIntervalMs <= 0) return;
    timer = setTimeout(() => {
      timer = null;
      refresh()
        .catch((error: unknown) => logger.warn({ err: error }, 'could not check the active sanctions list version; keeping the current one'))
        .finally(schedule);
    }, pollIntervalMs);
    timer.unref();
  };

  let first: Promise<void> | null = null;
  const start = (): Promise<void> => {
    if (!first) {
      first = refresh().then(
        () => undefined,
        (error: unknown) => logger.warn({ err: error }, 'could not load the active sanctions list version; screening against the built-in list for now'),
      );
      void first.finally(schedule);
    }
    return first;
  };
  // A command that never screens (an API key, a migration) should not load and index the whole list.
  if (options.loadOnStart ?? true) void start();

  const current = () => active;
  return {
    current,
    ready: start,
    refresh,
    async reload() {
      await inFlight?.catch(() => undefined);
      return refresh();
    },
    onVersionChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    health: () => sanctionsListHealth({ current }),
    async close() {
      isClosed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await inFlight?.catch(() => undefined);
    },
  };
}
