// The farm view over real HTTP and PostgreSQL: shared values held by the most cases, largest first, each with every
// member a page at a time; reviewers and admins only; names escaped; company addresses never form a group.
import crypto from 'node:crypto';
import { cleanApplicant } from '../support/applicants';
import { waitForLinkJobs } from '../support/link-jobs';
import { startTestServer, type TestServer } from '../support/test-server';
import { signedInUser } from '../browser/web-client';

let server: TestServer;
let reviewerKey: string;

beforeAll(async () => {
  server = await startTestServer({ webhookWorker: { concurrency: 1 } });
  reviewerKey = await server.createKey('reviewer');
});
afterAll(() => server.close());

const tag = () => crypto.randomUUID().slice(0, 8);
const place = () => ({
  line1: `${parseInt(tag(), 16)} Orchard Avenue`,
  city: 'Litchfield Park',
  region: 'AZ',
  postalCode: '85340',
  country: 'US',
});

async function screen(body: Record<string, unknown>): Promise<string> {
  const response = await server.request('POST', '/api/v1/screenings', { key: reviewerKey, body });
  expect({ status: response.status, body: response.status === 201 ? null : response.body }).toEqual({
    status: 201,
    body: null,
  });
  return response.body.caseId as string;
}

/** An applicant at their own home whose laptop goes to `shipTo`. */
function hire(name: string, shipTo: Record<string, unknown>, payment?: Record<string, unknown>) {
  const base = cleanApplicant();
  return cleanApplicant({
    person: {
      ...base.person,
      legalName: name,
      otherNames: [],
      email: `m.${name.toLowerCase().replace(/\W+/g, '.')}.${tag()}@example.com`.replace('..', '.'),
    },
    identityDocument: { ...base.identityDocument, nameOnDocument: name.toUpperCase() },
    shipping: { address: shipTo, recipientName: name },
    ...(payment ? { payment } : {}),
  });
}

const HOSTILE = `<img src=x onerror=alert(1)> "Eve" & Mallory`;
const FARM_NAMES = ['Daniel Brooks', 'Kyle Moreno', 'Ethan Clarke', 'Ryan Fletcher', 'Owen Whitaker', HOSTILE];
const escaped = (name: string) =>
  name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const hrefs = (page: string, pattern: RegExp) =>
  [...page.matchAll(pattern)].map((match) => match[1]!.replace(/&amp;/g, '&'));

describe('the farm view', () => {
  const farmIds: string[] = [];
  let walletIds: string[] = [];
  let controlIds: string[] = [];
  let officeIds: string[] = [];

  beforeAll(async () => {
    // A company address declared first: applicants sent there never form a group.
    const office = place();
    const admin = await server.createKey('admin');
    expect(
      (
        await server.request('POST', '/api/v1/known-addresses', {
          key: admin,
          body: { label: 'Phoenix depot', kind: 'depot', address: office },
        })
      ).status,
    ).toBe(201);
    officeIds = [await screen(hire('Otto Depot', office)), await screen(hire('Olga Depot', office))];
    const farmAddress = place();
    for (const name of FARM_NAMES) farmIds.push(await screen(hire(name, farmAddress)));
    // Three paid into one wallet, each with a laptop going home: the second largest group.
    const wallet = {
      method: 'crypto',
      accountHolderName: 'Chen Wei',
      wallet: { chain: 'ETH', address: `0x${crypto.randomBytes(20).toString('hex')}` },
    };
    walletIds = [
      await screen(hire('Walt Payee', place(), wallet)),
      await screen(hire('Wanda Payee', place(), wallet)),
      await screen(hire('Wes Payee', place(), wallet)),
    ];
    // The control pair: ordinary applicants who share nothing.
    controlIds = [
      await screen(cleanApplicant({ person: { ...cleanApplicant().person, legalName: 'Carla Control' } })),
      await screen(cleanApplicant({ person: { ...cleanApplicant().person, legalName: 'Conrad Control' } })),
    ];
    await waitForLinkJobs(server.services.pool);
  });

  it('lists the shared address with every member, largest group first, and leaves out the control pair and the company address', async () => {
    const { client } = await signedInUser(server, 'reviewer');
    const page = await client.get('/farms');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Shared addresses and accounts</h1>');
    // The farm first (6 cases), then the wallet (3); the address written out from a member's masked record.
    const headings = [...page.text.matchAll(/<h2 id="group-\d+">([\s\S]*?)<\/h2>/g)].map((match) =>
      match[1]!.replace(/<[^>]*>/g, ''),
    );
    expect(headings[0]).toBe('Shipping address •••, Litchfield Park, United States');
    expect(headings[1]).toMatch(/^Crypto wallet ETH 0x[0-9a-f]{4}•••[0-9a-f]{4}$/);
    expect(headings).toHaveLength(2);
    expect(page.text).toContain('Held by <strong>6 cases</strong>');
    expect(page.text).toContain('Held by <strong>3 cases</strong>');
    for (const id of [...farmIds, ...walletIds]) expect(page.text).toContain(`href="/cases/${id}"`);
    for (const id of [...controlIds, ...officeIds]) expect(page.text).not.toContain(id);
    // Hostile names are escaped, never markup.
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain(escaped(HOSTILE));
    // Members in words: band, status, the pages' date format with the instant in the title.
    expect(page.text).toMatch(/<span class="band band-(low|medium|high|critical)">(Low|Medium|High|Critical)<\/span>/);
    expect(page.text).toMatch(
      /<time datetime="\d{4}-\d{2}-\d{2}T[^"]+Z" title="[^"]+">\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC<\/time>/,
    );
    // The queue's saved views lead here.
    expect((await client.get('/queue')).text).toContain('<li><a href="/farms">Shared addresses and accounts</a></li>');
  });

  it('leads from the case page\'s "Possible laptop farm" to the group, whose members come a page at a time', async () => {
    const { client } = await signedInUser(server, 'reviewer');
    const casePage = await client.get(`/cases/${farmIds[0]}`);
    const groupPath =
      /<a class="farm" href="(\/farms\/shipping_address\/[0-9a-f]{12})">Possible laptop farm:<\/a>/.exec(
        casePage.text,
      )?.[1];
    expect(groupPath).toBeDefined();

    const sizes = server.services.web.farms.pageSizes;
    const saved = { ...sizes };
    Object.assign(sizes, { groups: 1, sample: 2, members: 4 });
    try {
      const first = await client.get(groupPath!);
      expect(first.status).toBe(200);
      expect(first.text).toContain(
        'Shipping address <span class="shared-value">•••, Litchfield Park, United States</span>: held by <strong>6 cases</strong>',
      );
      const seen = hrefs(first.text, /<td><a href="\/cases\/([0-9a-f-]{36})">/g);
      expect(seen).toHaveLength(4);
      const next = hrefs(first.text, /<a href="([^"]+)">Next page<\/a>/g)[0];
      expect(next).toMatch(/^\/farms\/shipping_address\/[0-9a-f]{12}\?after=/);
      const second = await client.get(next!);
      expect(second.status).toBe(200);
      const rest = hrefs(second.text, /<td><a href="\/cases\/([0-9a-f-]{36})">/g);
      expect(rest).toHaveLength(2);
      expect(second.text).not.toContain('Next page');
      expect([...seen, ...rest].sort()).toEqual([...farmIds].sort());

      // The list pages by group: the farm alone on the first page, the wallet on the next, with its top members.
      const list = await client.get('/farms');
      expect(list.text).toContain(`all 6 cases`);
      expect(hrefs(list.text, /<td><a href="\/cases\/([0-9a-f-]{36})">/g)).toHaveLength(2);
      const listNext = hrefs(list.text, /<a href="([^"]+)">Next page<\/a>/g)[0];
      const page2 = await client.get(listNext!);
      expect(page2.status).toBe(200);
      expect(page2.text).toContain('Held by <strong>3 cases</strong>');
      expect(page2.text).not.toContain('Held by <strong>6 cases</strong>');
      expect(page2.text).toContain('<a href="/farms">First page</a>');
    } finally {
      Object.assign(sizes, saved);
    }
    // A value id no group holds, a kind that is not one, and a forged cursor.
    expect((await client.get('/farms/shipping_address/000000000000')).status).toBe(404);
    expect((await client.get(`/farms/resume_band/${groupPath!.slice(-12)}`)).status).toBe(404);
    expect((await client.get('/farms?after=bm90LWEtY3Vyc29y')).status).toBe(400);
    expect((await client.get(`${groupPath}?after=bm90LWEtY3Vyc29y`)).status).toBe(400);
  });

  it('is for reviewers and admins: a recruiter is refused, a visitor sent to sign in', async () => {
    const recruiter = await signedInUser(server, 'recruiter');
    expect((await recruiter.client.get('/farms')).status).toBe(403);
    const casePage = await (await signedInUser(server, 'reviewer')).client.get(`/cases/${farmIds[0]}`);
    const groupPath = /href="(\/farms\/shipping_address\/[0-9a-f]{12})"/.exec(casePage.text)![1]!;
    expect((await recruiter.client.get(groupPath)).status).toBe(403);
    const admin = await signedInUser(server, 'admin');
    expect((await admin.client.get('/farms')).status).toBe(200);
    const anonymous = await fetch(`${server.baseUrl}/farms`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Ffarms');
  });
});
