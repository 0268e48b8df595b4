// The pages in a real headless Chromium (Debian's chromium, driven by playwright-core): a recruiter tabs through the
// whole form, fixes it and reads the result; a reviewer tabs through the queue filters, opens the case, adds a note
// and decides; an admin adds a user, an API key and webhook sources.
// UPDATE_SCREENSHOTS=1 writes the screenshots to docs/screenshots/ (otherwise to a temporary folder).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { cleanApplicant, riskyApplicant } from '../support/applicants';
import { startTestServer, type TestServer } from '../support/test-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Chromium is Debian's package (`.ci/run` installs it). On a machine without it `npm test` skips these tests and
// says so; in CI (CI set) they always run, so a missing browser fails there.
const shouldRun = fs.existsSync(CHROMIUM) || Boolean(process.env.CI);
const browserTest = shouldRun ? it : it.skip;
if (!shouldRun)
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
const SHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? path.resolve(__dirname, '../../docs/screenshots')
    : fs.mkdtempSync(path.join(os.tmpdir(), 'hfrc-shots-'));
const WALLET = '0x9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';

let server: TestServer;
let browser: Browser;
const problems: string[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  // A CSP violation or a failed asset shows up here.
  page.on('console', (message) => {
    // Form errors answer 400 on purpose; anything else (a CSP violation, a missing asset) is a problem.
    if (message.type() === 'error' && !/status of 400 \(Bad Request\)/.test(message.text()))
      problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return page;
}

async function shot(page: Page, name: string, fullPage = false) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${server.baseUrl}/login`);
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function firstSignIn(page: Page, email: string, oneTimePassword: string, screenshot?: string) {
  await signIn(page, email, oneTimePassword);
  await page.waitForURL('**/account/password');
  if (screenshot) await shot(page, screenshot);
  await page.locator('#f-currentPassword').fill(oneTimePassword);
  await page.locator('#f-newPassword').fill('a long browser passphrase');
  await page.locator('#f-confirmPassword').fill('a long browser passphrase');
  await page.getByRole('button', { name: 'Save the new password' }).click();
}

// Keyboard checks run as page scripts through the DevTools protocol (the pages' CSP allows no script of their own).
// MARK_CONTROLS numbers the page's focusable controls in DOM order (data-tab-order) and returns that number of each
// one; FOCUSED says which control has focus and whether its computed style shows it (an outline or a box shadow).
// A control's name in the checks: its id, else name=value for a checkbox, else its name, else its text.
const NAME_OF = `(el) => el.id || (el.type === 'checkbox' ? el.name + '=' + el.value : '') || el.getAttribute('name') || el.textContent.trim()`;
const MARK_CONTROLS = `(() => {
  const controls = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
    .filter((el) => el.tabIndex >= 0 && !el.disabled && el.type !== 'hidden' && el.getClientRects().length > 0);
  controls.forEach((el, index) => el.setAttribute('data-tab-order', String(index)));
  return controls.map(${NAME_OF});
})()`;
const FOCUSED = `(() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    order: Number(el.getAttribute('data-tab-order') ?? -1),
    name: (${NAME_OF})(el),
    visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && style.outlineColor !== 'rgba(0, 0, 0, 0)') || style.boxShadow !== 'none',
  };
})()`;
type Focused = { order: number; name: string; visible: boolean };

/**
 * Presses Tab from the top of the page until the control named `last` has focus (calling `onFocus` at each new
 * control), and returns the controls in the order they took focus. A date input takes a Tab per part (day, month,
 * year): one control, counted once.
 */
async function tabThrough(
  page: Page,
  last: string,
  onFocus: (focused: Focused) => Promise<void> = async () => {},
): Promise<{ controls: string[]; visited: Focused[] }> {
  const controls = await page.evaluate<string[]>(MARK_CONTROLS);
  expect(controls).toContain(last);
  const visited: Focused[] = [];
  for (let presses = 0; presses < controls.length * 3 && visited.at(-1)?.name !== last; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate<Focused>(FOCUSED);
    if (visited.at(-1)?.order === focused.order) continue;
    visited.push(focused);
    await onFocus(focused);
  }
  return { controls, visited };
}

/** Focus went through every control up to `last`, in DOM order, none skipped, each with a visible focus style. */
function expectDomOrderWithVisibleFocus(
  { controls, visited }: { controls: string[]; visited: Focused[] },
  last: string,
) {
  expect(visited.map((focused) => focused.name)).toEqual(controls.slice(0, controls.indexOf(last) + 1));
  expect(visited.map((focused) => focused.order)).toEqual(visited.map((_, index) => index));
  expect(visited.filter((focused) => !focused.visible).map((focused) => focused.name)).toEqual([]);
}

beforeAll(async () => {
  if (!shouldRun) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  // Some history for the queue and the dashboard: API screenings, one of them sharing a wallet with the form's case.
  const key = await server.createKey('reviewer');
  const base = cleanApplicant();
  const seeds = [
    riskyApplicant({
      person: { ...base.person, legalName: 'Daniel Brooks' },
      payment: { method: 'crypto', accountHolderName: 'Li Na', wallet: { chain: 'ETH', address: WALLET } },
    }),
    cleanApplicant({ person: { ...base.person, legalName: 'Priya Raman', email: 'priya.raman@example.com' } }),
    cleanApplicant({
      person: { ...base.person, legalName: 'Jong In Chol', otherNames: [], dateOfBirth: '1979-01-05' },
      identityDocument: undefined,
      shipping: undefined,
      payment: { ...base.payment, accountHolderName: 'Jong In Chol' },
    }),
    riskyApplicant({
      person: { ...base.person, legalName: 'Kevin Marsh' },
      interview: { videoOn: false, cameraRefused: true },
    }),
  ];
  const ageHours = [74, 30, 20, 53];
  for (const [index, body] of seeds.entries()) {
    const answer = await server.request('POST', '/api/v1/screenings', { key, body });
    expect(answer.status).toBe(201);
    // Ages the queue and dashboard show against the 48 h review time (two over it).
    await server.services.pool.query('UPDATE cases SET created_at = now() - make_interval(hours => $2) WHERE id = $1', [
      answer.body.caseId,
      ageHours[index],
    ]);
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

browserTest(
  'a recruiter fixes the errors the form shows beside each field and reads the result',
  async () => {
    const { oneTimePassword } = await server.services.web.users.create(
      'rita.recruiter@example.com',
      'recruiter',
      'test',
    );
    const page = await newPage();
    await page.goto(`${server.baseUrl}/login`);
    await shot(page, 'login');
    await firstSignIn(page, 'rita.recruiter@example.com', oneTimePassword, 'password-change');
    await page.waitForURL('**/candidates/new');
    await shot(page, 'candidate-form');

    // Keyboard only: Tab from the top of the page through the whole form to its button: the skip link first, then every
    // control in DOM order, each with a visible focus style. The candidate's ATS id is typed on the way.
    const form = await tabThrough(page, 'Screen this candidate', async (focused) => {
      if (focused.name === 'f-externalId') await page.keyboard.type('ATS-4471');
    });
    expect(form.visited[0]!.name).toBe('Skip to content');
    expect(form.visited.length).toBeGreaterThan(60);
    expectDomOrderWithVisibleFocus(form, 'Screen this candidate');

    // Errors first: no legal name, a malformed e-mail, a phone number that cannot be dialled (all said at once).
    await page.locator('#f-person-email').fill('mara.silva(at)example.com');
    await page.locator('#f-person-phone').fill('+1 555 0142');
    await page.getByRole('button', { name: 'Screen this candidate' }).click();
    await page.locator('#error-summary').waitFor();
    expect(await page.locator('#f-person-legalName-error').textContent()).toBe('Error: is required');
    expect(await page.locator('#f-person-email-error').textContent()).toBe('Error: must be an e-mail address');
    expect(await page.locator('#f-person-phone-error').textContent()).toMatch(
      /^Error: is not a phone number that can be dialled/,
    );
    // The list of errors has the focus (autofocus), so keyboard and screen-reader users start there.
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('error-summary');
    expect(await page.locator('#f-person-email').inputValue()).toBe('mara.silva(at)example.com');
    expect(await page.locator('#f-externalId').inputValue()).toBe('ATS-4471');
    await shot(page, 'candidate-form-errors');

    // Fixed, with the laptop-farm pattern: interview from Beijing, laptop to another state, wages in crypto to someone else.
    await page.locator('#f-person-legalName').fill('Mara Silva');
    await page.locator('#f-person-email').fill('mara.silva@example.com');
    await page.locator('#f-person-phone').fill('+1 512 555 0142');
    await page.locator('#f-claimedLocation-country').selectOption('US');
    await page.locator('#f-claimedLocation-city').fill('Austin');
    await page.locator('#f-sessions-0-ip').fill('36.110.0.1');
    await page.locator('#f-sessions-0-kind').selectOption('interview');
    await page.getByLabel('Ship laptop to: street and number').fill('77 Elm Street');
    await page.getByLabel('Ship laptop to: city').fill('Phoenix');
    await page.getByLabel('Ship laptop to: country').selectOption('US');
    await page.getByLabel('Payment method').selectOption('crypto');
    await page.getByLabel('Account holder name').fill('Chen Wei');
    await page.getByLabel('Crypto wallet: chain').fill('ETH');
    await page.getByLabel('Crypto wallet: address').fill(WALLET);
    await page.getByLabel('Refused to turn the camera on?').selectOption('true');
    await page.getByRole('button', { name: 'Screen this candidate' }).click();
    await page.waitForURL(/\/submissions\/[0-9a-f-]{36}\?screened=1$/);
    expect(await page.locator('.band').first().textContent()).toBe('Critical');
    expect(await page.locator('.finding').count()).toBeGreaterThan(2);
    expect(await page.getByText('What to check next:').count()).toBeGreaterThan(2);
    expect(await page.content()).not.toMatch(/\{"/);
    // Link evidence names other people's cases: a recruiter sees only counts.
    expect(await page.content()).not.toContain('Daniel Brooks');
    await shot(page, 'result', true);

    // The recruiter's own submissions: this case, and no one else's.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My submissions' }).click();
    await page.waitForURL('**/submissions');
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody').textContent()).toContain('Mara Silva');
    await shot(page, 'submissions');
    await page.context().close();
    expect(problems).toEqual([]);
  },
  60_000,
);

browserTest(
  'a reviewer filters the queue by keyboard, opens the case, adds a note and decides',
  async () => {
    const { oneTimePassword } = await server.services.web.users.create('rob.reviewer@example.com', 'reviewer', 'test');
    const page = await newPage();
    await firstSignIn(page, 'rob.reviewer@example.com', oneTimePassword);
    await page.waitForURL('**/dashboard');
    await shot(page, 'dashboard', true);

    await page.getByRole('link', { name: 'Review queue' }).click();
    await page.waitForURL('**/queue');
    // Keyboard only: Tab through every filter to the CSV link (DOM order, visible focus), ticking "critical" with the
    // space bar on the way; then Shift+Tab back to "Apply filters" and Enter.
    const filters = await tabThrough(page, 'Download CSV of these cases', async (focused) => {
      if (focused.name === 'band=critical') await page.keyboard.press('Space');
    });
    expectDomOrderWithVisibleFocus(filters, 'Download CSV of these cases');
    for (const name of [
      'band=critical',
      'f-status',
      'f-assignee',
      'f-source',
      'f-from',
      'f-to',
      'f-sort',
      'Apply filters',
    ])
      expect(filters.controls).toContain(name);
    expect(await page.getByLabel('critical').isChecked()).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect((await page.evaluate<Focused>(FOCUSED)).name).toBe('Apply filters');
    await page.keyboard.press('Enter');
    await page.waitForURL(/band=critical/);
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    for (const band of await page.locator('tbody .band').allTextContents()) expect(band).toBe('Critical');
    expect(await page.locator('tbody').textContent()).not.toContain('Priya Raman');
    await shot(page, 'queue', true);

    await page.getByRole('link', { name: 'Mara Silva' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    expect(await page.locator('svg[role="img"] circle').count()).toBeGreaterThanOrEqual(1);
    // The wallet links Mara Silva's case to Daniel Brooks's.
    const links = page.locator('section[aria-labelledby="links-title"]');
    expect(await links.locator('table').textContent()).toContain('Daniel Brooks');
    // Each linked case in the graph by name, with what it shares on its own line (no edge labels to overlap names).
    expect(await links.locator('svg a', { hasText: 'Daniel Brooks' }).textContent()).toMatch(
      /shares crypto wallet, IP address/,
    );
    await links.screenshot({ path: path.join(SHOTS, 'case-links.png') });
    await shot(page, 'case', true);

    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.waitForURL(/done=assigned/);
    await page
      .getByLabel('Note', { exact: true })
      .fill('Video call booked for Monday; asked for the passport on camera.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.waitForURL(/done=note/);
    expect(await page.locator('#timeline').textContent()).toContain('asked for the passport on camera');

    // The check a finding recommends, done and recorded from the finding itself (the <details> opens by keyboard too).
    const finding = page.locator('#finding-net_geo_cn_ru_la_kp');
    await finding.locator('summary').focus();
    await page.keyboard.press('Enter');
    await finding.getByLabel('Outcome').selectOption('failed');
    await finding
      .getByLabel('What was done')
      .fill('Live video: could not show the Austin home; the window view did not match.');
    await finding.getByRole('button', { name: 'Record the check' }).click();
    await page.waitForURL(/done=verified/);
    expect(await page.locator('#finding-net_geo_cn_ru_la_kp .checks').textContent()).toContain(
      'could not show the Austin home',
    );
    await page.locator('#finding-net_geo_cn_ru_la_kp').screenshot({ path: path.join(SHOTS, 'finding-check.png') });

    // A decision without a reason is refused, beside the field; then recorded with one.
    await page.getByLabel('Confirmed fraud').check();
    await page.getByRole('button', { name: 'Record the decision' }).click();
    expect(await page.locator('#f-reason-error').textContent()).toContain('is required');
    await page.getByLabel('Confirmed fraud').check();
    await page
      .getByLabel('Reason', { exact: true })
      .fill('Refused the camera twice; interview connection from Beijing; wages to a third party in crypto.');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.waitForURL(/done=decided/);
    expect(await page.locator('aside.case-actions .status').textContent()).toBe('Confirmed fraud');
    expect(await page.locator('.banner').first().textContent()).toMatch(
      /^Decided: Confirmed fraud by rob\.reviewer@example\.com, \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC\. Reason: “Refused the camera twice/,
    );
    expect(await page.locator('#timeline').textContent()).toContain('Decided: Confirmed fraud');
    await shot(page, 'case-decided', true);

    // Shared addresses and accounts: the wallet Mara Silva and Daniel Brooks share is one group naming both.
    await page.goto(`${server.baseUrl}/farms`);
    const walletGroup = page
      .locator('section, article, tbody, li')
      .filter({ hasText: 'Daniel Brooks' })
      .filter({ hasText: 'Mara Silva' });
    expect(await walletGroup.count()).toBeGreaterThanOrEqual(1);
    await shot(page, 'farms', true);

    // The sanctions match beside the listed entry.
    await page.goto(`${server.baseUrl}/queue?status=all&band=critical&sort=-score`);
    await page.getByRole('link', { name: 'Jong In Chol' }).click();
    // The applicant's details beside the listed entry's, attribute by attribute.
    const review = page.locator('.sanctions-review').first();
    expect(await review.locator('tbody tr', { hasText: 'Date of birth' }).textContent()).toMatch(
      /born 1979[\s\S]*05 Jan 1979[\s\S]*Agrees/,
    );
    expect(await review.textContent()).toContain('North Korea sanctions (EO 13722)');
    // The sanctions finding with its "Mark as false positive (or confirm)" form opened by keyboard.
    const sanctions = page.locator('section[aria-labelledby="family-sanctions"]');
    await sanctions.locator('summary', { hasText: 'Mark as false positive (or confirm)' }).focus();
    await page.keyboard.press('Enter');
    expect(await sanctions.getByRole('button', { name: 'Mark the finding' }).isVisible()).toBe(true);
    await sanctions.screenshot({ path: path.join(SHOTS, 'case-sanctions.png') });
    await page.context().close();
    expect(problems).toEqual([]);
  },
  90_000,
);

// axe-core, injected through the DevTools protocol (the pages' CSP runs no script of their own): serious or critical only.
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<{ id: string; impact: string | null; nodes: { target: string[] }[] }[]>(
    `axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  );
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

async function pageAt(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => problems.push(error.message));
  return page;
}

browserTest(
  'the case page shows why it was flagged in the first screen, keeps the actions in reach, fits a phone and passes axe',
  async () => {
    const key = await server.createKey('reviewer');
    const base = cleanApplicant();
    const answer = await server.request('POST', '/api/v1/screenings', {
      key,
      body: riskyApplicant({
        person: { ...base.person, legalName: 'Lena Hart' },
        interview: { videoOn: false, cameraRefused: true, livenessCheck: 'failed' },
      }),
    });
    expect(answer.status).toBe(201);
    const caseId = answer.body.caseId as string;
    const { oneTimePassword } = await server.services.web.users.create('vera.reviewer@example.com', 'reviewer', 'test');
    const setup = await pageAt(1280, 800);
    await firstSignIn(setup, 'vera.reviewer@example.com', oneTimePassword);
    await setup.waitForURL('**/dashboard');
    const cookies = await setup.context().cookies();
    await setup.context().close();

    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
      [390, 844],
    ] as const) {
      const page = await pageAt(width, height);
      await page.context().addCookies(cookies);
      await page.goto(`${server.baseUrl}/cases/${caseId}`);
      // The reasons, with their points, end within the first screen (at 1280x800 and wider; a phone gets the summary first).
      const reasons = await page.locator('ol.reasons').boundingBox();
      expect(reasons).not.toBeNull();
      if (width >= 1280) expect(reasons!.y + reasons!.height).toBeLessThanOrEqual(height);
      expect(await page.locator('ol.reasons li').first().textContent()).toMatch(/\d+ points?/);
      // Wide screens use their width: the action panel sits beside the evidence and stays in reach when scrolled.
      const panel = page.locator('aside.case-actions');
      if (width >= 1280) {
        expect(await page.evaluate(`getComputedStyle(document.querySelector('aside.case-actions')).position`)).toBe(
          'sticky',
        );
        const main = (await page.locator('.case-main').boundingBox())!;
        expect((await panel.boundingBox())!.x).toBeGreaterThan(main.x + main.width - 1);
        // Deep in the evidence, the decision form is still on screen.
        await page.locator('#links-title').scrollIntoViewIfNeeded();
        expect(await page.evaluate('window.scrollY')).toBeGreaterThan(height);
        const decide = (await panel.getByRole('button', { name: 'Record the decision' }).boundingBox())!;
        expect(decide.y).toBeGreaterThanOrEqual(0);
        expect(decide.y + decide.height).toBeLessThanOrEqual(height);
      }
      if (width === 1920) expect((await page.locator('main').boundingBox())!.width).toBeGreaterThan(1500);
      // Nothing spills sideways, on a phone neither.
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
      await page.locator('ol.reasons').scrollIntoViewIfNeeded();
      await page.evaluate('window.scrollTo(0, 0)');
      await shot(page, `case-first-screen-${width}`);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.context().close();
    }

    // The recruiter's result page passes axe too, and says what to do next.
    const { oneTimePassword: recruiterPassword } = await server.services.web.users.create(
      'remy.recruiter@example.com',
      'recruiter',
      'test',
    );
    const page = await pageAt(1280, 800);
    await firstSignIn(page, 'remy.recruiter@example.com', recruiterPassword);
    await page.waitForURL('**/candidates/new');
    await page.locator('#f-person-legalName').fill('Owen Pike');
    await page.locator('#f-claimedLocation-country').selectOption('US');
    await page.locator('#f-sessions-0-ip').fill('36.110.0.1');
    await page.locator('#f-sessions-0-kind').selectOption('interview');
    await page.getByRole('button', { name: 'Screen this candidate' }).click();
    await page.waitForURL(/\/submissions\/[0-9a-f-]{36}\?screened=1$/);
    expect(await page.locator('#next-step-title').textContent()).toMatch(/^Next step: /);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
    expect(problems).toEqual([]);
  },
  90_000,
);

browserTest(
  'an admin adds a user, an API key and webhook sources, each secret shown once',
  async () => {
    const { oneTimePassword } = await server.services.web.users.create('ada.admin@example.com', 'admin', 'test');
    const page = await newPage();
    await firstSignIn(page, 'ada.admin@example.com', oneTimePassword);
    await page.waitForURL('**/dashboard');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('E-mail address').fill('sam.reviewer@example.com');
    await page.getByLabel('Role', { exact: true }).selectOption('reviewer');
    await page.getByRole('button', { name: 'Add the user' }).click();
    expect(await page.locator('.secret').textContent()).toMatch(/^[A-Za-z0-9]{20}$/);
    // Reloaded, the list has the new user and no password.
    await page.goto(`${server.baseUrl}/admin/users`);
    expect(await page.locator('.secret').count()).toBe(0);
    expect(await page.locator('tbody').textContent()).toContain('sam.reviewer@example.com');
    await shot(page, 'admin-users', true);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Who or what uses it').fill('greenhouse-sync');
    await page.getByLabel('Role', { exact: true }).selectOption('recruiter');
    await page.getByRole('button', { name: 'Create the key' }).click();
    expect(await page.locator('.secret').textContent()).toMatch(/^hfrc_/);
    await page.goto(`${server.baseUrl}/admin/api-keys`);
    expect(await page.locator('.secret').count()).toBe(0);
    await shot(page, 'admin-api-keys', true);

    // Webhook sources: Greenhouse gets a generated secret, shown once; Lever's own token is pasted; one is disabled.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhook sources' }).click();
    await page.getByLabel('ATS', { exact: true }).selectOption('greenhouse');
    await page.locator('#f-name').fill('greenhouse-acme');
    await page.getByRole('button', { name: 'Add the source' }).click();
    const secret = (await page.locator('.secret').textContent())!;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByRole('status').textContent()).toContain('Configure > Dev Center > Web Hooks');
    await page.getByLabel('ATS', { exact: true }).selectOption('lever');
    await page.locator('#f-name').fill('lever-acme');
    await page.getByRole('button', { name: 'Add the source' }).click();
    expect(await page.locator('#f-secret-error').textContent()).toContain('Lever issues the signing token');
    await page.getByLabel('Signing secret from the ATS').fill('lever-signing-token-from-lever-0001');
    await page.getByRole('button', { name: 'Add the source' }).click();
    expect(await page.getByRole('status').textContent()).toContain('created with the token you gave');
    await page.getByLabel('ATS', { exact: true }).selectOption('generic');
    await page.locator('#f-name').fill('careers-site');
    await page.getByRole('button', { name: 'Add the source' }).click();
    expect(await page.locator('.secret').textContent()).toMatch(/^whsec_/);
    // Disabling is confirmed: the "I am sure" box beside the button.
    await page.getByLabel('I am sure: Disable careers-site').check();
    await page.getByRole('button', { name: 'Disable careers-site' }).click();
    await page.waitForURL(/done=disabled/);
    expect(await page.locator('.secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    await shot(page, 'admin-webhook-sources', true);
    await page.context().close();
    expect(problems).toEqual([]);
  },
  60_000,
);
