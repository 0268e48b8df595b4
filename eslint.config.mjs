// ESLint flat config: TypeScript recommended rules; generated and built code is not linted.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

const STORES_MESSAGE =
  'SQL lives in stores (*-store.ts): take a store, or a DbSession from db/session.ts for one transaction over several.';
const STORES_ONLY = {
  paths: [{ name: 'pg', message: STORES_MESSAGE }],
  patterns: [
    {
      group: [
        '**/db/prisma-client',
        '**/generated/prisma',
        '**/generated/prisma/**',
        '@prisma/client',
        '@prisma/client/**',
      ],
      message: STORES_MESSAGE,
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/generated/', 'coverage/', '.data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        NodeJS: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
    },
  },
  // Patterns that backtrack super-linearly on hostile text (ReDoS): refused everywhere, tests included (docs/security.md).
  { plugins: { regexp }, rules: { 'regexp/no-super-linear-backtracking': 'error' } },
  // Quadratic scanning of unanchored patterns, where request text arrives first. Not everywhere: the sanctions
  // parsers read OFAC's files, and the webhook adapters' remaining cases run on text of at most 60-600 characters.
  {
    files: ['src/http/**', 'src/web/**', 'src/applicants/**', 'src/auth/**', 'src/cases/**'],
    rules: { 'regexp/no-super-linear-move': 'error' },
  },
  // Every request the service makes goes through the outbound URL policy (src/outbound, docs/security.md).
  {
    files: ['src/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        {
          name: 'fetch',
          message: 'Send through OutboundClient (services.outbound): it applies the outbound URL policy.',
        },
      ],
    },
  },
  // The architecture as rules (docs/architecture.md): no import circles in src/.
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // SQL only in stores: the database client and its types stay in *-store.ts, *-repository.ts, db/ and the composition;
  // use cases take stores (docs/architecture.md). On web/ and http/ it is part of their own rule below.
  {
    files: ['src/**/*.ts'],
    ignores: [
      'src/**/*-store.ts',
      'src/**/*-repository.ts',
      'src/db/**',
      'src/generated/**',
      'src/services.ts',
      'src/main.ts',
      'src/cli/index.ts',
      'src/scoring/**',
      'src/web/**',
      'src/http/**',
    ],
    rules: { 'no-restricted-imports': ['error', STORES_ONLY] },
  },
  // Scoring is pure: the same applicant and context give the same findings, with no database, network or files.
  {
    files: ['src/scoring/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'pg',
            'express',
            'geoip-lite',
            'node:fs',
            'node:net',
            'node:http',
            'node:https',
            'node:child_process',
          ].map((name) => ({
            name,
            message: 'src/scoring is pure: gather I/O in src/intel or a store and pass the result in.',
          })),
          patterns: [
            {
              group: [
                '@prisma/*',
                '**/db/*',
                '**/outbound/*',
                '**/http/*',
                '**/web/*',
                '**/*-store',
                '**/*-repository',
              ],
              message: 'src/scoring is pure: gather I/O in src/intel or a store and pass the result in.',
            },
          ],
        },
      ],
    },
  },
  // The pages and the API are thin adapters over the use cases (src/cases, src/screening, ...): neither imports the other;
  // what both need lives below them, and src/app.ts composes the two. Not on src/scoring: its own rule above stays.
  {
    files: ['src/web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: STORES_ONLY.paths,
          patterns: [
            ...STORES_ONLY.patterns,
            {
              group: ['**/http', '**/http/**'],
              message:
                'src/web does not import src/http: share it through src/cases (or another module below both edges); src/app.ts composes them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/http/**/*.ts'],
    ignores: ['src/http/**/*-store.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: STORES_ONLY.paths,
          patterns: [
            ...STORES_ONLY.patterns,
            {
              group: ['**/web', '**/web/**'],
              message:
                'src/http does not import src/web: share it through src/cases (or another module below both edges); src/app.ts composes them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/http/**/*-store.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/web', '**/web/**'],
              message:
                'src/http does not import src/web: share it through src/cases (or another module below both edges); src/app.ts composes them.',
            },
          ],
        },
      ],
    },
  },
  { files: ['test/**', 'bench/**'], rules: { 'no-console': 'off' } },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
