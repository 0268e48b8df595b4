// Keeps this instance's caches in step with the database within about a second: a notice on `hfrc_cache_changed`
// (ChangeListener) reloads the topic; a heartbeat every few seconds both tells the CLI this instance runs and catches
// any topic whose version moved past what was reloaded (a notice lost while the LISTEN connection was down). After each
// reload the instance records the topic's version it read BEFORE reloading, so a recorded version is always in use.
import crypto from 'node:crypto';
import os from 'node:os';
import { ChangeListener, cacheTopics, type CacheTopic } from '../db/change-listener';
import type { Logger } from '../logger';
import type { InstanceIdentity, InstanceStore } from './instance-store';

/** How often an instance reports that it runs, and checks the topic versions. */
export const HEARTBEAT_MS = 5_000;
/** An instance silent for longer than this is not waited for (three heartbeats missed). */
export const ALIVE_WITHIN_MS = 3 * HEARTBEAT_MS;

/** Per topic: make the next read see the database as it is now (reload, or forget a cache). */
export type CacheReloaders = Record<CacheTopic, () => Promise<unknown>>;

export interface InstanceSyncOptions {
  store: InstanceStore;
  connectionString: string;
  logger: Logger;
  kind: 'service' | 'worker';
  reloaders: CacheReloaders;
  /** The sanctions list version this instance screens with, reported for `sanctions status`. */
  sanctionsVersionId: () => string | null;
  heartbeatMs?: number;
}

export class InstanceSync {
  readonly identity: InstanceIdentity;
  private readonly store: InstanceStore;
  private readonly listener: ChangeListener;
  private readonly synced = new Map<CacheTopic, number>();
  // A topic being reloaded, and whether another notice came meanwhile (one more round then).
  private readonly running = new Map<CacheTopic, Promise<void>>();
  private readonly again = new Set<CacheTopic>();
  private timer: NodeJS.Timeout | null = null;
  private isClosed = false;

  constructor(private readonly options: InstanceSyncOptions) {
    this.identity = { id: crypto.randomUUID(), kind: options.kind, host: os.hostname(), pid: process.pid };
    this.store = options.store;
    this.listener = new ChangeListener({
      connectionString: options.connectionString,
      logger: options.logger,
      onChange: (topic) => this.changed(topic),
    });
  }

  /** Listens, announces the instance, and records every topic as reloaded now (the caches were loaded at start). */
  async start(): Promise<void> {
    await this.listener.start();
    await this.beat().catch((error: unknown) =>
      this.options.logger.warn({ err: error }, 'could not announce this instance'),
    );
    this.schedule();
  }

  /** The LISTEN connection's backend pid (tests cut it to prove the reconnect). */
  get listenerPid(): number | null {
    return this.listener.backendPid;
  }

  /** A topic changed: reload it (once more if it changes again while reloading), then record the version. */
  changed(topic: CacheTopic): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    const current = this.running.get(topic);
    if (current) {
      this.again.add(topic);
      return current;
    }
    const run = this.reloadUntilQuiet(topic).finally(() => this.running.delete(topic));
    this.running.set(topic, run);
    return run;
  }

  async close(): Promise<void> {
    this.isClosed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.listener.close();
    await Promise.allSettled(this.running.values());
    await this.store.remove(this.identity.id).catch(() => undefined);
  }

  private async reloadUntilQuiet(topic: CacheTopic): Promise<void> {
    do {
      this.again.delete(topic);
      try {
        // Read before reloading: whatever this version covers was committed before the reload reads.
        const version = await this.store.topicVersion(topic);
        await this.options.reloaders[topic]();
        if (this.isClosed) return;
        this.synced.set(topic, Math.max(version, this.synced.get(topic) ?? 0));
        await this.store.recordSynced(
          this.identity.id,
          topic,
          this.synced.get(topic)!,
          this.options.sanctionsVersionId(),
        );
        this.options.logger.debug({ topic, version }, 'cache reloaded after a change');
      } catch (error) {
        // The heartbeat sees the version still ahead and tries again.
        this.options.logger.warn(
          { err: error, topic },
          'could not reload a cache after a change; retrying at the next heartbeat',
        );
        return;
      }
    } while (this.again.has(topic) && !this.isClosed);
  }

  private async beat(): Promise<void> {
    const versions = await this.store.heartbeat(this.identity, this.options.sanctionsVersionId());
    const behind = cacheTopics.filter((topic) => (versions[topic] ?? 0) > (this.synced.get(topic) ?? -1));
    await Promise.all(behind.map((topic) => this.changed(topic)));
  }

  private schedule(): void {
    if (this.isClosed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.beat()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'instance heartbeat failed'))
        .finally(() => this.schedule());
    }, this.options.heartbeatMs ?? HEARTBEAT_MS);
    this.timer.unref();
  }
}
