// Loads the active list version from the store and builds its index, when it is not the one in use already.
import type { Logger } from '../logger';
import { SanctionsIndex } from './sanctions-index';
import type { SanctionsStore } from './sanctions-store';

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

export type ActiveVersionSource = Pick<SanctionsStore, 'activeVersionId' | 'version' | 'loadEntries'>;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `current` when its version is still the active one, `builtIn` when none is active, else the active version built. */
export async function loadActiveVersion(
  store: ActiveVersionSource,
  current: ActiveSanctions,
  builtIn: ActiveSanctions,
  logger: Logger,
): Promise<ActiveSanctions> {
  const activeId = await store.activeVersionId();
  if (activeId === current.version.id) return current;
  if (activeId == null) {
    logger.warn('no sanctions list version is active: screening against the built-in list');
    return builtIn;
  }
  const started = Date.now();
  const version = await store.version(activeId);
  const entries = await store.loadEntries(activeId);
  if (!version || entries.length === 0) throw new Error(`sanctions list version ${activeId} has no entries`);
  const loadedMs = Date.now() - started;
  // The build is CPU work on this thread; requests keep being served by the previous index until it is done.
  await yieldToEventLoop();
  const index = SanctionsIndex.build(entries);
  logger.info(
    {
      versionId: version.id,
      entries: entries.length,
      loadMs: loadedMs,
      buildMs: Date.now() - started - loadedMs,
      previousVersionId: current.version.id,
    },
    'sanctions list version loaded',
  );
  return {
    index,
    version: { id: version.id, importedAt: version.importedAt, entryCount: entries.length, isBuiltIn: false },
  };
}
