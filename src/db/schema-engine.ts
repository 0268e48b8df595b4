// The only user of Prisma's WebAssembly schema engine: applies migrations and diffs schemas, fully offline.
import fs from 'node:fs';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

type EngineModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');
type Engine = Awaited<ReturnType<EngineModule['SchemaEngine']['new']>>;

// @types/node 20 has no WebAssembly typings; this is the little of it used here.
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, unknown>) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const filters = { externalTables: [] as string[], externalEnums: [] as string[] };
let loaded: EngineModule | undefined;

// The package's entry imports a .wasm file as an ES module (needs a Node flag); instantiating the
// wasm-bindgen glue ourselves works on plain Node >= 20.19 and inside Jest.
function loadEngineModule(): EngineModule {
  if (loaded) return loaded;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const glue = require('@prisma/schema-engine-wasm/schema_engine_bg') as EngineModule & {
    __wbg_set_wasm(exports: Record<string, unknown>): void;
  };
  const wasmFile = path.join(
    path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')),
    'schema_engine_bg.wasm',
  );
  // The engine leaves 10 s timers behind after each command; unref'd, they no longer keep a CLI or test run alive.
  const imports: Record<string, unknown> = { ...glue };
  for (const name of Object.keys(glue).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    const schedule = (glue as unknown as Record<string, (...args: unknown[]) => NodeJS.Timeout>)[name]!;
    imports[name] = (...args: unknown[]) => schedule(...args).unref();
  }
  const instance = new wasmApi.Instance(new wasmApi.Module(fs.readFileSync(wasmFile)), {
    './schema_engine_bg.js': imports,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  loaded = glue;
  return glue;
}

interface ScriptAdapter {
  client: { query(sql: string): Promise<unknown> };
  onError(error: unknown): never;
  executeScript(script: string): Promise<void>;
}

// @prisma/adapter-pg 7.10 runs a migration script by splitting it on every ";", which breaks
// dollar-quoted function bodies (our append-only trigger) and is not atomic. Sending the whole
// script as one simple query is what the native engine does: all statements or none.
function runScriptsWhole(factory: PrismaPg, opened: { dispose(): Promise<void> }[]): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = (await connect()) as unknown as ScriptAdapter & { dispose(): Promise<void> };
    opened.push(adapter);
    adapter.executeScript = async function (this: ScriptAdapter, script: string) {
      try {
        await this.client.query(script);
      } catch (error) {
        this.onError(error);
      }
    };
    return adapter as unknown as Awaited<ReturnType<PrismaPg['connect']>>;
  };
  return factory;
}

async function withEngine<T>(
  connectionString: string,
  schemaPath: string,
  run: (engine: Engine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = loadEngineModule();
  // The engine does not close the pools it opens; they are disposed here so that callers can exit promptly.
  const opened: { dispose(): Promise<void> }[] = [];
  const adapter = runScriptsWhole(new PrismaPg({ connectionString, max: 2, idleTimeoutMillis: 1000 }), opened);
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, fs.readFileSync(schemaPath, 'utf8')]] },
    () => undefined,
    bindMigrationAwareSqlAdapterFactory(adapter),
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((connection) => connection.dispose().catch(() => undefined)));
  }
}

export interface MigrationsLocation {
  schemaPath: string;
  migrationsDir: string;
}

export function listMigrationNames(migrationsDir: string): string[] {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(migrationsDir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort();
}

/** Applies pending migrations exactly as `prisma migrate deploy` would; returns the names applied. */
export async function applyMigrations(connectionString: string, where: MigrationsLocation): Promise<string[]> {
  const lockPath = path.join(where.migrationsDir, 'migration_lock.toml');
  const migrationsList = {
    baseDir: where.migrationsDir,
    lockfile: { path: lockPath, content: fs.readFileSync(lockPath, 'utf8') },
    shadowDbInitScript: '',
    migrationDirectories: listMigrationNames(where.migrationsDir).map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: {
          tag: 'ok' as const,
          value: fs.readFileSync(path.join(where.migrationsDir, name, 'migration.sql'), 'utf8'),
        },
      },
    })),
  };
  return withEngine(connectionString, where.schemaPath, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList, filters });
    return result.appliedMigrationNames;
  });
}

/** SQL that turns a database at schema `fromText` (or an empty one) into `toText`; empty string when equal. */
export async function diffSchemas(
  connectionString: string,
  schemaPath: string,
  fromText: string | null,
  toText: string,
): Promise<string> {
  return withEngine(connectionString, schemaPath, async (engine) => {
    const result = await engine.diff({
      from:
        fromText === null
          ? { tag: 'empty' }
          : { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: fromText }] },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: toText }] },
      script: true,
      exitCode: true,
      filters,
    });
    return result.exitCode === 2 ? (result.stdout ?? '') : '';
  });
}
