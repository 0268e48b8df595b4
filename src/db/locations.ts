// Where the schema and migrations live, whether run from src/ (tsx, Jest) or dist/src/ (compiled).
import fs from 'node:fs';
import path from 'node:path';
import type { MigrationsLocation } from './schema-engine';

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'prisma', 'schema.prisma'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`prisma/schema.prisma not found above ${start}`);
  }
}

export const projectRoot = findProjectRoot(__dirname);

export const migrationsLocation: MigrationsLocation = {
  schemaPath: path.join(projectRoot, 'prisma', 'schema.prisma'),
  migrationsDir: path.join(projectRoot, 'prisma', 'migrations'),
};
