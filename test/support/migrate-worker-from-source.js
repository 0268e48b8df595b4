// The migration thread's script from sources (src/db/migrate-worker.ts), for tests: tsx compiles it in the thread.
require('tsx/cjs');
require('../../src/db/migrate-worker.ts');
