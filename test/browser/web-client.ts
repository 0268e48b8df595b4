// A cookie-keeping HTTP client for the pages (no redirects followed), and signed-in users of each role.
import type { Role } from '../../src/auth/api-keys';
import type { TestServer } from '../support/test-server';

export interface PageAnswer {
  status: number;
  text: string;
  headers: Headers;
  location: string | null;
}

export class WebClient {
  /** The last page's CSRF token (from its hidden _csrf field). */
  csrf = '';

  /** `cookies` may be another client's: a browser's one jar for this site and an identity provider on loopback. */
  constructor(
    readonly baseUrl: string,
    readonly headers: Record<string, string> = {},
    readonly cookies = new Map<string, string>(),
  ) {}

  private async send(method: string, path: string, body?: URLSearchParams): Promise<PageAnswer> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...this.headers,
        ...(this.cookies.size
          ? { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') }
          : {}),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1]!;
    return { status: response.status, text, headers: response.headers, location: response.headers.get('location') };
  }

  get(path: string): Promise<PageAnswer> {
    return this.send('GET', path);
  }

  /** Posts a form; the page's CSRF token is added unless `_csrf` is given (null: leave it out). */
  post(path: string, fields: Record<string, string | string[]>, csrf: string | null = this.csrf): Promise<PageAnswer> {
    const body = new URLSearchParams();
    if (csrf !== null) body.append('_csrf', csrf);
    for (const [name, value] of Object.entries(fields))
      for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
    return this.send('POST', path, body);
  }

  async signIn(email: string, password: string): Promise<PageAnswer> {
    await this.get('/login');
    return this.post('/login', { email, password });
  }
}

let counter = 0;

/** A new account of the role, signed in, its one-time password already changed. */
export async function signedInUser(
  server: TestServer,
  role: Role,
  options: { baseUrl?: string; headers?: Record<string, string> } = {},
) {
  const email = `${role}.${process.pid}.${++counter}@example.com`;
  const created = await server.services.web.users.create(email, role, 'test');
  const client = new WebClient(options.baseUrl ?? server.baseUrl, options.headers);
  const signIn = await client.signIn(email, created.oneTimePassword);
  if (signIn.location !== '/account/password') throw new Error(`sign-in answered ${signIn.status} ${signIn.location}`);
  const password = `correct horse battery ${counter} staple`;
  await client.get('/account/password');
  const changed = await client.post('/account/password', {
    currentPassword: created.oneTimePassword,
    newPassword: password,
    confirmPassword: password,
  });
  if (changed.status !== 303) throw new Error(`password change answered ${changed.status}`);
  return { client, email, password, user: created.user };
}
