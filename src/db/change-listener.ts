// Listens on PostgreSQL's `hfrc_cache_changed` channel with one dedicated connection (LISTEN needs a session of its
// own, never a pooled one), and tells each topic's handler when the table behind it changed. The channel is written
// by statement triggers (migration instance_sync), so every writer announces its change at its commit. After a lost
// connection it reconnects with backoff and calls every handler once, since notices sent meanwhile are gone.
import pg from 'pg';
import type { Logger } from '../logger';

export const CACHE_CHANGED_CHANNEL = 'hfrc_cache_changed';

/** What instances cache, each announced by the trigger on its table (the payload of a notice). */
export const cacheTopics = ['sanctions', 'known_addresses', 'webhook_sources', 'api_keys'] as const;
export type CacheTopic = (typeof cacheTopics)[number];

export const isCacheTopic = (value: string): value is CacheTopic => (cacheTopics as readonly string[]).includes(value);

export type TopicHandler = (topic: CacheTopic) => void;

export interface ChangeListenerOptions {
  connectionString: string;
  logger: Logger;
  onChange: TopicHandler;
  /** First wait before reconnecting; doubled up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export class ChangeListener {
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private isClosed = false;
  private failures = 0;
  private hasTried = false;
  private connected: Promise<void> | null = null;

  constructor(private readonly options: ChangeListenerOptions) {}

  /** Connects and LISTENs; resolves after the first attempt (a failed one is retried in the background). */
  start(): Promise<void> {
    this.connected ??= this.connect();
    return this.connected;
  }

  /** Whether the LISTEN connection is up now (for tests and health). */
  get isListening(): boolean {
    return this.client !== null;
  }

  /** The backend process id of the LISTEN connection, or null while it is down. */
  backendPid: number | null = null;

  async close(): Promise<void> {
    this.isClosed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.isClosed) return;
    const isFirstAttempt = !this.hasTried;
    this.hasTried = true;
    // Keep-alive probes after 10 s idle find a silently dropped connection; the 5 s heartbeat covers the gap meanwhile.
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: 'hfrc-listen',
      connectionTimeoutMillis: 3_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    // One handler for both: an error is followed by 'end', and a lost socket may only give 'end'.
    let isLost = false;
    const lost = (error?: unknown) => {
      if (isLost) return;
      isLost = true;
      if (this.client === client) this.client = null;
      this.backendPid = null;
      void client.end().catch(() => undefined);
      if (this.isClosed) return;
      this.options.logger.warn(
        { err: error },
        'lost the connection that listens for cache changes; reconnecting (polling covers the gap)',
      );
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel !== CACHE_CHANGED_CHANNEL || !message.payload || !isCacheTopic(message.payload)) return;
      this.options.onChange(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CACHE_CHANGED_CHANNEL}`);
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      if (this.isClosed || isLost) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.backendPid = rows[0]?.pid ?? null;
      this.failures = 0;
      // Anything may have changed while no one listened: every handler checks once.
      if (!isFirstAttempt) for (const topic of cacheTopics) this.options.onChange(topic);
    } catch (error) {
      if (!isLost) lost(error);
    }
  }

  private scheduleReconnect(): void {
    if (this.isClosed || this.timer) return;
    const min = this.options.minBackoffMs ?? 500;
    const delay = Math.min(this.options.maxBackoffMs ?? 30_000, min * 2 ** this.failures);
    this.failures += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
    this.timer.unref();
  }
}
