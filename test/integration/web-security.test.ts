// Pages: sessions, CSRF, roles, escaping, sign-in throttling and the headers that keep pages safe.
import crypto from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app';
import { createLogger } from '../../src/logger';
import { cleanApplicant } from '../support/applicants';
import { rowCounts } from '../support/row-counts';
import { startTestServer, type TestServer } from '../support/test-server';
import { signedInUser, WebClient } from '../browser/web-client';

let server: TestServer;
// The same services behind a proxy-trusting app, so that X-Forwarded-For gives each test a client address.
let proxied: Server;
let proxiedUrl: string;

beforeAll(async () => {
  server = await startTestServer();
  const app = createApp(server.services, { logger: createLogger('silent'), trustProxy: true });
  proxied = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  proxiedUrl = `http://127.0.0.1:${(proxied.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxied.closeAllConnections();
  await new Promise((resolve) => proxied.close(resolve));
  await server.close();
});

async function screenAsRecruiter(legalName: string) {
  const key = await server.createKey('recruiter');
  const base = cleanApplicant();
  const answer = await server.request('POST', '/api/v1/screenings', {
    key,
    body: cleanApplicant({
      person: { ...base.person, legalName },
      payment: { ...base.payment, accountHolderName: legalName },
    }),
  });
  expect(answer.status).toBe(201);
  return answer.body.caseId as string;
}

describe('roles', () => {
  it('refuses a recruiter the reviewer and admin pages (403) and the reviewer API routes', async () => {
    const { client } = await signedInUser(server, 'recruiter');
    const caseId = await screenAsRecruiter('Ada Lovelace');
    for (const path of [
      '/dashboard',
      '/queue',
      '/queue.csv',
      `/cases/${caseId}`,
      '/admin/users',
      '/admin/api-keys',
      '/admin/webhook-sources',
      '/admin/known-addresses',
    ]) {
      const answer = await client.get(path);
      expect({ path, status: answer.status }).toEqual({ path, status: 403 });
      expect(answer.text).toContain('This page is for');
    }
    for (const [path, fields] of [
      [`/cases/${caseId}/notes`, { text: 'x' }],
      [`/cases/${caseId}/status`, { status: 'cleared', reason: 'x', form: 'decide' }],
      ['/admin/users', { email: 'x@example.com', role: 'admin' }],
    ] as const) {
      expect((await client.post(path, fields)).status).toBe(403);
    }
    const key = await server.createKey('recruiter');
    expect(
      (await server.request('PATCH', `/api/v1/cases/${caseId}`, { key, body: { status: 'in_review' } })).status,
    ).toBe(403);
    expect(
      (await server.request('POST', `/api/v1/cases/${caseId}/notes`, { key, body: { text: 'hello' } })).status,
    ).toBe(403);
    expect((await server.request('GET', `/api/v1/cases/${caseId}/links`, { key })).status).toBe(403);
    const events = (await server.request('GET', `/api/v1/cases/${caseId}`, { key: await server.createKey('reviewer') }))
      .body.events;
    // A clean applicant's case is closed at intake (no findings); nothing the recruiter sent was recorded.
    expect(events.map((event: { action: string }) => event.action)).toEqual(['case.created', 'case.auto_closed']);
  });

  it('keeps webhook sources to admins: reviewers and recruiters get 403 on the page and every form, and nothing changes', async () => {
    const source = await server.services.webhooks.sources.create({
      vendor: 'ashby',
      name: `ashby-roles-${crypto.randomUUID().slice(0, 8)}`,
    });
    for (const role of ['reviewer', 'recruiter'] as const) {
      const { client } = await signedInUser(server, role);
      const page = await client.get('/admin/webhook-sources');
      expect({ role, status: page.status }).toEqual({ role, status: 403 });
      expect(page.text).toContain('This page is for admin accounts.');
      expect(page.text).not.toContain(source.source.name);
      for (const [path, fields] of [
        ['/admin/webhook-sources', { vendor: 'generic', name: `by-${role}` }],
        [`/admin/webhook-sources/${source.source.id}/disable`, {}],
        [`/admin/webhook-sources/${source.source.id}/secret`, {}],
      ] as const) {
        const answer = await client.post(path, fields);
        expect({ role, path, status: answer.status }).toEqual({ role, path, status: 403 });
        expect(answer.text).not.toMatch(/class="secret"/);
      }
    }
    const after = await server.services.webhooks.sources.usable(source.source.id);
    expect(after).toMatchObject({ enabled: true, secret: source.secret });
    expect((await server.services.webhooks.sources.list()).map((row) => row.name)).not.toContain('by-reviewer');
  });

  it("shows a recruiter only their own submissions, and someone else's case as not found", async () => {
    const { client } = await signedInUser(server, 'recruiter');
    const othersCase = await screenAsRecruiter('Grace Hopper');
    const answer = await client.get(`/submissions/${othersCase}`);
    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain('Grace Hopper');
    expect((await client.get('/submissions')).text).not.toContain('Grace Hopper');
  });

  it('sends people who are not signed in to the sign-in page, and back where they were going', async () => {
    const anonymous = new WebClient(server.baseUrl);
    const answer = await anonymous.get('/queue?band=high');
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/login?next=%2Fqueue%3Fband%3Dhigh');
    expect(
      (await anonymous.post('/cases/00000000-0000-4000-8000-000000000000/notes', { text: 'x' }, 'whatever')).status,
    ).toBe(401);
    // An open redirect through ?next= is not possible.
    const login = await anonymous.get('/login?next=//evil.example.com/');
    expect(login.text).not.toContain('evil.example.com');
  });
});

describe('path spellings (issue 15, finding 1)', () => {
  it('gives a recruiter no way into admin or reviewer pages by writing the path in other letter case: 404, and nothing changes', async () => {
    const { client } = await signedInUser(server, 'recruiter');
    const caseId = await screenAsRecruiter('Mary Jackson');
    const keysBefore = (await server.services.apiKeys.list()).length;
    const usersBefore = (await server.services.web.users.list()).length;
    for (const path of ['/Admin/users', '/ADMIN/api-keys', '/Queue', '/QUEUE.csv', '/Dashboard', `/Cases/${caseId}`]) {
      expect({ path, status: (await client.get(path)).status }).toEqual({ path, status: 404 });
    }
    const attempts: [string, Record<string, string>][] = [
      ['/Admin/api-keys', { name: 'x', role: 'admin' }],
      ['/Admin/users', { email: `sneaky.${process.pid}@example.com`, role: 'admin' }],
      [`/Cases/${caseId}/reveal`, { field: 'person.email' }],
      [`/Cases/${caseId}/status`, { status: 'cleared', reason: 'looks fine', form: 'decide' }],
    ];
    for (const [path, fields] of attempts)
      expect({ path, status: (await client.post(path, fields)).status }).toEqual({ path, status: 404 });
    expect((await server.services.apiKeys.list()).length).toBe(keysBefore);
    expect((await server.services.web.users.list()).length).toBe(usersBefore);
    const detail = await server.request('GET', `/api/v1/cases/${caseId}`, { key: await server.createKey('reviewer') });
    expect(detail.body.status).toBe('no_findings');
    expect(detail.body.events.map((event: { action: string }) => event.action)).toEqual([
      'case.created',
      'case.auto_closed',
    ]);
  });

  it('answers the same paths without a session with 404 (was a 500), and the guarded spelling with the sign-in page', async () => {
    const anonymous = new WebClient(server.baseUrl);
    for (const path of ['/Admin/users', '/ADMIN/api-keys', '/Queue'])
      expect({ path, status: (await anonymous.get(path)).status }).toEqual({ path, status: 404 });
    const guarded = await anonymous.get('/admin/users');
    expect(guarded.status).toBe(303);
    expect(guarded.location).toBe('/login?next=%2Fadmin%2Fusers');
  });

  it('holds the forced password change under every spelling', async () => {
    const email = `pending.spelling.${process.pid}@example.com`;
    const created = await server.services.web.users.create(email, 'admin', 'test');
    const client = new WebClient(server.baseUrl);
    expect((await client.signIn(email, created.oneTimePassword)).location).toBe('/account/password');
    for (const path of ['/admin/users', '/Admin/users', '/queue', '/QUEUE', '/dashboard/', '/candidates/new']) {
      const answer = await client.get(path);
      expect({ path, status: answer.status, location: answer.location }).toEqual({
        path,
        ...(path === path.toLowerCase()
          ? { status: 303, location: '/account/password' }
          : { status: 404, location: null }),
      });
    }
    await client.get('/account/password');
    expect((await client.post('/admin/api-keys', { name: 'x', role: 'admin' })).status).toBe(403);
    expect((await client.post('/Admin/api-keys', { name: 'x', role: 'admin' })).status).toBe(404);
  });
});

describe('escaping and headers', () => {
  it('renders an applicant named <script>alert(1)</script> as text on every page, under a CSP without scripts', async () => {
    const name = '<script>alert(1)</script>';
    const recruiter = await signedInUser(server, 'recruiter');
    await recruiter.client.get('/candidates/new');
    const sent = await recruiter.client.post('/candidates', {
      'person.legalName': name,
      'payment.accountHolderName': '"><img src=x onerror=alert(2)>',
    });
    expect(sent.status).toBe(303);
    const caseId = /\/submissions\/([0-9a-f-]{36})/.exec(sent.location!)![1]!;
    const reviewer = await signedInUser(server, 'reviewer');
    const pages = [
      await recruiter.client.get(sent.location!),
      await recruiter.client.get('/submissions'),
      await reviewer.client.get(`/cases/${caseId}`),
      await reviewer.client.get('/queue?status=all&sort=-createdAt'),
    ];
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page.text).not.toMatch(/<script/i);
      expect(page.text).not.toContain('<img src=x');
      expect(page.headers.get('content-security-policy')).toBe(
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      );
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      // Only the local stylesheet; nothing from another origin.
      expect(
        [...page.text.matchAll(/(?:src|href)="([^"#]+)"/g)]
          .map((match) => match[1])
          .filter((url) => /^(https?:)?\/\//.test(url!)),
      ).toEqual([]);
    }
    const css = await recruiter.client.get('/static/app.css');
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    expect(css.text).toContain(':focus-visible');
    // The style sheet keeps a validator (a browser revalidates it with a 304); answers with personal data carry none.
    // fetch would add Cache-Control: no-cache to a conditional request; a browser's revalidation sends max-age=0.
    const etag = css.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const again = await fetch(`${server.baseUrl}/static/app.css`, {
      headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' },
    });
    expect(again.status).toBe(304);
    const submissions = await recruiter.client.get('/submissions');
    expect(submissions.status).toBe(200);
    expect(submissions.headers.get('etag')).toBeNull();
    expect(submissions.headers.get('cache-control')).toBe('no-store');
  });

  it('sets the session cookie httpOnly and SameSite=Strict, Secure when the request came over TLS, and stores only its hash', async () => {
    const created = await server.services.web.users.create('cookie.test@example.com', 'reviewer', 'test');
    const plain = new WebClient(server.baseUrl);
    await plain.get('/login');
    const signIn = await plain.post('/login', { email: 'cookie.test@example.com', password: created.oneTimePassword });
    const cookie = signIn.headers.getSetCookie().find((value) => value.startsWith('hfrc_session='))!;
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).not.toMatch(/; Secure/i);
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const stored = await server.services.pool.query(
      "SELECT encode(token_hash, 'hex') AS hash, csrf_token FROM web_sessions",
    );
    expect(stored.rows.map((row) => row.hash)).toContain(crypto.createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(stored.rows)).not.toContain(token);

    const tls = new WebClient(proxiedUrl, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.77' });
    await tls.get('/login');
    const secure = await tls.post('/login', { email: 'cookie.test@example.com', password: created.oneTimePassword });
    expect(secure.headers.getSetCookie().find((value) => value.startsWith('hfrc_session='))).toMatch(/; Secure/i);
  });

  it('stores passwords as argon2id hashes (one-time and chosen), never as the password', async () => {
    const { email, password } = await signedInUser(server, 'reviewer');
    const created = await server.services.web.users.create('argon.one-time@example.com', 'recruiter', 'test');
    const hashes = await server.services.pool.query<{ email: string; password_hash: string }>(
      'SELECT email, password_hash FROM users WHERE email = ANY($1)',
      [[email, 'argon.one-time@example.com']],
    );
    expect(hashes.rows).toHaveLength(2);
    for (const row of hashes.rows) {
      expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
      // The parameters docs/web.md names: 19 MiB, 2 passes.
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(row.password_hash).not.toContain(row.email === email ? password : created.oneTimePassword);
    }
  });

  it('forces a change of the one-time password before anything else, and signs out for good', async () => {
    const created = await server.services.web.users.create('first.login@example.com', 'recruiter', 'test');
    const client = new WebClient(server.baseUrl);
    await client.get('/login');
    expect(
      (await client.post('/login', { email: 'FIRST.login@example.com ', password: created.oneTimePassword })).location,
    ).toBe('/account/password');
    expect((await client.get('/candidates/new')).location).toBe('/account/password');
    await client.get('/account/password');
    const weak = await client.post('/account/password', {
      currentPassword: created.oneTimePassword,
      newPassword: 'short',
      confirmPassword: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('must be at least 12 characters');
    const ok = await client.post('/account/password', {
      currentPassword: created.oneTimePassword,
      newPassword: 'a long pass phrase here',
      confirmPassword: 'a long pass phrase here',
    });
    expect(ok.location).toBe('/candidates/new');
    expect((await client.get('/candidates/new')).status).toBe(200);
    const session = client.cookies.get('hfrc_session')!;
    expect((await client.post('/logout', {})).location).toBe('/login?notice=signed-out');
    const replayed = new WebClient(server.baseUrl);
    replayed.cookies.set('hfrc_session', session);
    expect((await replayed.get('/candidates/new')).location).toMatch(/^\/login/);
  });
});

describe('CSRF', () => {
  it("refuses a form without the session's token (or with another session's) and stores nothing", async () => {
    const { client } = await signedInUser(server, 'recruiter');
    const other = await signedInUser(server, 'recruiter');
    await client.get('/candidates/new');
    const before = await rowCounts(server.services.db);
    const missing = await client.post('/candidates', { 'person.legalName': 'No Token' }, null);
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('did not come from this site');
    expect((await client.post('/candidates', { 'person.legalName': 'Wrong Token' }, other.client.csrf)).status).toBe(
      403,
    );
    expect(await rowCounts(server.services.db)).toEqual(before);
    expect((await client.post('/logout', {}, null)).status).toBe(403);
    expect((await client.get('/candidates/new')).status).toBe(200);
  });

  it("refuses the webhook source forms without the session's token: nothing created, disabled or replaced", async () => {
    const admin = await signedInUser(server, 'admin');
    const other = await signedInUser(server, 'admin');
    const existing = await server.services.webhooks.sources.create({
      vendor: 'greenhouse',
      name: `gh-csrf-${crypto.randomUUID().slice(0, 8)}`,
    });
    await admin.client.get('/admin/webhook-sources');
    const before = await server.services.webhooks.sources.list();
    for (const [path, fields] of [
      ['/admin/webhook-sources', { vendor: 'generic', name: 'no-token' }],
      [`/admin/webhook-sources/${existing.source.id}/disable`, {}],
      [`/admin/webhook-sources/${existing.source.id}/secret`, {}],
    ] as const) {
      const missing = await admin.client.post(path, fields, null);
      expect({ path, status: missing.status }).toEqual({ path, status: 403 });
      expect(missing.text).toContain('did not come from this site');
      expect((await admin.client.post(path, fields, other.client.csrf)).status).toBe(403);
    }
    expect(await server.services.webhooks.sources.list()).toEqual(before);
    expect((await server.services.webhooks.sources.usable(existing.source.id))?.secret).toBe(existing.secret);
  });

  it("refuses a sign-in form that does not carry the login cookie's token", async () => {
    const created = await server.services.web.users.create('csrf.login@example.com', 'reviewer', 'test');
    const client = new WebClient(server.baseUrl);
    expect(
      (await client.post('/login', { email: 'csrf.login@example.com', password: created.oneTimePassword }, null))
        .status,
    ).toBe(403);
  });
});

describe('sign-in throttling', () => {
  it('pauses an account after five wrong passwords in a row, even for the right password', async () => {
    const created = await server.services.web.users.create('throttled@example.com', 'reviewer', 'test');
    const attempts: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      // Each attempt from another address: this is the account's own throttle.
      const client = new WebClient(proxiedUrl, { 'x-forwarded-for': `192.0.2.${attempt}` });
      attempts.push((await client.signIn('throttled@example.com', `wrong password ${attempt}`)).status);
    }
    expect(attempts).toEqual([401, 401, 401, 401, 429]);
    const right = await new WebClient(proxiedUrl, { 'x-forwarded-for': '192.0.2.99' }).signIn(
      'throttled@example.com',
      created.oneTimePassword,
    );
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(right.text).toContain('Too many wrong passwords in a row');
  });

  it('pauses a client address spraying passwords across accounts, however often its own account signs in between', async () => {
    const own = await server.services.web.users.create('sprayer@example.com', 'reviewer', 'test');
    const ip = { 'x-forwarded-for': '203.0.113.50' };
    const statuses: number[] = [];
    // 15 wrong passwords over 15 accounts, the attacker's own successful sign-in after every 3: it used to reset the count.
    for (let attempt = 1; attempt <= 15; attempt += 1) {
      statuses.push((await new WebClient(proxiedUrl, ip).signIn(`victim${attempt}@example.com`, 'Summer2026!')).status);
      if (attempt % 3 === 0 && statuses.at(-1) === 401)
        expect((await new WebClient(proxiedUrl, ip).signIn('sprayer@example.com', own.oneTimePassword)).status).toBe(
          303,
        );
    }
    // The tenth wrong password from the address (LOGIN_MAX_FAILURES_PER_ADDRESS) pauses it, for its own account too.
    expect(statuses).toEqual([...Array(9).fill(401), ...Array(6).fill(429)]);
    expect((await new WebClient(proxiedUrl, ip).signIn('sprayer@example.com', own.oneTimePassword)).status).toBe(429);
    // Another address is not affected.
    expect(
      (
        await new WebClient(proxiedUrl, { 'x-forwarded-for': '203.0.113.51' }).signIn(
          'sprayer@example.com',
          own.oneTimePassword,
        )
      ).status,
    ).toBe(303);
  });

  it("a success ends the account's own series of wrong passwords", async () => {
    const created = await server.services.web.users.create('forgetful@example.com', 'reviewer', 'test');
    const from = (n: number) => new WebClient(proxiedUrl, { 'x-forwarded-for': `198.51.100.${n}` });
    for (let attempt = 1; attempt <= 4; attempt += 1)
      expect((await from(attempt).signIn('forgetful@example.com', 'wrong')).status).toBe(401);
    expect((await from(10).signIn('forgetful@example.com', created.oneTimePassword)).status).toBe(303);
    for (let attempt = 11; attempt <= 14; attempt += 1)
      expect((await from(attempt).signIn('forgetful@example.com', 'wrong')).status).toBe(401);
    expect((await from(15).signIn('forgetful@example.com', 'wrong')).status).toBe(429);
  });
});
