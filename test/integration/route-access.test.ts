// Every route of the app, taken from its own router (and checked against the OpenAPI document), declares who may
// call it; each route × caller × spelling of its path answers what that declaration allows and nothing else.
import crypto from 'node:crypto';
import fc from 'fast-check';
import type { Express } from 'express';
import type { Role } from '../../src/auth/api-keys';
import { routeAccessOf, type RouteAccess } from '../../src/auth/route-access';
import { createApp } from '../../src/app';
import { buildOpenApiDocument } from '../../src/http/openapi/document';
import { createLogger } from '../../src/logger';
import { signedInUser, WebClient } from '../browser/web-client';
import { fuzzOptions } from '../support/fuzz-inputs';
import { startTestProvider, testSignInSettings, type TestProvider } from '../support/oidc-test-provider';
import { startTestServer, type TestServer } from '../support/test-server';

interface RouteRow {
  method: string;
  path: string;
  access: RouteAccess | undefined;
}

interface StackLayer {
  route?: { path: string; methods: Record<string, boolean>; stack: { handle: unknown }[] };
  handle: { stack?: StackLayer[]; caseSensitive?: boolean };
  rawPath?: string | string[];
}

const join = (prefix: string, path: string) =>
  path === '/' && prefix ? prefix : `${prefix}${path}`.replace(/\/\/+/g, '/');

/** The app's routes as Express holds them: method, full path, the access declared by the route's first handler. */
function routesOf(app: Express): { routes: RouteRow[]; routers: { prefix: string; caseSensitive: boolean }[] } {
  const routes: RouteRow[] = [];
  const routers: { prefix: string; caseSensitive: boolean }[] = [];
  const walk = (stack: StackLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods).filter((name) => layer.route!.methods[name])) {
          routes.push({
            method: method.toUpperCase(),
            path: join(prefix, layer.route.path),
            access: routeAccessOf(layer.route.stack[0]?.handle),
          });
        }
      } else if (Array.isArray(layer.handle.stack)) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        routers.push({ prefix: prefix + mount, caseSensitive: layer.handle.caseSensitive === true });
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: StackLayer[] } }).router.stack, '');
  return { routes, routers };
}

const SAMPLE_PARAMS: Record<string, string> = {
  id: crypto.randomUUID(),
  indicator: 'addr_ship_not_id_address',
  prefix: 'abcdefghij',
  vendor: 'generic',
  file: 'swagger-ui.css',
};
const concrete = (path: string) => path.replace(/:([A-Za-z]+)/g, (_match, name: string) => SAMPLE_PARAMS[name] ?? 'x');

/** The path spellings an attacker tries; only the first two name the route, every other one names nothing. */
function spellings(path: string): { name: string; path: string; sameRoute: boolean }[] {
  const letter = path.search(/[a-z]/);
  const percent =
    letter < 0 ? path : `${path.slice(0, letter)}%${path.charCodeAt(letter).toString(16)}${path.slice(letter + 1)}`;
  const mixed = path.replace(/[a-z]/, (c) => c.toUpperCase());
  return [
    { name: 'as written', path, sameRoute: true },
    { name: 'trailing slash', path: path === '/' ? path : `${path}/`, sameRoute: true },
    { name: 'upper case', path: path.toUpperCase(), sameRoute: path.toUpperCase() === path },
    { name: 'mixed case', path: mixed, sameRoute: mixed === path },
    // "//" is "/" with a trailing slash; any other doubled slash names nothing.
    { name: 'double slash', path: `/${path}`, sameRoute: path === '/' },
    { name: 'percent-encoded letter', path: percent, sameRoute: percent === path },
  ];
}

type Caller = 'nobody' | Role | 'must change password';
const CALLERS: Caller[] = ['nobody', 'recruiter', 'reviewer', 'admin', 'must change password'];

function mayCall(access: RouteAccess, caller: Caller, isPage: boolean): boolean {
  if (access.kind === 'public') return true;
  if (caller === 'nobody') return false;
  // An account that must change its password counts as the role it has (recruiter) on the password routes only.
  if (caller === 'must change password') return isPage && access.duringPasswordChange === true;
  return access.roles.includes(caller);
}

let server: TestServer;
let app: Express;
let provider: TestProvider;

beforeAll(async () => {
  // With single sign-on configured, so that its routes are walked too.
  server = await startTestServer({
    outboundAllowHosts: '127.0.0.1',
    signIn: async (baseUrl) => {
      provider = await startTestProvider(baseUrl);
      return testSignInSettings(provider, baseUrl);
    },
  });
  app = createApp(server.services, { logger: createLogger('silent') });
});
afterAll(async () => {
  await server.close();
  await provider?.close();
});

describe('every route declares who may call it', () => {
  it('finds the routes in the router: each begins with a declared guard, in a case-sensitive router', () => {
    const { routes, routers } = routesOf(app);
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((route) => !route.access).map((route) => `${route.method} ${route.path}`)).toEqual([]);
    expect(routers.filter((router) => !router.caseSensitive)).toEqual([]);
    // Pages and API answer under the paths the docs promise.
    const names = new Set(routes.map((route) => `${route.method} ${route.path}`));
    for (const expected of [
      'GET /admin/users',
      'POST /admin/api-keys',
      'GET /queue.csv',
      'POST /cases/:id/status',
      'GET /api/v1/cases/:id',
      'POST /api/v1/screenings',
      'POST /webhooks/:vendor',
      'GET /login/oidc',
      'GET /login/oidc/callback',
    ])
      expect(names).toContain(expected);
  });

  it('notices a route added without a guard', () => {
    const extra = createApp(server.services, { logger: createLogger('silent') });
    extra.get('/forgotten', (_req, res) => res.send('open'));
    expect(
      routesOf(extra)
        .routes.filter((route) => !route.access)
        .map((route) => route.path),
    ).toEqual(['/forgotten']);
  });

  it('agrees with the OpenAPI document: every documented operation is a route, public exactly when the document needs no key', () => {
    const { routes } = routesOf(app);
    const byName = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
    const document = buildOpenApiDocument() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    let operations = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!['get', 'post', 'patch', 'put', 'delete'].includes(method)) continue;
        operations += 1;
        const name = `${method.toUpperCase()} ${path.replace(/\{([A-Za-z]+)\}/g, ':$1')}`;
        const route = byName.get(name);
        expect({ name, found: Boolean(route) }).toEqual({ name, found: true });
        const documentedPublic = Array.isArray(operation.security) && operation.security.length === 0;
        expect({ name, public: route!.access!.kind === 'public' }).toEqual({ name, public: documentedPublic });
      }
    }
    expect(operations).toBeGreaterThan(15);
    // Every API route is documented (pages are not API operations).
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{([A-Za-z]+)\}/g, ':$1')}`),
      ),
    );
    const undocumented = routes
      .filter((route) => route.path.startsWith('/api/v1/') && !documented.has(`${route.method} ${route.path}`))
      .map((route) => `${route.method} ${route.path}`);
    expect(undocumented).toEqual([]);
  });
});

describe('route × caller × path spelling', () => {
  it('answers each caller what the route declares, on every spelling, and never a 5xx', async () => {
    const keys: Partial<Record<Caller, string>> = {
      recruiter: await server.createKey('recruiter'),
      reviewer: await server.createKey('reviewer'),
      admin: await server.createKey('admin'),
    };
    const pageClients = new Map<Caller, WebClient>();
    const freshClient = async (caller: Caller): Promise<WebClient> => {
      let client: WebClient;
      if (caller === 'nobody') client = new WebClient(server.baseUrl);
      else if (caller === 'must change password') {
        const email = `pending.${process.pid}.${crypto.randomUUID().slice(0, 8)}@example.com`;
        const created = await server.services.web.users.create(email, 'recruiter', 'test');
        client = new WebClient(server.baseUrl);
        const signIn = await client.signIn(email, created.oneTimePassword);
        expect(signIn.location).toBe('/account/password');
      } else client = (await signedInUser(server, caller)).client;
      // A page of this site gives the session's CSRF token, so that a refusal below is the guard's, not CSRF's.
      if (caller !== 'nobody') await client.get('/account/password');
      pageClients.set(caller, client);
      return client;
    };
    for (const caller of CALLERS) await freshClient(caller);

    const { routes } = routesOf(app);
    const mismatches: string[] = [];
    let allowedSeen = 0;
    let refusedSeen = 0;
    // One sequence of requests per caller, the callers side by side.
    await Promise.all(
      CALLERS.map(async (caller) => {
        for (const route of routes) {
          const isApi = route.path.startsWith('/api/v1/');
          const isPage = !isApi && !/^\/(api|webhooks|metrics|healthz|readyz)(\/|$)/.test(route.path);
          {
            if (isApi && caller === 'must change password') continue;
            for (const spelling of spellings(concrete(route.path))) {
              let status: number;
              let location: string | null = null;
              let text: string;
              if (isPage) {
                const client = pageClients.get(caller)!;
                const answer =
                  route.method === 'GET' ? await client.get(spelling.path) : await client.post(spelling.path, {});
                ({ status, location, text } = answer);
                // Signing out ends the session the next rows need.
                if (route.path === '/logout' && status === 303) await freshClient(caller);
              } else {
                const key = keys[caller];
                const answer = await server.request(route.method, spelling.path, {
                  key,
                  ...(route.method === 'GET' ? {} : { body: {} }),
                });
                status = answer.status;
                text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
              }
              const cell = `${route.method} ${spelling.path} (${spelling.name}) as ${caller}: ${status}${location ? ` → ${location}` : ''}`;
              const unmatched = status === 404 && /No route for/.test(text);
              if (status >= 500) mismatches.push(`${cell}: a server error`);
              else if (!spelling.sameRoute) {
                if (!unmatched) mismatches.push(`${cell}: another spelling must name no route`);
              } else if (route.access!.kind === 'public') {
                if (unmatched) mismatches.push(`${cell}: the route did not answer`);
              } else if (mayCall(route.access!, caller, isPage)) {
                allowedSeen += 1;
                const refused =
                  status === 401 ||
                  status === 403 ||
                  (location !== null && /^\/(login\?next=|account\/password$)/.test(location));
                if (refused || unmatched) mismatches.push(`${cell}: should be allowed`);
              } else {
                refusedSeen += 1;
                const expected =
                  caller === 'nobody'
                    ? isPage && route.method === 'GET'
                      ? status === 303 && location!.startsWith('/login?next=')
                      : status === 401
                    : caller === 'must change password'
                      ? route.method === 'GET'
                        ? status === 303 && location === '/account/password'
                        : status === 403
                      : status === 403;
                if (!expected) mismatches.push(`${cell}: should be refused`);
              }
            }
          }
        }
      }),
    );
    expect(mismatches).toEqual([]);
    expect(allowedSeen).toBeGreaterThan(100);
    expect(refusedSeen).toBeGreaterThan(100);
    // About 1,600 requests: 15 s on a quiet two-core machine, several times that while it is loaded.
  }, 240_000);
});

describe('path spellings under fuzzing', () => {
  // Each character of a guarded path may change case or be percent-encoded, slashes may double, a dot segment or a
  // trailing slash may appear: a recruiter and a caller without a session get nothing an admin or reviewer gets.
  const guarded = [
    '/admin/users',
    '/admin/api-keys',
    '/admin/webhook-sources',
    '/queue',
    '/queue.csv',
    '/dashboard',
    '/farms',
  ];
  const spelled = fc
    .tuple(
      fc.constantFrom(...guarded),
      fc.array(fc.constantFrom('keep', 'upper', 'encode', 'encode-upper'), { minLength: 24, maxLength: 24 }),
      fc.constantFrom('', '/', '//', '/.', '/%2e'),
      fc.boolean(),
      fc.nat(3),
    )
    .map(([path, edits, tail, doubleFirst, mangle]) => {
      const chars = [...path].map((char, index) => {
        // One in four keeps the letters as written, so that the guard itself is reached too.
        const edit = mangle === 0 ? 'keep' : edits[index % edits.length];
        if (char === '/') return doubleFirst && index === 0 ? '//' : '/';
        if (edit === 'upper') return char.toUpperCase();
        if (edit === 'encode') return `%${char.charCodeAt(0).toString(16)}`;
        if (edit === 'encode-upper') return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
        return char;
      });
      return { canonical: path, spelled: chars.join('') + tail };
    });

  it('answers a recruiter 403 or 404 and an anonymous caller the sign-in page or 404, never a page or a 5xx, and creates nothing', async () => {
    const recruiter = (await signedInUser(server, 'recruiter')).client;
    await recruiter.get('/candidates/new');
    const anonymous = new WebClient(server.baseUrl);
    const keysBefore = (await server.services.apiKeys.list()).length;
    const usersBefore = (await server.services.web.users.list()).length;
    let refusedByGuard = 0;
    await fc.assert(
      fc.asyncProperty(spelled, fc.constantFrom('GET', 'POST'), async ({ spelled: path }, method) => {
        const asRecruiter =
          method === 'GET'
            ? await recruiter.get(path)
            : await recruiter.post(path, { name: 'x', role: 'admin', email: 'fuzz@example.com' });
        const asNobody =
          method === 'GET' ? await anonymous.get(path) : await anonymous.post(path, { name: 'x', role: 'admin' }, null);
        if (
          ![403, 404].includes(asRecruiter.status) &&
          !(asRecruiter.status === 400 && /could not be read/.test(asRecruiter.text))
        )
          throw new Error(`${method} ${path} as a recruiter answered ${asRecruiter.status}`);
        const nobodyRefused =
          asNobody.status === 404 ||
          asNobody.status === 401 ||
          asNobody.status === 400 ||
          (asNobody.status === 303 && /^\/login\?next=/.test(asNobody.location ?? ''));
        if (!nobodyRefused)
          throw new Error(`${method} ${path} without a session answered ${asNobody.status} ${asNobody.location ?? ''}`);
        if (asRecruiter.status === 403) refusedByGuard += 1;
      }),
      fuzzOptions(150),
    );
    expect(refusedByGuard).toBeGreaterThan(0);
    expect((await server.services.apiKeys.list()).length).toBe(keysBefore);
    expect((await server.services.web.users.list()).length).toBe(usersBefore);
  }, 120_000);
});
