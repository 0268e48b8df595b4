// The company's declared addresses over real HTTP and PostgreSQL: contractors shipping to one do not link, the API's
// validation and roles, the history the table keeps, the admin page (with CSRF) and the CLI.
import crypto from 'node:crypto';
import { signedInUser } from '../browser/web-client';
import { cleanApplicant } from '../support/applicants';
import { runCli } from '../support/processes';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let admin: string;
let reviewer: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.createKey('admin');
  reviewer = await server.createKey('reviewer');
});
afterAll(() => server.close());

const tag = () => crypto.randomUUID().slice(0, 8);
/** A commercial address of its own per test (a street number no other test uses). */
const place = () => ({
  line1: `${1000 + Math.floor(Math.random() * 8000)} Congress Avenue`,
  line2: 'Suite 200',
  city: 'Austin',
  region: 'TX',
  postalCode: '78701',
  country: 'US',
});

type Answer = {
  caseId: string;
  band: string;
  score: number;
  findings: { indicator: string; points: number; message: string; evidence: any }[];
};

async function screen(body: Record<string, unknown>): Promise<Answer> {
  const response = await server.request('POST', '/api/v1/screenings', { key: reviewer, body });
  expect(response.status).toBe(201);
  return response.body;
}

/** A contractor living at their own home, paid into their own account, whose laptop goes to `shipTo`. */
function contractor(name: string, shipTo: Record<string, unknown>) {
  const base = cleanApplicant();
  return cleanApplicant({
    person: {
      ...base.person,
      legalName: name,
      otherNames: [],
      email: `${name.toLowerCase().replace(/\W+/g, '.')}.${tag()}@example.com`,
    },
    identityDocument: { ...base.identityDocument, nameOnDocument: name.toUpperCase() },
    shipping: { address: shipTo, recipientName: name, addressType: 'commercial' },
    payment: { ...base.payment, accountHolderName: name },
  });
}

const declare = (body: unknown, key = admin) => server.request('POST', '/api/v1/known-addresses', { key, body });
const finding = (answer: Answer, id: string) => answer.findings.find((f) => f.indicator === id);

describe('contractors shipping to a declared company address', () => {
  it('do not link, and the shipping finding names the address and counts 0', async () => {
    const office = place();
    const added = await declare({ label: 'Austin office', kind: 'office', address: office });
    expect(added.status).toBe(201);
    // Four contractors, four spellings of the office.
    const spellings = [
      office,
      { ...office, line1: office.line1.replace('Avenue', 'Ave.'), line2: 'Ste 200', city: 'AUSTIN' },
      { line1: `${office.line1.replace('Avenue', 'AVE')} #200`, city: 'Austin', country: 'us' },
      { line1: `${office.line1}, Suite 200`, postalCode: '78701', country: 'US' },
    ];
    const names = ['Min-jun Park', 'Sofía García Márquez', 'Wei Zhang', 'Fatima Al-Sayed'];
    const answers: Answer[] = [];
    for (const [index, name] of names.entries()) answers.push(await screen(contractor(name, spellings[index]!)));
    for (const answer of answers) {
      expect(finding(answer, 'x_shared_ship_address')).toBeUndefined();
      expect(finding(answer, 'addr_ship_not_id_address')).toMatchObject({
        points: 0,
        evidence: { knownAddress: { label: 'Austin office', kind: 'office' } },
      });
      expect(answer.band).toBe('low');
      const links = await server.request('GET', `/api/v1/cases/${answer.caseId}/links`, { key: reviewer });
      expect(links.body.links).toEqual([]);
    }

    // The same four at an address nobody declared are the farm pattern (the control: linking itself works).
    const undeclared = place();
    const farm: Answer[] = [];
    for (const name of names) farm.push(await screen(contractor(name, undeclared)));
    expect(finding(farm.at(-1)!, 'x_shared_ship_address')).toMatchObject({ evidence: { otherNames: 3 } });
  });

  it('stop linking cases screened before the declaration: their stored hashes of the address are deleted', async () => {
    const depot = place();
    const before = [await screen(contractor('Olivia Brown', depot)), await screen(contractor('Kenji Watanabe', depot))];
    expect(finding(before[1]!, 'x_shared_ship_address')).toBeDefined();
    const added = await declare({ label: 'Laptop depot', kind: 'depot', address: depot });
    expect(added.body).toMatchObject({ label: 'Laptop depot', kind: 'depot', unlinkedCases: 2 });
    const after = await screen(contractor('Amara Okafor', { ...depot, line1: depot.line1.replace('Avenue', 'Ave') }));
    expect(finding(after, 'x_shared_ship_address')).toBeUndefined();
    const { rows } = await server.services.pool.query(
      `SELECT count(*)::int AS n FROM identifiers WHERE case_id = ANY($1::uuid[]) AND kind = 'shipping_address'`,
      [before.map((answer) => answer.caseId)],
    );
    expect(rows[0].n).toBe(0);
  });

  it('link again from the next screening once the address is removed', async () => {
    const partner = place();
    const added = await declare({ label: 'Staffing partner', kind: 'staffing_partner', address: partner });
    await screen(contractor('Lucas Silva', partner));
    const removed = await server.request('DELETE', `/api/v1/known-addresses/${added.body.id}`, { key: admin });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({
      id: added.body.id,
      removedBy: expect.stringMatching(/^apikey:/),
      removedAt: expect.any(String),
    });
    // Lucas's screening stored no hash of the address: the first two after the removal link to each other only.
    const [first, second] = [
      await screen(contractor('Emma Novak', partner)),
      await screen(contractor('Noah Schmidt', partner)),
    ];
    expect(finding(first, 'x_shared_ship_address')).toBeUndefined();
    expect(finding(second, 'x_shared_ship_address')).toMatchObject({ evidence: { otherNames: 1 } });
  });
});

describe('the known-addresses API', () => {
  it('lets reviewers read and only admins change (403 for others; recruiters may not read)', async () => {
    const recruiter = await server.createKey('recruiter');
    const body = { label: 'Roles HQ', kind: 'office', address: place() };
    expect((await declare(body, reviewer)).status).toBe(403);
    expect((await declare(body, recruiter)).status).toBe(403);
    expect((await server.request('GET', '/api/v1/known-addresses', { key: recruiter })).status).toBe(403);
    expect((await server.request('GET', '/api/v1/known-addresses')).status).toBe(401);
    const added = await declare(body);
    expect(added.status).toBe(201);
    expect((await server.request('DELETE', `/api/v1/known-addresses/${added.body.id}`, { key: reviewer })).status).toBe(
      403,
    );
    const listed = await server.request('GET', '/api/v1/known-addresses', { key: reviewer });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(added.body.id);
    expect(added.body).toMatchObject({
      addedBy: expect.stringMatching(/^apikey:/),
      removedAt: null,
      matchKey: expect.stringMatching(/ congress ave unit200\|austin\|78701\|us$/),
    });
  });

  it('names each wrong field in a 400, refuses the same address twice (409) and an unknown id (404), storing nothing', async () => {
    const count = async () =>
      (await server.services.pool.query(`SELECT count(*)::int AS n FROM known_addresses`)).rows[0].n;
    const before = await count();
    const bad = await declare({ label: '', kind: 'warehouse', address: { line1: '1 Main St', country: 'Narnia' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((field: { path: string }) => field.path).sort()).toEqual([
      'address.city',
      'address.country',
      'kind',
      'label',
    ]);
    expect(
      (
        await declare({
          label: 'x',
          kind: 'office',
          address: { line1: '1 Main St', city: 'Austin', country: 'US', floor: 3 },
        })
      ).body.error.fields,
    ).toEqual([{ path: 'address.floor', message: expect.stringMatching(/is not a field/) }]);
    expect(
      (
        await server.request('POST', '/api/v1/known-addresses', {
          key: admin,
          rawBody: 'label=x',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(415);
    expect(
      (await server.request('GET', '/api/v1/known-addresses?removed=1', { key: reviewer })).body.error.fields,
    ).toEqual([{ path: 'query.removed', message: expect.any(String) }]);
    expect(await count()).toBe(before);

    const office = place();
    expect((await declare({ label: 'Twice', kind: 'office', address: office })).status).toBe(201);
    const again = await declare({
      label: 'Twice again',
      kind: 'depot',
      address: { ...office, line1: office.line1.toUpperCase(), line2: '#200' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.fields).toEqual([{ path: 'address', message: expect.stringMatching(/already declared/) }]);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expect((await server.request('DELETE', `/api/v1/known-addresses/${id}`, { key: admin })).status).toBe(404);
    }
  });

  it('keeps its history: a removed address stays listed with who removed it, and the table refuses edits and deletes', async () => {
    const added = await declare({ label: 'History', kind: 'office', address: place() });
    await server.request('DELETE', `/api/v1/known-addresses/${added.body.id}`, { key: admin });
    expect((await server.request('DELETE', `/api/v1/known-addresses/${added.body.id}`, { key: admin })).status).toBe(
      404,
    );
    const active = await server.request('GET', '/api/v1/known-addresses', { key: reviewer });
    expect(active.body.items.map((item: { id: string }) => item.id)).not.toContain(added.body.id);
    const all = await server.request('GET', '/api/v1/known-addresses?includeRemoved=true', { key: reviewer });
    expect(all.body.items.find((item: { id: string }) => item.id === added.body.id)).toMatchObject({
      removedBy: expect.stringMatching(/^apikey:/),
    });
    for (const sql of [
      `UPDATE known_addresses SET label = 'changed' WHERE id = $1`,
      `DELETE FROM known_addresses WHERE id = $1`,
      `UPDATE known_addresses SET removed_at = NULL, removed_by = NULL WHERE id = $1`,
    ]) {
      await expect(server.services.pool.query(sql, [added.body.id])).rejects.toThrow(/keeps its history/);
    }
    await expect(server.services.pool.query(`TRUNCATE known_addresses`)).rejects.toThrow(/keeps its history/);
  });
});

describe('the admin page', () => {
  it("lists the addresses, adds one with the session's token (errors beside the fields), and removes one", async () => {
    const { client, user } = await signedInUser(server, 'admin');
    const page = await client.get('/admin/known-addresses');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Company addresses</h1>');
    expect(page.text).toContain('href="/admin/known-addresses"');

    const bad = await client.post('/admin/known-addresses', {
      label: '<b>HQ</b>',
      kind: 'office',
      'address.line1': '',
      'address.city': '',
      'address.country': 'US',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(
      /id="f-address-line1-error"><span class="visually-hidden">Error: <\/span>is required \(the street line\)</,
    );
    expect(bad.text).toMatch(
      /id="f-address-city-error"><span class="visually-hidden">Error: <\/span>a city or a postalCode is required</,
    );
    expect(bad.text).toContain('value="&lt;b&gt;HQ&lt;/b&gt;"');
    expect(bad.text).not.toContain('<b>HQ</b>');

    const office = place();
    const marker = tag();
    const label = `Page office <script>${marker}</script>`;
    const added = await client.post('/admin/known-addresses', {
      label,
      kind: 'staffing_partner',
      'address.line1': office.line1,
      'address.line2': office.line2,
      'address.city': office.city,
      'address.region': '',
      'address.postalCode': office.postalCode,
      'address.country': 'us',
    });
    expect(added.status).toBe(201);
    expect(added.text).not.toContain('<script>');
    expect(added.text).toContain(`<td>Page office &lt;script&gt;${marker}&lt;/script&gt;</td>`);
    expect(added.text).toContain(user.email);
    const stored = (await server.services.knownAddresses.list()).find((known) => known.label === label)!;
    expect(stored).toMatchObject({ kind: 'staffing_partner', country: 'US', region: null, addedBy: `user:${user.id}` });

    const removed = await client.post(`/admin/known-addresses/${stored.id}/remove`, {});
    expect(removed.location).toBe('/admin/known-addresses?done=removed');
    expect((await server.services.knownAddresses.list()).map((known) => known.id)).not.toContain(stored.id);
  });

  it("refuses the forms without the session's token, and keeps the page to admins", async () => {
    const { client } = await signedInUser(server, 'admin');
    const other = await signedInUser(server, 'admin');
    await client.get('/admin/known-addresses');
    const kept = await server.services.knownAddresses.add({ label: 'Kept', kind: 'office', address: place() }, 'test');
    const before = await server.services.knownAddresses.list({ includeRemoved: true });
    const form = {
      label: 'No token',
      kind: 'office',
      'address.line1': '1 Token St',
      'address.city': 'Austin',
      'address.country': 'US',
    };
    for (const [path, fields] of [
      ['/admin/known-addresses', form],
      [`/admin/known-addresses/${kept.address.id}/remove`, {}],
    ] as const) {
      const missing = await client.post(path, fields, null);
      expect({ path, status: missing.status }).toEqual({ path, status: 403 });
      expect(missing.text).toContain('did not come from this site');
      expect((await client.post(path, fields, other.client.csrf)).status).toBe(403);
    }
    for (const role of ['reviewer', 'recruiter'] as const) {
      const { client: someone } = await signedInUser(server, role);
      const page = await someone.get('/admin/known-addresses');
      expect({ role, status: page.status }).toEqual({ role, status: 403 });
      expect(page.text).not.toContain('Kept');
      expect((await someone.post('/admin/known-addresses', form)).status).toBe(403);
      expect((await someone.post(`/admin/known-addresses/${kept.address.id}/remove`, {})).status).toBe(403);
    }
    expect(await server.services.knownAddresses.list({ includeRemoved: true })).toEqual(before);
  });
});

describe('npm run cli -- addresses', () => {
  it('adds, lists and removes, with exit 2 naming the wrong option', async () => {
    const env = { DATABASE_URL: server.databaseUrl };
    const office = place();
    const added = await runCli(
      [
        'addresses',
        'add',
        '--label',
        'CLI depot',
        '--kind',
        'depot',
        '--line1',
        office.line1,
        '--city',
        'Austin',
        '--postal-code',
        '78701',
        '--country',
        'US',
      ],
      env,
    );
    expect(added.code).toBe(0);
    const id = added.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(added.stderr).toContain('“CLI depot” (depot) declared');

    // Independent commands run side by side (each is a process of its own).
    const [listed, bad, twice, missing, help] = await Promise.all([
      runCli(['addresses', 'list'], env),
      runCli(
        ['addresses', 'add', '--label', 'x', '--kind', 'warehouse', '--line1', '1 Main St', '--country', 'US'],
        env,
      ),
      runCli(
        [
          'addresses',
          'add',
          '--label',
          'again',
          '--kind',
          'office',
          '--line1',
          office.line1.toUpperCase(),
          '--postal-code',
          '78701',
          '--country',
          'us',
        ],
        env,
      ),
      runCli(['addresses', 'add', '--label', 'x'], env),
      runCli(['addresses', '--help'], env),
    ]);
    expect(listed.code).toBe(0);
    const line = listed.stdout.split('\n').find((row) => row.startsWith(id))!;
    expect(line.split('\t').slice(0, 3)).toEqual([id, 'depot', 'CLI depot']);
    expect(line).toMatch(/by cli:\S+\tactive$/);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--kind: must be one of');
    expect(bad.stderr).toContain('--city: a city or a postalCode is required');
    // The same place without its city, in capitals: declared already.
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('already declared as “CLI depot”');
    expect(missing.code).toBe(2);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('add [options]');

    expect((await runCli(['addresses', 'remove', id], env)).code).toBe(0);
    const [again, all] = await Promise.all([
      runCli(['addresses', 'remove', id], env),
      runCli(['addresses', 'list', '--include-removed'], env),
    ]);
    expect(again.code).toBe(2);
    expect(all.stdout.split('\n').find((row) => row.startsWith(id))).toMatch(/\tremoved \S+ by cli:\S+$/);
  }, 180_000);
});
