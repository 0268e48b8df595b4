// Chooses the database: DATABASE_URL when configured, otherwise an embedded PostgreSQL under DATA_DIR.
import type { Config } from '../config';
import type { Logger } from '../logger';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface DatabaseHandle {
  url: string;
  isEmbedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(
  config: Config['database'],
  logger: Logger,
  role: 'service' | 'cli' = 'service',
): Promise<DatabaseHandle> {
  if (config.url) return { url: config.url, isEmbedded: false, close: async () => undefined };
  if (config.embedded.dataDirMovedBecause)
    logger.warn(
      { dataDir: config.embedded.dataDir, why: config.embedded.dataDirMovedBecause },
      'DATA_DIR is not set and ./.data is out of reach: keeping the data here (set DATA_DIR to choose)',
    );
  logger.info({ dataDir: config.embedded.dataDir }, 'DATABASE_URL is not set: using an embedded PostgreSQL');
  const embedded = await startEmbeddedPostgres({
    dataDir: config.embedded.dataDir,
    port: config.embedded.port,
    logger,
    isOwner: role === 'service',
  });
  return { url: embedded.url, isEmbedded: true, close: () => embedded.stop() };
}
