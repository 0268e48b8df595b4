// Single sign-on in a real headless Chromium: a reviewer clicks 'Sign in with Test IdP', signs in on the provider's
// own login page (oidc-provider on loopback), lands on the dashboard, and signs out at the provider too.
// UPDATE_SCREENSHOTS=1 writes the screenshot of the sign-in page to docs/screenshots/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startTestProvider, testSignInSettings, TEST_GROUPS, type TestProvider } from '../support/oidc-test-provider';
import { startTestServer, type TestServer } from '../support/test-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// As in web-browser.test.ts: skipped with a notice without Chromium, always run in CI.
const shouldRun = fs.existsSync(CHROMIUM) || Boolean(process.env.CI);
const browserTest = shouldRun ? it : it.skip;
if (!shouldRun)
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
const SHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? path.resolve(__dirname, '../../docs/screenshots')
    : fs.mkdtempSync(path.join(os.tmpdir(), 'hfrc-shots-'));

let server: TestServer;
let provider: TestProvider;
let browser: Browser;

beforeAll(async () => {
  if (!shouldRun) return;
  server = await startTestServer({
    outboundAllowHosts: '127.0.0.1',
    signIn: async (baseUrl) => {
      provider = await startTestProvider(baseUrl);
      return testSignInSettings(provider, baseUrl);
    },
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await provider?.close();
});

browserTest(
  "a reviewer signs in through the provider's login page, lands on the dashboard and signs out at the provider too",
  async () => {
    await provider.setAccount('sam.sso', { email: 'sam.sso@corp.example', groups: ['everyone', TEST_GROUPS.reviewer] });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(10_000);
    // Our pages run under a CSP with no script: any console error on them (a violation, a missing asset) is a problem.
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && page.url().startsWith(server.baseUrl))
        problems.push(`${message.text()} ${message.location().url}`);
    });

    await page.goto(`${server.baseUrl}/queue`);
    await page.waitForURL('**/login?next=%2Fqueue');
    await page.screenshot({ path: path.join(SHOTS, 'login-sso.png') });
    await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();

    // The provider's own login page.
    await page.waitForURL(`${provider.issuer}/interaction/**`);
    await page.locator('input[name="login"]').fill('sam.sso');
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();

    // Back through the callback to the page first asked for, with the role from the groups claim.
    await page.waitForURL(`${server.baseUrl}/queue`);
    expect(await page.locator('header .who span').textContent()).toBe('sam.sso@corp.example (reviewer)');
    expect(await page.locator('header .who a[href="/account/password"]').count()).toBe(0);
    expect(await page.locator('h1').first().textContent()).toMatch(/queue/i);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${provider.issuer}/session/end**`);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${server.baseUrl}/login?notice=signed-out`);
    expect(await page.getByRole('status').textContent()).toBe('You are signed out.');
    expect((await page.context().cookies(server.baseUrl)).map((cookie) => cookie.name)).not.toContain('hfrc_session');
    expect(problems).toEqual([]);
  },
);
