// Starts a real OpenID provider (test/support/oidc-provider-process.mjs, the oidc-provider package) on a loopback
// port and signs in through it as a browser would, following its redirects and filling in its own login page.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Role } from '../../src/auth/api-keys';
import type { SignInSettings } from '../../src/config-sign-in';
import type { WebClient } from '../browser/web-client';
import { WebClient as Client } from '../browser/web-client';

export type Tamper = 'expired' | 'wrong-nonce' | 'foreign-key';

export interface TestProvider {
  issuer: string;
  clientId: string;
  /** Adds or changes an account at the provider: its login (the subject), e-mail address and groups. */
  setAccount(login: string, account: { email?: string; groups: string[] }): Promise<void>;
  /** The next ID token the provider sends is altered (and re-signed) this way. */
  tamperNextIdToken(mode: Tamper): Promise<void>;
  close(): Promise<void>;
}

export const TEST_GROUPS: Record<Role, string> = {
  admin: 'hfrc-admins',
  reviewer: 'hfrc-reviewers',
  recruiter: 'hfrc-recruiters',
};

export async function startTestProvider(serviceBaseUrl: string): Promise<TestProvider> {
  const clientId = 'hfrc-test-client';
  const settings = {
    clientId,
    clientSecret: 'a client secret of the test provider',
    redirectUri: `${serviceBaseUrl}/login/oidc/callback`,
    postLogoutRedirectUri: `${serviceBaseUrl}/login?notice=signed-out`,
  };
  const child: ChildProcess = fork(path.join(__dirname, 'oidc-provider-process.mjs'), [JSON.stringify(settings)], {
    execArgv: [],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { type: string; issuer: string }) => resolve(message.issuer));
    child.once('exit', (code) => reject(new Error(`the test provider exited (${code}): ${stderr}`)));
  });
  let counter = 0;
  const send = (message: Record<string, unknown>) =>
    new Promise<void>((resolve) => {
      const id = ++counter;
      const onMessage = (answer: { type: string; id: number }) => {
        if (answer.id !== id) return;
        child.off('message', onMessage);
        resolve();
      };
      child.on('message', onMessage);
      child.send({ ...message, id });
    });
  return {
    issuer,
    clientId,
    setAccount: (login, account) => send({ type: 'account', login, email: account.email, groups: account.groups }),
    tamperNextIdToken: (mode) => send({ type: 'tamper', mode }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/** Sign-in settings for a service that trusts the test provider (roles from the `groups` claim). */
export function testSignInSettings(
  provider: TestProvider,
  serviceBaseUrl: string,
  isLocalLoginOn = true,
): SignInSettings {
  return {
    isLocalLoginOn,
    oidc: {
      issuer: new URL(provider.issuer),
      clientId: provider.clientId,
      clientSecret: 'a client secret of the test provider',
      redirectUrl: new URL(`${serviceBaseUrl}/login/oidc/callback`),
      providerName: 'Test IdP',
      rolesClaim: 'groups',
      groups: { admin: [TEST_GROUPS.admin], reviewer: [TEST_GROUPS.reviewer], recruiter: [TEST_GROUPS.recruiter] },
    },
  };
}

/**
 * Starts a single sign-on from the service's sign-in button, signs in on the provider's own login page (when the
 * provider has no session yet) and stops at the provider's redirect back: the callback path the service would get.
 */
export async function throughProvider(
  client: WebClient,
  provider: TestProvider,
  login: string,
  next?: string,
): Promise<string> {
  const started = await client.get(`/login/oidc${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  if (started.status !== 303 || !started.location?.startsWith(provider.issuer))
    throw new Error(`the sign-in button answered ${started.status} ${started.location}`);
  const atProvider = new Client(provider.issuer, {}, client.cookies);
  let location = started.location.slice(provider.issuer.length);
  for (let hop = 0; hop < 10; hop += 1) {
    const answer = await atProvider.get(location);
    if (answer.status === 200 && answer.text.includes('name="prompt" value="login"')) {
      const action = /<form[^>]*action="([^"]+)"/.exec(answer.text)![1]!.replace(/&amp;/g, '&');
      const submitted = await atProvider.post(
        new URL(action, provider.issuer).pathname,
        { prompt: 'login', login, password: 'any password' },
        null,
      );
      location = submitted.location!;
    } else if (answer.status === 302 || answer.status === 303) {
      location = answer.location!;
    } else {
      throw new Error(`the provider answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    }
    if (location.startsWith(client.baseUrl)) return location.slice(client.baseUrl.length);
    if (location.startsWith(provider.issuer)) location = location.slice(provider.issuer.length);
  }
  throw new Error('the provider never sent the browser back');
}
