// Every secret the service handles, used the ways clients and operators use them, with logs at trace level: none of
// them may appear in any log line (service, CLI, in-process services).
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { createServices, type Services } from '../../src/services';
import { signLike } from '../../src/crypto/signatures';
import { WebClient } from '../browser/web-client';
import { cleanApplicant, riskyApplicant } from '../support/applicants';
import { runCli, startService, type ServiceProcess } from '../support/processes';
import { cloneDatabase, dropDatabase, freePort, uniqueDatabaseName } from '../support/test-database';

const random = (label: string) => `${label}-${crypto.randomBytes(12).toString('hex')}`;
const LINK_KEY = crypto.randomBytes(32).toString('hex');
const SECRETS_KEY = crypto.randomBytes(32).toString('base64');
const METRICS_TOKEN = random('metrics-token');
const LEVER_SECRET = random('lever-signing-token');
const LEVER_API_KEY = random('lever-api-key');
const GREENHOUSE_SECRET = random('greenhouse-signing-secret');
const SMARTRECRUITERS_SECRET = random('smartrecruiters-secret-key');
const SMARTRECRUITERS_HOOK_SECRET = random('smartrecruiters-hook-secret');
const SLACK_URL_SECRET = crypto.randomBytes(12).toString('hex');

/** Each secret and the other spellings it could be logged in (hex of base64 keys and the reverse, a key's secret part). */
const secrets = new Map<string, string[]>();
function remember(label: string, value: string): void {
  const spellings = [value];
  if (/^[0-9a-f]{64}$/.test(value)) spellings.push(Buffer.from(value, 'hex').toString('base64'));
  else if (label.endsWith('_KEY') && Buffer.from(value, 'base64').length === 32)
    spellings.push(Buffer.from(value, 'base64').toString('hex'));
  const apiKeySecret = /^hfrc_[a-z0-9]{10}_(.+)$/.exec(value)?.[1];
  if (apiKeySecret) spellings.push(apiKeySecret);
  const whsec = /^whsec_(.+)$/.exec(value)?.[1];
  if (whsec) spellings.push(whsec);
  // A Slack incoming-webhook URL is itself the credential: its path, and the path percent-encoded, must not show.
  const slackPath = /^https?:\/\/[^/]+(\/services\/.+)$/.exec(value)?.[1];
  if (slackPath) spellings.push(slackPath, encodeURIComponent(slackPath));
  secrets.set(label, spellings);
}

const logs: { where: string; text: string }[] = [];
let inProcessLog = '';
const name = uniqueDatabaseName('secrets');
let databaseUrl: string;
let dbPassword: string;

function withPassword(url: string): { url: string; password: string } {
  const parsed = new URL(url);
  // The test server trusts loopback when its URL has no password: any password is then accepted, and still must not show.
  if (!parsed.password) parsed.password = random('db-password');
  return { url: parsed.toString(), password: decodeURIComponent(parsed.password) };
}

const cli = async (args: string[], env: Record<string, string | undefined> = {}) => {
  const result = await runCli(args, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'trace', LINK_KEY, SECRETS_KEY, ...env });
  logs.push({ where: `cli ${args.join(' ')} (stderr)`, text: result.stderr });
  return result;
};

beforeAll(async () => {
  ({ url: databaseUrl, password: dbPassword } = withPassword(
    await cloneDatabase(process.env.TEST_SERVER_URL!, process.env.TEST_TEMPLATE_DATABASE!, name),
  ));
  remember('LINK_KEY', LINK_KEY);
  remember('SECRETS_KEY', SECRETS_KEY);
  remember('METRICS_TOKEN', METRICS_TOKEN);
  remember('database password', dbPassword);
  remember('Lever signing secret', LEVER_SECRET);
  remember('Lever API key', LEVER_API_KEY);
  remember('SmartRecruiters secret key', SMARTRECRUITERS_SECRET);
  remember('SmartRecruiters activation X-Hook-Secret', SMARTRECRUITERS_HOOK_SECRET);
  remember('Greenhouse signing secret', GREENHOUSE_SECRET);
}, 60_000);

afterAll(async () => {
  await dropDatabase(process.env.TEST_SERVER_URL!, name);
});

describe('secrets in logs (LOG_LEVEL=trace)', () => {
  let services: Services;
  let service: ServiceProcess;
  let oneTimePassword: string;
  // The notification receivers (the network edge): a signed-webhook receiver and a Slack-compatible one.
  const received: { path: string; headers: http.IncomingHttpHeaders }[] = [];
  const receiver = http.createServer((req, res) => {
    received.push({ path: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => res.writeHead(200).end('ok'));
  });
  beforeAll(() => new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve)));
  afterAll(() => new Promise((resolve) => receiver.close(resolve)));

  afterAll(async () => {
    await services?.close();
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  });

  it('the CLI prints a new API key once on stdout and never in its log', async () => {
    const created = await cli(['apikey', 'create', '--name', 'secrets-test', '--role', 'admin']);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(created.stdout).toBe(`${key}\n`);
    remember('API key (CLI)', key);
    expect(created.stderr).toMatch(/created for "secrets-test"/);
  }, 60_000);

  it('the CLI prints a one-time password once on stdout and never in its log', async () => {
    const created = await cli(['user', 'create', '--email', 'secrets.reviewer@example.com', '--role', 'reviewer']);
    expect(created.code).toBe(0);
    oneTimePassword = created.stdout.trim();
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
    remember('one-time password (CLI)', oneTimePassword);
    expect(created.stderr).toMatch(/one-time password above is shown only this once/);
  }, 60_000);

  it('serves bad keys, good keys, a revoked key, metrics and webhooks, logging each request', async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        inProcessLog += chunk.toString();
        done();
      },
    });
    services = createServices(databaseUrl, {
      poolMax: 2,
      links: { key: Buffer.from(LINK_KEY, 'hex') },
      webhooks: { secretsKey: Buffer.from(SECRETS_KEY, 'base64') },
      logger: createLogger('trace', sink),
      outbound: { allowHosts: [{ host: '127.0.0.1' }] },
    });
    const reviewer = (await services.apiKeys.create('reviewer', 'reviewer')).key;
    const revoked = (await services.apiKeys.create('revoked', 'recruiter')).key;
    const generic = await services.webhooks.sources.create({ vendor: 'generic', name: 'careers' });
    await services.webhooks.sources.create({
      vendor: 'lever',
      name: 'lever',
      secret: LEVER_SECRET,
      apiKey: LEVER_API_KEY,
      apiBaseUrl: 'http://127.0.0.1:9',
    });
    const prefix = /^hfrc_([a-z0-9]{10})_/.exec(reviewer)![1]!;
    const wrongSecret = `hfrc_${prefix}_${crypto.randomBytes(32).toString('base64url')}`;
    const unknown = `hfrc_${'z'.repeat(10)}_${crypto.randomBytes(32).toString('base64url')}`;
    remember('API key (reviewer)', reviewer);
    remember('API key (revoked)', revoked);
    remember('API key (known prefix, wrong secret)', wrongSecret);
    remember('API key (unknown)', unknown);
    remember('webhook secret (generic)', generic.secret);
    await services.webhooks.sources.create({ vendor: 'greenhouse', name: 'greenhouse', secret: GREENHOUSE_SECRET });
    await services.webhooks.sources.create({
      vendor: 'smartrecruiters',
      name: 'smartrecruiters',
      secret: SMARTRECRUITERS_SECRET,
    });
    // Notification endpoints: a signed webhook (its whsec_ secret) and a Slack URL (the URL is the secret).
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    const hook = await services.notifications.endpoints.create({
      kind: 'webhook',
      name: 'secrets-hook',
      url: `${receiverUrl}/hook`,
      minBand: 'high',
    });
    remember('notification endpoint secret (whsec_)', hook.secret!);
    const slackUrl = `${receiverUrl}/services/T0SECRETS/B0SECRETS/${SLACK_URL_SECRET}`;
    await services.notifications.endpoints.create({
      kind: 'slack',
      name: 'secrets-slack',
      url: slackUrl,
      minBand: 'high',
    });
    remember('Slack incoming-webhook URL', slackUrl);

    service = await startService({
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'trace',
      LINK_KEY,
      SECRETS_KEY,
      METRICS_TOKEN,
      WORKER_CONCURRENCY: '1',
      OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
    });
    const base = `http://127.0.0.1:${service.port}`;
    const call = async (path: string, init: RequestInit = {}) => (await fetch(base + path, init)).status;
    const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
    const json = { 'content-type': 'application/json' };

    const statuses = {
      noKey: await call('/api/v1/cases'),
      malformed: await call('/api/v1/cases', { headers: bearer(`hfrc_${prefix}`) }),
      wrongSecret: await call('/api/v1/cases', { headers: bearer(wrongSecret) }),
      unknown: await call('/api/v1/cases', { headers: bearer(unknown) }),
      basic: await call('/api/v1/cases', {
        headers: { authorization: `Basic ${Buffer.from(`user:${reviewer}`).toString('base64')}` },
      }),
      keyInQuery: await call(`/api/v1/cases?api_key=${reviewer}`, { headers: bearer(reviewer) }),
      screening: await call('/api/v1/screenings', {
        method: 'POST',
        headers: { ...bearer(reviewer), ...json },
        body: JSON.stringify(cleanApplicant()),
      }),
      keyInBadJson: await call('/api/v1/screenings', {
        method: 'POST',
        headers: { ...bearer(reviewer), ...json },
        body: `{"apiKey": "${reviewer}", `,
      }),
      keyInUnknownField: await call('/api/v1/screenings', {
        method: 'POST',
        headers: { ...bearer(reviewer), ...json },
        body: JSON.stringify({ ...cleanApplicant(), apiKey: reviewer }),
      }),
      revokedBefore: await call('/api/v1/cases', { headers: bearer(revoked) }),
      metrics: await call('/metrics', { headers: bearer(METRICS_TOKEN) }),
      metricsWrong: await call('/metrics', { headers: bearer(`${METRICS_TOKEN}x`) }),
    };
    // The pages: sign in with the one-time password, change it, a wrong password, a page, sign out. Every cookie value
    // (session, sign-in CSRF) and every form's CSRF token is a secret too.
    const web = new WebClient(base);
    const tokens = new Set<string>();
    const keep = () => {
      for (const value of web.cookies.values()) tokens.add(value);
      if (web.csrf) tokens.add(web.csrf);
    };
    const newPassword = random('new-web-password');
    const wrongPassword = random('wrong-web-password');
    remember('web password (new)', newPassword);
    remember('web password (wrong)', wrongPassword);
    const webStatuses: Record<string, number> = {};
    webStatuses.signIn = (await web.signIn('secrets.reviewer@example.com', oneTimePassword)).status;
    keep();
    await web.get('/account/password');
    keep();
    webStatuses.passwordChange = (
      await web.post('/account/password', {
        currentPassword: oneTimePassword,
        newPassword,
        confirmPassword: newPassword,
      })
    ).status;
    keep();
    webStatuses.queue = (await web.get('/queue')).status;
    keep();
    webStatuses.logout = (await web.post('/logout', {})).status;
    const stranger = new WebClient(base);
    webStatuses.wrongPassword = (await stranger.signIn('secrets.reviewer@example.com', wrongPassword)).status;
    webStatuses.signInAgain = (await web.signIn('secrets.reviewer@example.com', newPassword)).status;
    keep();
    // A forged session cookie and CSRF token are logged no more than real ones.
    const forgedSession = random('forged-session');
    remember('forged session cookie', forgedSession);
    webStatuses.forgedSession = (
      await fetch(`${base}/queue`, { headers: { cookie: `hfrc_session=${forgedSession}` }, redirect: 'manual' })
    ).status;
    expect(webStatuses).toEqual({
      signIn: 303,
      passwordChange: 303,
      queue: 200,
      logout: 303,
      wrongPassword: 401,
      signInAgain: 303,
      forgedSession: 303,
    });
    expect(web.cookies.has('hfrc_session')).toBe(true);
    for (const [index, token] of [...tokens].filter((value) => value.length >= 16).entries())
      remember(`web cookie or CSRF token ${index}`, decodeURIComponent(token));

    // A critical screening notifies both endpoints (the worker sends them, and logs each).
    const critical = await fetch(`${base}/api/v1/screenings`, {
      method: 'POST',
      headers: { ...bearer(reviewer), ...json },
      body: JSON.stringify(riskyApplicant()),
    });
    expect(critical.status).toBe(201);
    for (const until = Date.now() + 20_000; received.length < 2 && Date.now() < until;)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received.map((request) => request.path).sort()).toEqual([
      '/hook',
      `/services/T0SECRETS/B0SECRETS/${SLACK_URL_SECRET}`,
    ]);

    await services.apiKeys.revoke(/^hfrc_([a-z0-9]{10})_/.exec(revoked)![1]!);
    // Instances cache verified keys briefly; the revoked key is refused once the cache forgets it, and logged either way.
    const revokedAfter = await call('/api/v1/cases', { headers: bearer(revoked) });

    const body = Buffer.from(
      JSON.stringify({
        type: 'applicant.submitted',
        timestamp: new Date().toISOString(),
        data: { externalId: 'secrets-1', person: { legalName: 'Priya Raman' } },
      }),
    );
    const signed = await fetch(`${base}/webhooks/generic`, {
      method: 'POST',
      headers: { ...json, ...signLike('generic', generic.secret, body, { id: 'msg_secrets_1' }) },
      body,
    });
    const forged = await call('/webhooks/generic', {
      method: 'POST',
      headers: {
        ...json,
        ...signLike('generic', `whsec_${crypto.randomBytes(24).toString('base64')}`, body, { id: 'msg_secrets_2' }),
      },
      body,
    });
    const greenhouseBody = Buffer.from(JSON.stringify({ action: 'ping', payload: { web_hook_id: 1 } }));
    const greenhouse = await call('/webhooks/greenhouse', {
      method: 'POST',
      headers: { ...json, ...signLike('greenhouse', GREENHOUSE_SECRET, greenhouseBody) },
      body: greenhouseBody,
    });
    expect(greenhouse).toBe(200);
    const leverForged = await call('/webhooks/lever', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        token: LEVER_SECRET,
        triggeredAt: Date.now(),
        event: 'candidateStageChange',
        signature: 'x'.repeat(64),
      }),
    });
    expect(statuses).toEqual({
      noKey: 401,
      malformed: 401,
      wrongSecret: 401,
      unknown: 401,
      basic: 401,
      keyInQuery: 400,
      screening: 201,
      keyInBadJson: 400,
      keyInUnknownField: 400,
      revokedBefore: 200,
      metrics: 200,
      metricsWrong: 401,
    });
    expect([200, 401]).toContain(revokedAfter);
    expect({ signed: signed.status, forged, leverForged }).toEqual({ signed: 200, forged: 401, leverForged: 401 });
    const srBody = Buffer.from('{"id":"job-secrets-1"}');
    const smartRecruiters = {
      signed: await call('/webhooks/smartrecruiters', {
        method: 'POST',
        headers: { ...json, ...signLike('smartrecruiters', SMARTRECRUITERS_SECRET, srBody, { event: 'job.created' }) },
        body: srBody,
      }),
      forged: await call('/webhooks/smartrecruiters', {
        method: 'POST',
        headers: { ...json, ...signLike('smartrecruiters', random('other-key'), srBody) },
        body: srBody,
      }),
      activation: await call('/webhooks/smartrecruiters', {
        method: 'POST',
        headers: { 'X-Hook-Secret': SMARTRECRUITERS_HOOK_SECRET },
      }),
    };
    expect(smartRecruiters).toEqual({ signed: 202, forged: 401, activation: 200 });

    // The worker screens the signed delivery (and logs it) before the service stops.
    const { deliveryId } = (await signed.json()) as { deliveryId: string };
    for (
      let row = await services.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
      !['processed', 'ignored', 'dead'].includes(row.status);
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      row = await services.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    }
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    logs.push({ where: 'service', text: service.output() });
    logs.push({ where: 'in-process services', text: inProcessLog });
    // Not vacuous: one request line per request, at trace level, and the worker's line.
    const lines = service
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; level: number });
    expect(lines.filter((line) => line.msg === 'request').length).toBeGreaterThanOrEqual(16);
    expect(lines.some((line) => line.level <= 20)).toBe(true);
    expect(lines.some((line) => line.msg === 'webhook delivery processed')).toBe(true);
    // The pages and the notifications were served and sent through the logged service, not beside it.
    expect(lines.filter((line) => line.msg === 'notification sent').length).toBe(2);
    expect(
      lines.some((line) => line.msg === 'request' && (line as { path?: string }).path === '/account/password'),
    ).toBe(true);
  }, 90_000);

  it('fails to start, and the CLI fails, on an unreachable database without showing its password', async () => {
    const unreachable = new URL(databaseUrl);
    unreachable.port = String(await freePort());
    const failed = await startService(
      { DATABASE_URL: unreachable.toString(), LOG_LEVEL: 'trace', LINK_KEY, SECRETS_KEY },
      30_000,
    ).then(
      (running) => {
        running.child.kill('SIGKILL');
        throw new Error('the service started without its database');
      },
      (error: Error) => error.message,
    );
    logs.push({ where: 'service without its database', text: failed });
    expect(failed).toMatch(/could not start|ECONNREFUSED|exited/i);
    const listed = await cli(['apikey', 'list'], { DATABASE_URL: unreachable.toString() });
    expect(listed.code).toBe(1);
    logs.push({ where: 'cli apikey list (stdout)', text: listed.stdout });
  }, 60_000);

  it('refuses a bad secret setting naming the variable, not its value', async () => {
    const badToken = 'correct horse battery staple secret';
    remember('bad METRICS_TOKEN', badToken);
    const failed = await startService(
      { DATABASE_URL: databaseUrl, METRICS_TOKEN: badToken, LINK_KEY: 'short-link-key-value' },
      30_000,
    ).then(
      () => 'started',
      (error: Error) => error.message,
    );
    remember('bad LINK_KEY', 'short-link-key-value');
    expect(failed).toMatch(/METRICS_TOKEN/);
    expect(failed).toMatch(/LINK_KEY/);
    logs.push({ where: 'service with bad settings', text: failed });
  }, 60_000);

  it('no secret appears in any captured log', () => {
    expect(secrets.size).toBeGreaterThanOrEqual(22);
    expect([...secrets.keys()]).toEqual(
      expect.arrayContaining([
        'one-time password (CLI)',
        'web password (new)',
        'web cookie or CSRF token 0',
        'notification endpoint secret (whsec_)',
        'Slack incoming-webhook URL',
        'Greenhouse signing secret',
      ]),
    );
    const leaks = [];
    for (const { where, text } of logs) {
      for (const [label, spellings] of secrets) {
        if (spellings.some((spelling) => text.includes(spelling))) leaks.push(`${label} in ${where}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(logs.map((log) => log.where)).toEqual(
      expect.arrayContaining([
        'service',
        'in-process services',
        'cli apikey create --name secrets-test --role admin (stderr)',
        'cli user create --email secrets.reviewer@example.com --role reviewer (stderr)',
      ]),
    );
  });
});
