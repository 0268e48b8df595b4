// Issue 17 in a real headless Chromium: a four-eyes clearing by two reviewers, a 300-character unbroken name that
// must not widen the queue, and axe-core (injected through the DevTools protocol; the pages allow no script) on the
// queue, the candidate form, the admin pages and every other page at 1280 and 390 px: no serious or critical violation.
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { cleanApplicant, riskyApplicant } from '../support/applicants';
import { startTestServer, type TestServer } from '../support/test-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const shouldRun = fs.existsSync(CHROMIUM) || Boolean(process.env.CI);
const browserTest = shouldRun ? it : it.skip;
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let server: TestServer;
let browser: Browser;
let counter = 0;

async function newPage(width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

/** A new account of the role, signed in on its own page with its password changed. */
async function signedIn(
  role: 'recruiter' | 'reviewer' | 'admin',
  width = 1280,
): Promise<{ page: Page; email: string }> {
  const email = `${role}.browser.${process.pid}.${++counter}@example.com`;
  const { oneTimePassword } = await server.services.web.users.create(email, role, 'test');
  const page = await newPage(width);
  await page.goto(`${server.baseUrl}/login`);
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill(oneTimePassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/account/password');
  await page.locator('#f-currentPassword').fill(oneTimePassword);
  await page.locator('#f-newPassword').fill('a long browser passphrase');
  await page.locator('#f-confirmPassword').fill('a long browser passphrase');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.waitForLoadState();
  return { page, email };
}

type Violation = { id: string; impact: string | null; targets: string[] };

/** axe-core's serious and critical violations of the page as it is now. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<Violation[]>(
    `axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((node) => node.target.join(' ')) })))`,
  );
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

const widths = (page: Page) =>
  page.evaluate<{ scroll: number; inner: number }>(
    '({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })',
  );

beforeAll(async () => {
  if (!shouldRun) return;
  server = await startTestServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

browserTest(
  'a critical case is cleared only after a second reviewer approves; the first cannot approve their own request',
  async () => {
    const key = await server.createKey('reviewer');
    const base = cleanApplicant();
    const listed = cleanApplicant({
      person: { ...base.person, legalName: 'Jong In Chol', otherNames: [], dateOfBirth: '1979-01-05' },
      identityDocument: undefined,
      shipping: undefined,
      payment: { ...base.payment, accountHolderName: 'Jong In Chol' },
    });
    const screened = await server.request('POST', '/api/v1/screenings', { key, body: listed });
    expect(screened.body.band).toBe('critical');
    const caseUrl = `${server.baseUrl}/cases/${screened.body.caseId}`;

    const first = await signedIn('reviewer');
    await first.page.goto(caseUrl);
    await first.page.getByLabel('Cleared: not fraud').check();
    await first.page.locator('#f-reason').fill('Passport seen on a video call: another person.');
    await first.page.getByRole('button', { name: 'Record the decision' }).click();
    await first.page.waitForURL('**?done=awaiting');
    await expect(first.page.getByRole('heading', { name: 'Awaiting second review' }).isVisible()).resolves.toBe(true);
    await expect(first.page.locator('a.status.awaiting').textContent()).resolves.toBe('awaiting second review');
    expect(await first.page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await expect(first.page.locator('dl.evidence .status').first().textContent()).resolves.toBe('Open');

    const second = await signedIn('reviewer');
    await second.page.goto(caseUrl);
    await second.page.getByRole('button', { name: 'Approve' }).click();
    await second.page.waitForURL('**?done=approved');
    await expect(second.page.locator('dl.evidence .status').first().textContent()).resolves.toBe('Cleared');
    expect(await second.page.getByRole('heading', { name: 'Awaiting second review' }).count()).toBe(0);
    expect((await server.request('GET', `/api/v1/cases/${screened.body.caseId}`, { key })).body).toMatchObject({
      status: 'cleared',
      awaitingSecondReview: false,
    });
  },
);

browserTest(
  'a 300-character unbroken name leaves the queue no wider than the window, at 1280 and at 390 pixels',
  async () => {
    const key = await server.createKey('reviewer');
    const screened = await server.request('POST', '/api/v1/screenings', { key, body: riskyApplicant() });
    const longName = `W${'m'.repeat(299)}`;
    // Longer than the contract allows: the layout must hold whatever is stored.
    await server.services.pool.query('UPDATE cases SET subject_name = $2 WHERE id = $1', [
      screened.body.caseId,
      longName,
    ]);
    for (const width of [1280, 390]) {
      const { page } = await signedIn('reviewer', width);
      await page.goto(`${server.baseUrl}/queue?status=all`);
      await expect(
        page.locator(`a[href="/cases/${screened.body.caseId}"] span.cut`).getAttribute('title'),
      ).resolves.toBe(longName);
      const { scroll, inner } = await widths(page);
      const wide = await page.evaluate<string[]>(
        `[...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.table-scroll')).slice(0, 8).map((el) => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right))`,
      );
      expect({ width, isWithin: scroll <= inner, scroll, wide }).toEqual({
        width,
        isWithin: true,
        scroll: expect.any(Number),
        wide: [],
      });
    }
  },
);

browserTest(
  'at 390 pixels the dashboard, a case page and the farm view are no wider than the window (their tables scroll in their own box)',
  async () => {
    const key = await server.createKey('reviewer');
    const screened = await server.request('POST', '/api/v1/screenings', { key, body: riskyApplicant() });
    // A second one at the same address: the farm view has a group, with its own page.
    await server.request('POST', '/api/v1/screenings', { key, body: riskyApplicant() });
    const shared = (await server.request('GET', `/api/v1/cases/${screened.body.caseId}`, { key })).body
      .sharedValues as { kind: string; valueId: string }[];
    const group = shared.find((value) => value.kind === 'shipping_address')!;
    const { page } = await signedIn('reviewer', 390);
    for (const path of [
      '/dashboard',
      `/cases/${screened.body.caseId}`,
      '/queue?status=all',
      '/farms',
      `/farms/shipping_address/${group.valueId}`,
    ]) {
      await page.goto(`${server.baseUrl}${path}`);
      const { scroll, inner } = await widths(page);
      const wide =
        scroll <= inner
          ? []
          : await page.evaluate<string[]>(
              `[...document.querySelectorAll('main *')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('table')).slice(0, 6).map((el) => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right))`,
            );
      expect({ path, scroll: scroll <= inner ? 'within' : `${scroll} > ${inner}`, wide }).toEqual({
        path,
        scroll: 'within',
        wide: [],
      });
    }
  },
);

browserTest(
  'axe-core finds no serious or critical violation on the queue, the candidate form and the admin pages',
  async () => {
    const reviewer = await signedIn('reviewer');
    await reviewer.page.goto(`${server.baseUrl}/queue?status=all`);
    expect({ page: 'queue', violations: await seriousViolations(reviewer.page) }).toEqual({
      page: 'queue',
      violations: [],
    });

    const recruiter = await signedIn('recruiter');
    await recruiter.page.goto(`${server.baseUrl}/candidates/new`);
    expect({ page: 'form', violations: await seriousViolations(recruiter.page) }).toEqual({
      page: 'form',
      violations: [],
    });
    // The form answered with its errors.
    await recruiter.page.locator('form[action="/candidates"] button[type="submit"]').last().click();
    await recruiter.page.waitForLoadState();
    expect({ page: 'form with errors', violations: await seriousViolations(recruiter.page) }).toEqual({
      page: 'form with errors',
      violations: [],
    });

    const admin = await signedIn('admin');
    // The admin's navigation holds on one line at 1280 pixels.
    await admin.page.goto(`${server.baseUrl}/admin/users`);
    const lineTops = await admin.page.evaluate<number[]>(
      `[...document.querySelectorAll('header.top nav li')].map((li) => Math.round(li.getBoundingClientRect().top))`,
    );
    expect(lineTops.length).toBeGreaterThan(4);
    expect(new Set(lineTops).size).toBe(1);
    // And the bar itself (brand, navigation, the signed-in line) is one row.
    const centres = await admin.page.evaluate<number[]>(
      `[...document.querySelectorAll('header.top .bar > *')].map((el) => { const box = el.getBoundingClientRect(); return box.top + box.height / 2; })`,
    );
    expect(Math.max(...centres) - Math.min(...centres)).toBeLessThan(8);
    const { scroll, inner } = await widths(admin.page);
    expect(scroll).toBeLessThanOrEqual(inner);
    for (const path of ['/admin/users', '/admin/api-keys', '/admin/webhook-sources']) {
      await admin.page.goto(`${server.baseUrl}${path}`);
      expect({ page: path, violations: await seriousViolations(admin.page) }).toEqual({ page: path, violations: [] });
    }
  },
);

browserTest(
  'axe-core finds no serious or critical violation on every other page, at desktop and phone widths',
  async () => {
    const checked: string[] = [];
    const sweep = async (page: Page, paths: string[]) => {
      for (const path of paths) {
        await page.goto(`${server.baseUrl}${path}`);
        expect({ path, violations: await seriousViolations(page) }).toEqual({ path, violations: [] });
        checked.push(`${path}@${page.viewportSize()?.width}`);
      }
    };
    for (const width of [1280, 390]) {
      const signedOut = await newPage(width);
      await sweep(signedOut, ['/login']);
      const recruiter = await signedIn('recruiter', width);
      const screened = await server.request('POST', '/api/v1/screenings', {
        key: await server.createKey('recruiter'),
        body: riskyApplicant(),
      });
      expect(screened.status).toBe(201);
      await sweep(recruiter.page, ['/', '/submissions', '/account/password']);
      const reviewer = await signedIn('reviewer', width);
      await sweep(reviewer.page, ['/dashboard', `/cases/${screened.body.caseId}`, '/queue?view=mine', '/farms']);
      const admin = await signedIn('admin', width);
      await sweep(admin.page, ['/admin/known-addresses', '/admin/webhook-sources']);
    }
    expect(checked).toHaveLength(20);
  },
);

browserTest("the queue's filters are open on a desktop and fold under one line on a phone", async () => {
  const desktop = await signedIn('reviewer', 1280);
  await desktop.page.goto(`${server.baseUrl}/queue?band=critical&band=high`);
  await expect(desktop.page.locator('#f-source').isVisible()).resolves.toBe(true);
  await expect(desktop.page.locator('.filter-panel > summary').isVisible()).resolves.toBe(false);
  await desktop.page.locator('#f-source').fill('api');
  await desktop.page.getByRole('button', { name: 'Apply filters' }).click();
  await desktop.page.waitForURL(/source=api/);

  const phone = await signedIn('reviewer', 390);
  await phone.page.goto(`${server.baseUrl}/queue?band=critical&band=high`);
  await expect(phone.page.locator('#f-source').isVisible()).resolves.toBe(false);
  await expect(phone.page.locator('.filter-panel > summary').textContent()).resolves.toBe('Filters (1 set)');
  // One line, not a screenful: the cases start within the first screen instead of below every filter.
  const formHeight = await phone.page.evaluate<number>(
    `document.querySelector('form[action="/queue"]').getBoundingClientRect().height`,
  );
  expect(formHeight).toBeLessThan(100);
  const tableTop = await phone.page.evaluate<number>(
    `document.querySelector('main table, main .notice').getBoundingClientRect().top`,
  );
  expect(tableTop).toBeLessThan(844);
  await phone.page.locator('.filter-panel > summary').click();
  await expect(phone.page.locator('#f-source').isVisible()).resolves.toBe(true);
});
