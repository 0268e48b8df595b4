// A real OpenID provider (the oidc-provider package) on a loopback port, run as its own Node process because it is an
// ES module only. The test drives it over IPC: accounts and their groups, and one misbehaving token answer at a time.
import http from 'node:http';
import * as jose from 'jose';
import Provider from 'oidc-provider';

const { clientId, clientSecret, redirectUri, postLogoutRedirectUri } = JSON.parse(process.argv[2]);
const accounts = new Map();
// 'expired' | 'wrong-nonce' | 'foreign-key' | null: how the next ID token is altered before it leaves.
let tamper = null;

const signingKey = { ...(await jose.exportJWK((await jose.generateKeyPair('RS256', { extractable: true })).privateKey)), kid: 'provider-key', alg: 'RS256', use: 'sig' };
const foreignKey = (await jose.generateKeyPair('RS256', { extractable: true })).privateKey;

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], post_logout_redirect_uris: [postLogoutRedirectUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
  jwks: { keys: [signingKey] },
  cookies: { keys: ['test-cookie-key-of-the-oidc-provider'] },
  pkce: { required: () => true },
  // Groups and e-mail in the ID token itself, as Okta, Entra ID and Keycloak are set up to send them.
  conformIdTokenClaims: false,
  claims: { openid: ['sub', 'groups'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  async findAccount(_ctx, id) {
    const account = accounts.get(id);
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, email: account.email, email_verified: true, name: account.name ?? id, groups: [...accounts.get(id).groups] }) };
  },
  // A first-party client: the user is not asked to consent.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== '/token' || !tamper || !ctx.body?.id_token) return;
  const mode = tamper;
  tamper = null;
  const payload = jose.decodeJwt(ctx.body.id_token);
  const now = Math.floor(Date.now() / 1000);
  if (mode === 'expired') Object.assign(payload, { iat: now - 7200, exp: now - 3600 });
  if (mode === 'wrong-nonce') payload.nonce = 'a-nonce-of-another-sign-in';
  const key = mode === 'foreign-key' ? foreignKey : await jose.importJWK(signingKey, 'RS256');
  ctx.body = { ...ctx.body, id_token: await new jose.SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'provider-key' }).sign(key) };
});

server.on('request', provider.callback());

process.on('message', (message) => {
  if (message.type === 'account') accounts.set(message.login, { email: message.email, groups: message.groups, name: message.name });
  if (message.type === 'tamper') tamper = message.mode;
  process.send({ type: 'done', id: message.id });
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready', issuer });
