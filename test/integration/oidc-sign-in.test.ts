// Single sign-on against a real OpenID provider (oidc-provider on loopback): sign-in for each role, the user made at
// the first sign-in and the role recomputed at every one, refusals (no group, tampered state, replayed code, wrong
// nonce, expired ID token, ID token signed by another key), LOCAL_LOGIN=false, sign-out at the provider, and a
// provider whose discovery document cannot be read.
import type { Role } from '../../src/auth/api-keys';
import { WebClient } from '../browser/web-client';
import {
  startTestProvider,
  testSignInSettings,
  throughProvider,
  TEST_GROUPS,
  type Tamper,
  type TestProvider,
} from '../support/oidc-test-provider';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OidcDiscoveryError, OidcSignIn } from '../../src/auth/oidc-sign-in';
import { OutboundClient } from '../../src/outbound/outbound-client';
import { parseAllowHosts } from '../../src/outbound/outbound-policy';
import { runCli, startService } from '../support/processes';
import { freePort } from '../support/test-database';
import { startTestServer, testDatabaseUrl, type TestServer } from '../support/test-server';
import { riskyApplicant } from '../support/applicants';

let server: TestServer;
let provider: TestProvider;
let people = 0;

beforeAll(async () => {
  server = await startTestServer({
    // The provider is on loopback: the outbound policy lets the service call it only because it is listed.
    outboundAllowHosts: '127.0.0.1',
    signIn: async (baseUrl) => {
      provider = await startTestProvider(baseUrl);
      return testSignInSettings(provider, baseUrl);
    },
  });
});
afterAll(async () => {
  await server?.close();
  await provider?.close();
});

/** A person at the provider, in the given groups. */
async function person(groups: string[]) {
  const login = `person-${process.pid}-${++people}`;
  const email = `${login}@corp.example`;
  await provider.setAccount(login, { email, groups });
  return { login, email, client: new WebClient(server.baseUrl) };
}

const userOf = (externalLogin: string) =>
  server.services.db.user.findUnique({ where: { externalId: `oidc:${provider.issuer}#${externalLogin}` } });

describe('single sign-on', () => {
  it.each<[Role, string]>([
    ['recruiter', '/candidates/new'],
    ['reviewer', '/dashboard'],
    ['admin', '/dashboard'],
  ])('signs a %s in through the provider, creating the account at the first sign-in', async (role, home) => {
    const { login, email, client } = await person(['everyone', TEST_GROUPS[role]]);
    const loginPage = await client.get('/login');
    expect(loginPage.text).toContain('href="/login/oidc">Sign in with Test IdP</a>');
    expect(loginPage.text).toContain('action="/login"');

    const callback = await client.get(await throughProvider(client, provider, login));
    expect(callback.status).toBe(200);
    expect(callback.text).toContain(`<meta http-equiv="refresh" content="0;url=${home}">`);
    expect(client.cookies.has('hfrc_session')).toBe(true);
    expect(client.cookies.has('hfrc_oidc_pending')).toBe(false);

    const stored = await userOf(login);
    expect(stored).toMatchObject({ email, role, passwordHash: null, mustChangePassword: false });
    const landing = await client.get(home);
    expect(landing.status).toBe(200);
    expect(landing.text).toContain(`${email} (${role})`);
    // No local password to change for a single sign-on account.
    expect(landing.text).not.toContain('href="/account/password"');
  });

  it('records the case actions of a single sign-on user as oidc:<issuer>#<subject>, with sessions and CSRF as for local accounts', async () => {
    const { login, client } = await person([TEST_GROUPS.reviewer]);
    await client.get(await throughProvider(client, provider, login, '/queue'));
    const screened = await server.request('POST', '/api/v1/screenings', {
      key: await server.createKey('recruiter'),
      body: riskyApplicant(),
    });
    const caseId = screened.body.caseId as string;
    const casePage = await client.get(`/cases/${caseId}`);
    expect(casePage.status).toBe(200);
    expect((await client.post(`/cases/${caseId}/notes`, { text: 'Checked with SSO' }, 'not-the-token')).status).toBe(
      403,
    );
    expect((await client.post(`/cases/${caseId}/notes`, { text: 'Checked with SSO' })).status).toBe(303);
    const events = await server.services.db.caseEvent.findMany({ where: { caseId, actor: { startsWith: 'oidc:' } } });
    expect(events.map((event) => event.actor)).toEqual([`oidc:${provider.issuer}#${login}`]);
  });
});

describe('refused sign-ins', () => {
  /** The refusal page, and proof that it made no session and (for a first sign-in) no account. */
  async function expectRefused(client: WebClient, callbackPath: string, login: string, status: number, says: string) {
    const answer = await client.get(callbackPath);
    expect(answer.status).toBe(status);
    expect(answer.text).toContain(says);
    expect(answer.text).toContain('href="/login">Back to the sign-in page</a>');
    expect(client.cookies.has('hfrc_session')).toBe(false);
    expect(await userOf(login)).toBeNull();
    expect((await client.get('/dashboard')).location).toBe('/login?next=%2Fdashboard');
  }

  it('refuses someone in none of the mapped groups with a page that says so', async () => {
    const { login, client } = await person(['everyone', 'hfrc-reviewers-old']);
    await expectRefused(
      client,
      await throughProvider(client, provider, login),
      login,
      403,
      'your account is not in any group that gives access to this service',
    );
  });

  it('refuses an answer whose state was tampered with', async () => {
    const { login, client } = await person([TEST_GROUPS.reviewer]);
    const callback = await throughProvider(client, provider, login);
    const tampered = callback.replace(/state=([^&]+)/, (_all, state: string) => `state=${state.slice(0, -2)}xx`);
    expect(tampered).not.toBe(callback);
    await expectRefused(client, tampered, login, 400, 'the answer did not belong to a sign-in started in this browser');
  });

  it('refuses an answer that arrives without the sign-in this browser started', async () => {
    const { login, client } = await person([TEST_GROUPS.reviewer]);
    const callback = await throughProvider(client, provider, login);
    client.cookies.delete('hfrc_oidc_pending');
    await expectRefused(client, callback, login, 400, 'does not belong to a sign-in started in this browser');
  });

  it('refuses a replayed authorization code, even with the pending sign-in cookie replayed too', async () => {
    const { login, client } = await person([TEST_GROUPS.reviewer]);
    const callback = await throughProvider(client, provider, login);
    const pendingCookie = client.cookies.get('hfrc_oidc_pending')!;
    expect((await client.get(callback)).status).toBe(200);
    const user = await userOf(login);
    expect(await server.services.db.webSession.count({ where: { userId: user!.id } })).toBe(1);

    const replayer = new WebClient(server.baseUrl);
    replayer.cookies.set('hfrc_oidc_pending', pendingCookie);
    const replayed = await replayer.get(callback);
    expect(replayed.status).toBe(400);
    // The provider itself refuses the code a second time.
    expect(replayed.text).toContain('the provider refused to complete the sign-in (invalid_grant)');
    expect(replayer.cookies.has('hfrc_session')).toBe(false);
    expect(await server.services.db.webSession.count({ where: { userId: user!.id } })).toBe(1);
  });

  it.each<[Tamper, string]>([
    ['wrong-nonce', 'an ID token with the nonce of another sign-in'],
    ['expired', 'an expired ID token'],
    ['foreign-key', "an ID token signed by a key that is not the provider's"],
  ])('refuses %s (%s)', async (mode) => {
    const { login, client } = await person([TEST_GROUPS.admin]);
    const callback = await throughProvider(client, provider, login);
    await provider.tamperNextIdToken(mode);
    await expectRefused(client, callback, login, 400, 'the answer from the provider could not be verified');
  });
});

describe('the role follows the groups at every sign-in', () => {
  it('changes the role when the groups change, and refuses and signs out everywhere someone who lost the last group', async () => {
    const { login, email, client } = await person([TEST_GROUPS.reviewer]);
    await client.get(await throughProvider(client, provider, login));
    expect((await client.get('/queue')).status).toBe(200);
    const elsewhere = new WebClient(server.baseUrl);
    await elsewhere.get(await throughProvider(elsewhere, provider, login));
    const first = await userOf(login);
    expect(first!.role).toBe('reviewer');

    // Moved to recruiting: the next sign-in makes them a recruiter (the same account).
    await provider.setAccount(login, { email, groups: [TEST_GROUPS.recruiter] });
    expect((await client.get(await throughProvider(client, provider, login))).text).toContain('url=/candidates/new');
    expect(await userOf(login)).toMatchObject({ id: first!.id, role: 'recruiter' });
    expect((await client.get('/queue')).status).toBe(403);

    // Out of every mapped group: refused, and the session in the other browser ends too.
    await provider.setAccount(login, { email, groups: ['everyone'] });
    const refused = await client.get(await throughProvider(client, provider, login));
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('not in any group that gives access');
    expect((await elsewhere.get('/candidates/new')).location).toBe('/login?next=%2Fcandidates%2Fnew');
    expect(await server.services.db.webSession.count({ where: { userId: first!.id } })).toBe(0);
  });

  it('shows admins a single sign-on account as such, with no password to reset', async () => {
    const admin = await person([TEST_GROUPS.admin]);
    await admin.client.get(await throughProvider(admin.client, provider, admin.login));
    const member = await person([TEST_GROUPS.recruiter]);
    await member.client.get(await throughProvider(member.client, provider, member.login));
    const stored = await userOf(member.login);
    const page = await admin.client.get('/admin/users');
    expect(page.text).toMatch(
      new RegExp(
        `<td>${member.email}</td><td>recruiter <span class="muted">\\(from the identity provider's groups\\)</span></td><td><time[^>]*>[^<]*</time></td>\\s*<td>active \\(single sign-on\\)</td>`,
      ),
    );
    expect(page.text).not.toContain(`action="/admin/users/${stored!.id}/reset"`);
    expect(page.text).not.toContain(`action="/admin/users/${stored!.id}/role"`);
    expect((await admin.client.post(`/admin/users/${stored!.id}/reset`, { confirm: 'yes' })).status).toBe(409);
    // Its role follows its groups at every sign-in, so a change here would not hold: refused, with the reason.
    const roleChange = await admin.client.post(`/admin/users/${stored!.id}/role`, { role: 'admin' });
    expect(roleChange.status).toBe(409);
    expect(roleChange.text).toContain('its role follows its groups at the identity provider');
    expect(await userOf(member.login)).toMatchObject({ passwordHash: null });
    const listed = await runCli(['user', 'list'], { DATABASE_URL: server.databaseUrl });
    expect(listed.stdout).toMatch(
      new RegExp(`^${member.email}\trecruiter\tactive\t\\S+\toidc:${provider.issuer}#${member.login}$`, 'm'),
    );
  });

  it('keeps a disabled account out even while its groups still map to a role', async () => {
    const { login, client } = await person([TEST_GROUPS.admin]);
    await client.get(await throughProvider(client, provider, login));
    const user = await userOf(login);
    await server.services.web.users.setDisabled(user!.id, true);
    const again = await client.get(await throughProvider(client, provider, login));
    expect(again.status).toBe(403);
    expect(again.text).toContain('Your account on this service has been disabled.');
  });

  it('never joins a first single sign-on to a password account by its e-mail address', async () => {
    const { login, email, client } = await person([TEST_GROUPS.admin]);
    const local = await server.services.web.users.create(email, 'recruiter', 'test');
    const answer = await client.get(await throughProvider(client, provider, login));
    expect(answer.status).toBe(409);
    expect(answer.text).toContain(`A password account with the address ${email} already exists`);
    expect(await server.services.db.user.findUnique({ where: { id: local.user.id } })).toMatchObject({
      role: 'recruiter',
      externalId: null,
    });
  });
});

describe('sign-out', () => {
  it("ends the local session and sends the browser to the provider's end-session endpoint (RP-initiated logout)", async () => {
    const { login, client } = await person([TEST_GROUPS.reviewer]);
    await client.get(await throughProvider(client, provider, login));
    await client.get('/dashboard');
    const out = await client.post('/logout', {});
    // A page that moves on by itself: a redirect from the form's answer would break the pages' form-action 'self'.
    expect(out.status).toBe(200);
    const target = new URL(
      /<meta http-equiv="refresh" content="0;url=([^"]+)">/.exec(out.text)![1]!.replace(/&amp;/g, '&'),
    );
    expect(target.origin).toBe(provider.issuer);
    expect(target.searchParams.get('client_id')).toBe(provider.clientId);
    expect(target.searchParams.get('post_logout_redirect_uri')).toBe(`${server.baseUrl}/login?notice=signed-out`);
    expect(client.cookies.has('hfrc_session')).toBe(false);
    // The provider accepts the request and asks whether to sign out there too.
    const atProvider = await new WebClient(provider.issuer, {}, client.cookies).get(
      `${target.pathname}${target.search}`,
    );
    expect(atProvider.status).toBe(200);
    expect(atProvider.text).toContain('Do you want to sign-out from');
  });

  it('signs a password account out locally only', async () => {
    const email = `local.${process.pid}@example.com`;
    const created = await server.services.web.users.create(email, 'reviewer', 'test');
    const client = new WebClient(server.baseUrl);
    await client.signIn(email, created.oneTimePassword);
    await client.get('/account/password');
    expect((await client.post('/logout', {})).location).toBe('/login?notice=signed-out');
  });
});

describe('LOCAL_LOGIN=false', () => {
  let ssoOnly: TestServer;
  beforeAll(async () => {
    ssoOnly = await startTestServer({
      outboundAllowHosts: '127.0.0.1',
      signIn: async (baseUrl) => testSignInSettings(provider, baseUrl, false),
    });
  });
  afterAll(() => ssoOnly?.close());

  it('shows only the single sign-on button and refuses the password form, even with a right password', async () => {
    const email = `password.${process.pid}@example.com`;
    const created = await ssoOnly.services.web.users.create(email, 'admin', 'test');
    const client = new WebClient(ssoOnly.baseUrl);
    const page = await client.get('/login');
    expect(page.text).toContain('Sign in with Test IdP</a>');
    expect(page.text).not.toContain('action="/login"');
    expect(page.text).not.toContain('type="password"');
    // A well-formed post (the login CSRF token of the page's cookie) with the right one-time password.
    const refused = await client.post(
      '/login',
      { email, password: created.oneTimePassword },
      client.cookies.get('hfrc_login_csrf')!,
    );
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Password sign-in is turned off');
    expect(client.cookies.has('hfrc_session')).toBe(false);
    expect(await ssoOnly.services.db.webSession.count({ where: { userId: created.user.id } })).toBe(0);
  });
});

describe('a provider that cannot be used stops the start', () => {
  const settings = (issuer: string) => ({
    ...testSignInSettings(provider, 'http://127.0.0.1:1').oidc!,
    issuer: new URL(issuer),
  });
  const loopback = new OutboundClient(parseAllowHosts('127.0.0.1'));

  it('names OIDC_ISSUER when the discovery document cannot be fetched', async () => {
    const issuer = `http://127.0.0.1:${await freePort()}`;
    const failure = OidcSignIn.discover(settings(issuer), loopback);
    await expect(failure).rejects.toThrow(OidcDiscoveryError);
    await expect(failure).rejects.toThrow(
      `OIDC_ISSUER: the discovery document ${issuer}/.well-known/openid-configuration could not be read or is not valid`,
    );
  });

  it('names OUTBOUND_ALLOW_HOSTS when the outbound policy does not allow the provider', async () => {
    await expect(OidcSignIn.discover(settings(provider.issuer), new OutboundClient())).rejects.toThrow(
      /OIDC_ISSUER: .*a loopback address; a self-hosted receiver must be listed in OUTBOUND_ALLOW_HOSTS/,
    );
  });

  it.each([
    ['not JSON', 'text/html', '<html>Sign in</html>'],
    [
      'another issuer',
      'application/json',
      JSON.stringify({
        issuer: 'https://elsewhere.example',
        authorization_endpoint: 'https://elsewhere.example/auth',
        token_endpoint: 'https://elsewhere.example/token',
        jwks_uri: 'https://elsewhere.example/jwks',
        code_challenge_methods_supported: ['S256'],
      }),
    ],
    ['no PKCE', 'application/json', null],
  ])('refuses a malformed discovery document (%s)', async (_what, type, body) => {
    const fake = http.createServer((_req, res) => {
      const issuer = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
      res.setHeader('content-type', type);
      res.end(
        body ??
          JSON.stringify({
            issuer,
            authorization_endpoint: `${issuer}/auth`,
            token_endpoint: `${issuer}/token`,
            jwks_uri: `${issuer}/jwks`,
          }),
      );
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    try {
      await expect(
        OidcSignIn.discover(settings(`http://127.0.0.1:${(fake.address() as AddressInfo).port}`), loopback),
      ).rejects.toThrow(/^OIDC_ISSUER: the discovery document .* could not be read or is not valid \(.+\)/);
    } finally {
      fake.close();
    }
  });

  it('the service exits with one line naming OIDC_ISSUER', async () => {
    const issuer = `http://127.0.0.1:${await freePort()}`;
    const env = {
      DATABASE_URL: testDatabaseUrl(),
      OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'hfrc',
      OIDC_CLIENT_SECRET: 'a secret',
      OIDC_REDIRECT_URL: 'http://127.0.0.1:3000/login/oidc/callback',
      OIDC_REVIEWER_GROUPS: 'reviewers',
      WORKER_CONCURRENCY: '0',
    };
    const failure = await startService(env, 30_000).then(
      (running) => {
        running.child.kill('SIGKILL');
        throw new Error('started without its identity provider');
      },
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/exited with 1/);
    expect(failure).toContain(
      `could not start: OIDC_ISSUER: the discovery document ${issuer}/.well-known/openid-configuration could not be read or is not valid`,
    );
    expect(failure).not.toContain('a secret');
    expect(failure).not.toMatch(/\n\s+at /);
  }, 60_000);
});
