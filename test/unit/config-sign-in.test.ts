import { loadConfig } from '../../src/config';

const sso = {
  OIDC_ISSUER: 'https://login.example.com/tenant/v2.0',
  OIDC_CLIENT_ID: 'risk-checker',
  OIDC_CLIENT_SECRET: 'a client secret',
  OIDC_REDIRECT_URL: 'https://risk.example.com/login/oidc/callback',
  OIDC_REVIEWER_GROUPS: 'security-reviewers, fraud-team ',
};

describe('sign-in configuration (LOCAL_LOGIN, OIDC_*)', () => {
  it('has passwords only by default', () => {
    expect(loadConfig({}).signIn).toEqual({ isLocalLoginOn: true });
  });

  it('reads single sign-on: groups per role, the roles claim (default groups) and the provider name (default the issuer host)', () => {
    const { signIn } = loadConfig({ ...sso, OIDC_ADMIN_GROUPS: 'risk-admins', LOCAL_LOGIN: 'false' });
    expect(signIn.isLocalLoginOn).toBe(false);
    expect(signIn.oidc).toMatchObject({
      clientId: 'risk-checker',
      providerName: 'login.example.com',
      rolesClaim: 'groups',
      groups: { admin: ['risk-admins'], reviewer: ['security-reviewers', 'fraud-team'], recruiter: [] },
    });
    expect(signIn.oidc!.issuer.href).toBe('https://login.example.com/tenant/v2.0');
    expect(
      loadConfig({ ...sso, OIDC_PROVIDER_NAME: 'Okta', OIDC_ROLES_CLAIM: 'realm_access.roles' }).signIn.oidc,
    ).toMatchObject({ providerName: 'Okta', rolesClaim: 'realm_access.roles' });
  });

  it.each<[Record<string, string>, RegExp]>([
    [{ LOCAL_LOGIN: 'no' }, /LOCAL_LOGIN: /],
    [{ LOCAL_LOGIN: 'false' }, /LOCAL_LOGIN: false needs single sign-on/],
    [{ OIDC_CLIENT_ID: 'x' }, /OIDC_CLIENT_ID: is set but OIDC_ISSUER is not/],
    [{ ...sso, OIDC_CLIENT_SECRET: ' ' }, /OIDC_CLIENT_SECRET: is required with OIDC_ISSUER/],
    [{ ...sso, OIDC_REVIEWER_GROUPS: ' , ' }, /OIDC_ADMIN_GROUPS: at least one of/],
    [{ ...sso, OIDC_ISSUER: 'http://login.example.com' }, /OIDC_ISSUER: must be an https URL/],
    [
      { ...sso, OIDC_ISSUER: 'https://login.example.com/?tenant=1' },
      /OIDC_ISSUER: must be an http\(s\) URL without query/,
    ],
    [
      { ...sso, OIDC_REDIRECT_URL: 'https://risk.example.com/callback' },
      /OIDC_REDIRECT_URL: must be this service's address followed by \/login\/oidc\/callback/,
    ],
    [{ ...sso, OIDC_ROLES_CLAIM: 'groups[0]' }, /OIDC_ROLES_CLAIM: must be a claim name/],
  ])('stops on a bad value, naming the variable: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never puts the client secret in the message', () => {
    expect(() => loadConfig({ ...sso, OIDC_REDIRECT_URL: 'nope' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('a client secret') }),
    );
  });

  it('accepts plain http for a provider on this machine only', () => {
    expect(loadConfig({ ...sso, OIDC_ISSUER: 'http://127.0.0.1:8080/realms/acme' }).signIn.oidc!.issuer.host).toBe(
      '127.0.0.1:8080',
    );
    expect(loadConfig({ ...sso, OIDC_ISSUER: 'http://localhost:8080/realms/acme' }).signIn.oidc!.issuer.hostname).toBe(
      'localhost',
    );
  });
});
