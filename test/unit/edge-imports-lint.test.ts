import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The architecture as lint (docs/architecture.md): src/web and src/http never import each other; what both need lives
// below them (src/cases, src/validation, ...), and src/app.ts composes them.
const ROOT = path.resolve(__dirname, '../..');

function lint(filename: string, source: string) {
  return spawnSync(process.execPath, [path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', filename], { cwd: ROOT, input: source, encoding: 'utf8' });
}

describe('the edges apart', () => {
  it.each([
    ['src/web/probe.ts', "import { caseRoutes } from '../http/routes/cases';\nexport const probe = caseRoutes;\n", /src\/web does not import src\/http/],
    ['src/web/views/probe.ts', "import { requireRole } from '../../http/auth';\nexport const probe = requireRole;\n", /src\/web does not import src\/http/],
    ['src/http/routes/probe.ts', "import { webRouter } from '../../web/router';\nexport const probe = webRouter;\n", /src\/http does not import src\/web/],
  ])('%s importing the other edge fails eslint', (filename, source, message) => {
    const result = lint(filename, source);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/no-restricted-imports/);
    expect(result.stdout).toMatch(message);
  }, 60_000);

  it('lets both edges import the shared case actions, and keeps the scoring rule on src/scoring', () => {
    expect(lint('src/web/probe.ts', "import { changeCase } from '../cases/change-case';\nexport const probe = changeCase;\n").status).toBe(0);
    expect(lint('src/http/probe.ts', "import { changeCase } from '../cases/change-case';\nexport const probe = changeCase;\n").status).toBe(0);
    const scoring = lint('src/scoring/probe.ts', "import pg from 'pg';\nexport const probe = pg;\n");
    expect(scoring.status).toBe(1);
    expect(scoring.stdout).toMatch(/src\/scoring is pure/);
  }, 60_000);
});
