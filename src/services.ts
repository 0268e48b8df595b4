// Builds the services every entry point (HTTP, CLI, tests, benchmarks) shares, over one Prisma client.
import { ApiKeyService } from './auth/api-keys';
import { CaseRepository } from './cases/case-repository';
import { ScreeningStore } from './cases/screening-store';
import { migrationsLocation } from './db/locations';
import { createPrismaClient, type Db } from './db/prisma-client';
import { createReadinessCheck } from './db/readiness';
import type { AppServices } from './http/app';
import type { Config } from './config';
import { ScreeningService } from './screening/screen-applicant';
import { createScorer } from './screening/scorer';

export interface Services extends AppServices {
  db: Db;
  close(): Promise<void>;
}

export function createServices(databaseUrl: string, options: { poolMax?: number; scoring?: Config['scoring'] } = {}): Services {
  const db = createPrismaClient(databaseUrl, options.poolMax);
  return {
    db,
    screening: new ScreeningService(new ScreeningStore(db), createScorer(options.scoring)),
    cases: new CaseRepository(db),
    apiKeys: new ApiKeyService(db),
    checkReadiness: createReadinessCheck(db, migrationsLocation.migrationsDir),
    close: () => db.$disconnect(),
  };
}
