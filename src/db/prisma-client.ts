// Prisma Client factory: the generated client over node-postgres, no native engine needed.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type Db = PrismaClient;
export { Prisma } from '../generated/prisma/client';

export function createPrismaClient(connectionString: string, poolMax = 10): PrismaClient {
  const adapter = new PrismaPg({
    connectionString,
    max: poolMax,
    // Fail fast when the server is away so requests get a 503 instead of hanging.
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
}
