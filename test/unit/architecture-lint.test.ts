import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The architecture as lint (docs/architecture.md), proven on deliberate violations: src/web and src/http never import
// each other, SQL lives only in stores, scoring imports no I/O. One eslint process lints every probe (a process per
// probe would cost seconds each).
const ROOT = path.resolve(__dirname, '../..');

interface Probe {
  filePath: string;
  source: string;
}

function lintAll(probes: Probe[]): { errorCount: number; messages: string[] }[] {
  const script = `
    const { ESLint } = require('eslint');
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const probes = JSON.parse(require('fs').readFileSync(0, 'utf8'));
      const out = [];
      for (const probe of probes) {
        const [result] = await eslint.lintText(probe.source, { filePath: probe.filePath });
        out.push({ errorCount: result.errorCount, messages: result.messages.map((m) => (m.ruleId ?? '') + ': ' + m.message) });
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((error) => { console.error(error); process.exit(2); });`;
  const run = spawnSync(process.execPath, ['-e', script], {
    cwd: ROOT,
    input: JSON.stringify(probes.map((p) => ({ ...p, filePath: path.join(ROOT, p.filePath) }))),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`eslint could not run: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const violations: [string, string, RegExp][] = [
  [
    'src/web/probe.ts',
    "import { caseRoutes } from '../http/routes/cases';\nexport const probe = caseRoutes;\n",
    /src\/web does not import src\/http/,
  ],
  [
    'src/web/views/probe.ts',
    "import { requireRole } from '../../http/auth';\nexport const probe = requireRole;\n",
    /src\/web does not import src\/http/,
  ],
  [
    'src/http/routes/probe.ts',
    "import { webRouter } from '../../web/router';\nexport const probe = webRouter;\n",
    /src\/http does not import src\/web/,
  ],
  ['src/cases/probe.ts', "import pg from 'pg';\nexport const probe = pg;\n", /SQL lives in stores/],
  [
    'src/screening/probe.ts',
    "import type { Queryable } from '../db/prisma-client';\nexport type Probe = Queryable;\n",
    /SQL lives in stores/,
  ],
  [
    'src/cli/probe-command.ts',
    "import { PrismaClient } from '../generated/prisma/client';\nexport const probe = PrismaClient;\n",
    /SQL lives in stores/,
  ],
  ['src/web/probe-routes.ts', "import pg from 'pg';\nexport const probe = pg;\n", /SQL lives in stores/],
  [
    'src/http/routes/probe.ts',
    "import type { Db } from '../../db/prisma-client';\nexport type Probe = Db;\n",
    /SQL lives in stores/,
  ],
  ['src/scoring/probe.ts', "import pg from 'pg';\nexport const probe = pg;\n", /src\/scoring is pure/],
];

const allowed: [string, string][] = [
  ['src/web/probe.ts', "import { changeCase } from '../cases/change-case';\nexport const probe = changeCase;\n"],
  ['src/http/probe.ts', "import { changeCase } from '../cases/change-case';\nexport const probe = changeCase;\n"],
  ['src/cases/probe-store.ts', "import pg from 'pg';\nexport const probe = pg;\n"],
  [
    'src/http/probe-store.ts',
    "import type { Queryable } from '../db/prisma-client';\nexport type Probe = Queryable;\n",
  ],
  ['src/db/probe.ts', "import pg from 'pg';\nexport const probe = pg;\n"],
];

describe('the architecture as lint rules', () => {
  let results: ReturnType<typeof lintAll>;
  beforeAll(() => {
    results = lintAll([...violations, ...allowed].map(([filePath, source]) => ({ filePath, source })));
  }, 60_000);

  it.each(violations.map((v, index) => [v[0], v[2], index] as const))(
    '%s: a deliberate violation fails with %s',
    (_file, message, index) => {
      expect(results[index]!.errorCount).toBeGreaterThan(0);
      expect(results[index]!.messages.join('\n')).toMatch(/no-restricted-imports/);
      expect(results[index]!.messages.join('\n')).toMatch(message);
    },
  );

  it.each(allowed.map((a, index) => [a[0], violations.length + index] as const))(
    '%s: an allowed import passes',
    (_file, index) => {
      expect(results[index]!.messages).toEqual([]);
    },
  );
});
