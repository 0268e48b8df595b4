// Jest: TypeScript transpiled by ts-jest (no type-check here; `npm run typecheck` does that).
// ts-jest rather than SWC: SWC's and Jest 30's native platform packages are not all on the registry, which breaks `npm ci`.
// Four projects: `unit` (pure logic, no database: `npm run test:unit`), `data` (the same, over the full OFAC lists:
// `npm run test:data`), `integration` (real HTTP and PostgreSQL) and
// `browser` (Debian's Chromium). The last two share one migrated database per run (test/support/global-setup.ts).
const shared = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)s$': [
      'ts-jest',
      {
        // isolatedModules: each file transpiled on its own, without type information (ts-jest's fast path).
        tsconfig: {
          isolatedModules: true,
          allowJs: true,
          module: 'commonjs',
          moduleResolution: 'node10',
          target: 'es2022',
          esModuleInterop: true,
          sourceMap: true,
        },
      },
    ],
  },
  // The schema engine's wasm-bindgen glue and openid-client (with oauth4webapi and jose) are ES modules only: let ts-jest
  // turn them into CommonJS for Jest (Node itself loads them with require(), from 20.19).
  transformIgnorePatterns: ['/node_modules/(?!(@prisma/schema-engine-wasm|openid-client|oauth4webapi|jose)/)'],
};
const withDatabase = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/test/unit'] },
    // Exhaustive checks over the full public OFAC lists in ../shared/data (brute force, every listed name, fairness by
    // culture): no database, but a minute of CPU, so kept out of the fast unit project.
    { ...shared, displayName: 'data', roots: ['<rootDir>/test/data'] },
    { ...shared, ...withDatabase, displayName: 'integration', roots: ['<rootDir>/test/integration'] },
    { ...shared, ...withDatabase, displayName: 'browser', roots: ['<rootDir>/test/browser'] },
  ],
  // Tests that start CLI processes run several tsx starts each (1-2 s apiece on a quiet two-core machine, 10 s on a loaded one).
  testTimeout: 60_000,
  maxWorkers: 2,
};
