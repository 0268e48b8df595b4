// The sanctions index a running instance screens against: built from the active list version in PostgreSQL,
// or from the built-in DPRK list while none is imported. A timer polls the active version's id and reloads in
// the background when it changes, so running instances pick up `sanctions import`/`update` without restart.
import type { Logger } from '../logger';
import { builtInSanctionsEntries } from './builtin-list';
import { loadActiveVersion, type ActiveSanctions, type ActiveVersionSource } from './load-active-version';
import { SanctionsIndex } from './sanctions-index';
import type { SanctionsEntry } from './types';

export type { ActiveSanctions, ActiveSanctionsVersion } from './load-active-version';

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
  /** The list versions (a SanctionsStore). */
  store: ActiveVersionSource;
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

/** Runs `tick` every `intervalMs` after the previous tick settled, until stopped; 0 never runs it. */
function pollEvery(intervalMs: number, tick: () => Promise<unknown>): { start(): void; stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let isStopped = false;
  const schedule = () => {
    if (isStopped || intervalMs <= 0) return;
    timer = setTimeout(() => {
      timer = null;
      void tick().finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  return {
    start: schedule,
    stop() {
      isStopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/** The listeners told of a switch to another version; one failing is logged and never stops the others. */
function versionListeners(logger: Logger) {
  const listeners = new Set<SanctionsVersionListener>();
  return {
    add(listener: SanctionsVersionListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify(next: ActiveSanctions, previous: ActiveSanctions): void {
      for (const listener of listeners) {
        Promise.resolve()
          .then(() => listener(next, previous))
          .catch((error: unknown) =>
            logger.error({ err: error, versionId: next.version.id }, 'sanctions list version listener failed'),
          );
      }
    },
  };
}

function builtInSanctions(entries: SanctionsEntry[]): ActiveSanctions {
  return {
    index: SanctionsIndex.build(entries),
    version: { id: null, importedAt: null, entryCount: entries.length, isBuiltIn: true },
  };
}

/**
 * Starts with the built-in list and loads the active version in the background at once; `await list.ready()`
 * before serving to start with the full list.
 */
export function createActiveSanctionsList(options: ActiveSanctionsListOptions): ActiveSanctionsList {
  const { logger } = options;
  const builtIn = builtInSanctions([...(options.builtInEntries ?? builtInSanctionsEntries)]);
  const listeners = versionListeners(logger);
  let active = builtIn;
  let inFlight: Promise<ActiveSanctions> | null = null;
  let isClosed = false;

  const reload = async (): Promise<ActiveSanctions> => {
    const next = await loadActiveVersion(options.store, active, builtIn, logger);
    if (next !== active && !isClosed) {
      const previous = active;
      active = next;
      listeners.notify(next, previous);
    }
    return active;
  };
  // Concurrent calls share one reload.
  const refresh = (): Promise<ActiveSanctions> => (inFlight ??= reload().finally(() => (inFlight = null)));
  const poller = pollEvery(options.pollIntervalMs ?? DEFAULT_SANCTIONS_POLL_MS, () =>
    refresh().catch((error: unknown) =>
      logger.warn({ err: error }, 'could not check the active sanctions list version; keeping the current one'),
    ),
  );

  let first: Promise<void> | null = null;
  const start = (): Promise<void> => {
    if (!first) {
      first = refresh().then(
        () => undefined,
        (error: unknown) =>
          logger.warn(
            { err: error },
            'could not load the active sanctions list version; screening against the built-in list for now',
          ),
      );
      void first.finally(() => poller.start());
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
    onVersionChange: (listener) => listeners.add(listener),
    health: () => sanctionsListHealth({ current }),
    async close() {
      isClosed = true;
      poller.stop();
      await inFlight?.catch(() => undefined);
    },
  };
}
