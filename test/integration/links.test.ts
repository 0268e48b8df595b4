import crypto from 'node:crypto';
import { cleanApplicant } from '../support/applicants';
import { waitForLinkJobs } from '../support/link-jobs';
import { startTestServer, type TestServer } from '../support/test-server';

// A coworking space's egress, configured as a shared network whose IPs never link applicants.
const COWORKING_CIDR = '73.250.0.0/16';

let server: TestServer;
let reviewer: string;
let recruiter: string;

beforeAll(async () => {
  server = await startTestServer({ sharedNetworkCidrs: COWORKING_CIDR, webhookWorker: { concurrency: 1 } });
  reviewer = await server.createKey('reviewer');
  recruiter = await server.createKey('recruiter');
});
afterAll(() => server.close());

const tag = () => crypto.randomUUID().slice(0, 8);

async function screen(
  body: Record<string, unknown>,
): Promise<{ caseId: string; band: string; score: number; findings: { indicator: string; evidence: any }[] }> {
  const response = await server.request('POST', '/api/v1/screenings', { key: reviewer, body });
  expect(response.status).toBe(201);
  return response.body;
}

async function caseOf(id: string) {
  return (await server.request('GET', `/api/v1/cases/${id}`, { key: reviewer })).body;
}

/** An applicant living at their own home whose laptop is to go to `shipTo` and wages to `payout`. */
function hire(name: string, shipTo: Record<string, unknown>, payout?: Record<string, unknown>) {
  const base = cleanApplicant();
  return cleanApplicant({
    person: {
      ...base.person,
      legalName: name,
      otherNames: [],
      email: `${name.toLowerCase().replace(/\W+/g, '.')}.${tag()}@example.com`,
    },
    identityDocument: { ...base.identityDocument, nameOnDocument: name.toUpperCase() },
    shipping: { address: shipTo, recipientName: name },
    payment: payout ?? { ...base.payment, accountHolderName: name },
  });
}

describe('cross-applicant links', () => {
  it('turns five different names at one shipping address, three paid into one account, into high cases and one cluster', async () => {
    const farm = {
      line1: `${Math.floor(Math.random() * 9000) + 1000} W Farm Lane`,
      city: 'Litchfield Park',
      region: 'AZ',
      postalCode: '85340',
      country: 'US',
    };
    const payee = {
      method: 'bank_transfer',
      bankCountry: 'US',
      accountNumber: `9${Date.now()}`,
      routingNumber: '122105155',
      accountHolderName: 'Christine Chaplin',
    };
    const names = ['Daniel Brooks', 'Kyle Moreno', 'Ethan Clarke', 'Ryan Fletcher', 'Owen Whitaker'];
    const answers: Awaited<ReturnType<typeof screen>>[] = [];
    for (const [index, name] of names.entries())
      answers.push(await screen(hire(name, farm, index < 3 ? payee : undefined)));

    // The fifth sees four other names at the address; it is high on that alone plus its own evidence.
    const last = answers.at(-1)!;
    expect(last.band).toMatch(/high|critical/);
    expect(last.findings.find((f) => f.indicator === 'x_shared_ship_address')!.evidence).toMatchObject({
      otherNames: 4,
    });

    // Links work backwards: the first four were rescored by the queued job, each with an audit event.
    await waitForLinkJobs(server.services.pool);
    // A case gets a new screening only when its weights change: the fourth was already at the address link's most.
    for (const [index, answer] of answers.entries()) {
      const stored = await caseOf(answer.caseId);
      expect(stored.band).toMatch(/high|critical/);
      if (index < 3) expect(stored.events.map((e: { action: string }) => e.action)).toContain('case.linked');
    }
    const first = await caseOf(answers[0]!.caseId);
    // The case detail counts what it shares now, live.
    expect(first.sharedValues).toContainEqual({ kind: 'shipping_address', valueId: expect.any(String), otherCases: 4 });
    expect(first.screenings[0].findings.map((f: { indicator: string }) => f.indicator)).toEqual(
      expect.arrayContaining(['x_shared_ship_address', 'x_shared_payout_account']),
    );

    const links = await server.request('GET', `/api/v1/cases/${answers[0]!.caseId}/links`, { key: reviewer });
    expect(links.status).toBe(200);
    const byKind = Object.fromEntries(
      links.body.links.map((l: { kind: string; cases: { id: string }[] }) => [l.kind, l.cases.map((c) => c.id).sort()]),
    );
    expect(byKind.shipping_address).toEqual(
      answers
        .slice(1)
        .map((a) => a.caseId)
        .sort(),
    );
    expect(byKind.payout_account).toEqual(
      answers
        .slice(1, 3)
        .map((a) => a.caseId)
        .sort(),
    );
    // A farm reads as one group per shared value, with every member, a page at a time.
    const firstPage = await server.request('GET', `/api/v1/cases/${answers[0]!.caseId}/links?limit=3`, {
      key: reviewer,
    });
    const address = firstPage.body.links.find((l: { kind: string }) => l.kind === 'shipping_address');
    expect(address).toMatchObject({ total: 4, valueId: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(address.cases).toHaveLength(3);
    const nextPage = await server.request(
      'GET',
      `/api/v1/cases/${answers[0]!.caseId}/links?limit=3&after=${address.nextAfter}`,
      { key: reviewer },
    );
    const rest = nextPage.body.links.find((l: { kind: string }) => l.kind === 'shipping_address');
    expect([...address.cases, ...rest.cases].map((c: { id: string }) => c.id).sort()).toEqual(
      answers
        .slice(1)
        .map((a) => a.caseId)
        .sort(),
    );
    expect(rest.nextAfter).toBeNull();

    const cluster = await server.request('GET', `/api/v1/cases/${answers[3]!.caseId}/cluster`, { key: reviewer });
    expect(cluster.body.caseIds.sort()).toEqual(answers.map((a) => a.caseId).sort());
    expect(cluster.body.kinds).toEqual(expect.arrayContaining(['shipping_address', 'payout_account']));
    const clusters = await server.request('GET', '/api/v1/clusters?minSize=5', { key: reviewer });
    expect(clusters.status).toBe(200);
    const mine = clusters.body.items.find((c: { caseIds: string[] }) => c.caseIds.includes(answers[0]!.caseId));
    expect(mine).toMatchObject({ size: 5, kinds: expect.arrayContaining(['shipping_address', 'payout_account']) });
  });

  it('writes no new screening for a linked case when a rescreen of its partner changes nothing it shares', async () => {
    const farm = {
      line1: `${Math.floor(Math.random() * 9000) + 1000} N Quiet Road`,
      city: 'Surprise',
      region: 'AZ',
      postalCode: '85374',
      country: 'US',
    };
    const first = await screen(hire('Mason Reid', farm));
    const second = hire('Logan Pierce', farm);
    await screen({ ...second, externalId: `pair-${tag()}` });
    await waitForLinkJobs(server.services.pool);
    const afterLink = (await caseOf(first.caseId)).screenings.length;
    expect(afterLink).toBe(2);
    // The same applicant again (same externalId, same data): the first case's links say the same as before.
    const again = { ...second, externalId: `pair-again-${tag()}` };
    await screen(again);
    await waitForLinkJobs(server.services.pool);
    const settledCount = (await caseOf(first.caseId)).screenings.length;
    await server.request('POST', '/api/v1/screenings', { key: reviewer, body: again });
    await waitForLinkJobs(server.services.pool);
    expect((await caseOf(first.caseId)).screenings.length).toBe(settledCount);
  });

  it("does not link four applicants through a coworking space's IP", async () => {
    const answers: Awaited<ReturnType<typeof screen>>[] = [];
    for (const name of ['Ana Silva', 'Ben Okafor', 'Chen Jie', 'Dara Nolan']) {
      const body = hire(name, cleanApplicant().shipping.address);
      body.sessions = [{ ip: '73.250.14.7', kind: 'interview' }];
      answers.push(await screen(body));
    }
    for (const answer of answers) {
      expect(answer.findings.map((f) => f.indicator)).not.toContain('x_shared_ip');
      expect((await caseOf(answer.caseId)).band).toMatch(/low|medium/);
    }
  });

  it('finds a near-duplicate resume sent under another name', async () => {
    const resume =
      'Senior full stack engineer with eight years of experience building scalable web applications in React Node.js and Go. Led migration of a monolith to microservices on Kubernetes reducing deployment time by sixty percent. Built payment integrations with Stripe and PayPal and real time dashboards with WebSockets. ' +
      tag();
    await screen({ ...hire('Liam Carter', cleanApplicant().shipping.address), resumeText: resume });
    const copy = await screen({
      ...hire('Noah Bennett', cleanApplicant().shipping.address),
      resumeText: resume.replace('eight years', 'seven years'),
    });
    expect(copy.findings.find((f) => f.indicator === 'x_resume_template')).toBeDefined();
  });

  it('flags an applicant referred by a case already at high or critical', async () => {
    const farm = { line1: '1 Referral Way', city: 'Tempe', region: 'AZ', postalCode: '85281', country: 'US' };
    const referrer = await screen(
      cleanApplicant({
        sessions: [{ ip: '36.110.0.1' }],
        payment: { method: 'crypto', accountHolderName: 'Someone Else' },
        shipping: { address: farm },
      }),
    );
    expect(referrer.band).toMatch(/high|critical/);
    const referred = await screen(cleanApplicant({ referral: { referrerCaseId: referrer.caseId } }));
    expect(referred.findings.find((f) => f.indicator === 'comm_refers_others')).toMatchObject({
      evidence: { referrerCaseId: referrer.caseId },
    });
  });

  it('tells a recruiter how many other cases share a value, never whose they are', async () => {
    const farm = {
      line1: `${Math.floor(Math.random() * 9000) + 1000} Quiet Court`,
      city: 'Mesa',
      region: 'AZ',
      postalCode: '85201',
      country: 'US',
    };
    const first = await screen(hire('Harold Finch', farm));
    const answer = await server.request('POST', '/api/v1/screenings', {
      key: recruiter,
      body: hire('Sameen Shaw', farm),
    });
    expect(answer.status).toBe(201);
    const finding = answer.body.findings.find((f: { indicator: string }) => f.indicator === 'x_shared_ship_address');
    expect(finding.evidence).toMatchObject({ kinds: ['shipping_address'], otherCases: 1, otherNames: 1 });
    expect(JSON.stringify(answer.body)).not.toContain('Harold');
    expect(JSON.stringify(answer.body)).not.toContain(first.caseId);
    const detail = await server.request('GET', `/api/v1/cases/${answer.body.caseId}`, { key: recruiter });
    expect(JSON.stringify(detail.body)).not.toContain('Harold');
    expect(JSON.stringify(detail.body)).not.toContain(first.caseId);
    // Reviewers see whose cases they are.
    const full = await caseOf(answer.body.caseId);
    expect(JSON.stringify(full.screenings[0].findings)).toContain(first.caseId);
  });

  it('shows links and clusters to reviewers only, and answers 404 and 400 clearly', async () => {
    const answer = await screen(cleanApplicant());
    expect((await server.request('GET', `/api/v1/cases/${answer.caseId}/links`, { key: recruiter })).status).toBe(403);
    expect((await server.request('GET', '/api/v1/clusters', { key: recruiter })).status).toBe(403);
    expect(
      (await server.request('GET', '/api/v1/cases/7d3f1c9e-0000-4000-8000-000000000000/links', { key: reviewer }))
        .status,
    ).toBe(404);
    const bad = await server.request('GET', '/api/v1/clusters?minSize=1&colour=red', { key: reviewer });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'query.colour',
      'query.minSize',
    ]);
  });

  it('stores only keyed hashes of identifiers, never the raw values', async () => {
    const body = cleanApplicant();
    const answer = await screen(body);
    const rows = await server.services.db.identifier.findMany({ where: { caseId: answer.caseId } });
    expect(rows.map((r) => r.kind).sort()).toEqual(
      expect.arrayContaining([
        'email',
        'ip',
        'payout_account',
        'phone',
        'residential_address',
        'shipping_address',
        'device',
      ]),
    );
    const raw = JSON.stringify(rows.map((r) => Buffer.from(r.hash).toString('latin1')));
    expect(raw).not.toContain(body.person.email);
    expect(rows.every((r) => r.hash.length === 16)).toBe(true);
  });
});

// Everything about a case a reviewer weighs: its score, band, and each finding's points and severity.
async function weighed(caseId: string) {
  const detail = await caseOf(caseId);
  const findings = detail.screenings[0].findings
    .map((f: { indicator: string; points: number; severity: string }) => `${f.indicator}:${f.points}:${f.severity}`)
    .sort();
  return { score: detail.score, band: detail.band, findings };
}

describe('households judged by evidence, never by names', () => {
  // One /24 for every home's IP, so that the IPs' locations (and so every other finding) are alike.
  const net = `73.${20 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250)}`;
  let homes = 0;

  /** People living at one home: each ships the laptop home, to themselves, and is paid into an account in their own name. */
  async function livingTogether(names: string[]) {
    homes += 1;
    const home = cleanApplicant().residentialAddress;
    const ip = `${net}.${10 + homes}`;
    const answers = [];
    for (const name of names) {
      const base = cleanApplicant();
      answers.push(
        await screen({
          ...base,
          person: { ...base.person, legalName: name, otherNames: [] },
          residentialAddress: home,
          identityDocument: { ...base.identityDocument, nameOnDocument: name.toUpperCase(), address: home },
          shipping: { address: home, recipientName: name, changes: 0 },
          payment: { ...base.payment, accountHolderName: name },
          sessions: [{ ...base.sessions[0], ip }],
        }),
      );
    }
    await waitForLinkJobs(server.services.pool);
    return Promise.all(answers.map((answer) => weighed(answer.caseId)));
  }

  it('treats couples under any naming convention exactly as an Anglo couple who share a surname: linked, low, below high', async () => {
    const reference = await livingTogether(['James Carter', 'Emily Carter']);
    expect(reference[1]!.findings).toEqual(
      expect.arrayContaining(['x_shared_ship_address:5:low', 'x_shared_residence:5:low', 'x_shared_ip:5:low']),
    );
    for (const couple of [
      ['Kim Min-jun', 'Sarah Thompson'],
      ['María José García López', 'Juan Carlos Martínez Ruiz'],
      ['Wang Xiuying', 'Li Wei'],
      ['Ahmed bin Khalid Al-Farsi', 'Fatima Zahra El Amrani'],
    ]) {
      const results = await livingTogether(couple);
      expect(results).toEqual(reference);
      for (const result of results) expect(result.band).toMatch(/low|medium/);
    }
  });

  it('treats three roommates of three families as three of one family', async () => {
    const family = await livingTogether(['Tom Baker', 'Anna Baker', 'Lucy Baker']);
    const roommates = await livingTogether(['Nguyen Van An', 'Oluwaseun Adeyemi', 'Priya Raghunathan']);
    expect(roommates).toEqual(family);
    for (const result of roommates) expect(result.band).toMatch(/low|medium/);
  });

  it('keeps four names at one home the farm pattern, even when all share a surname', async () => {
    const results = await livingTogether(['Sam Lee', 'Alex Lee', 'Jo Lee', 'Kit Lee']);
    const last = results.at(-1)!;
    expect(last.findings).toEqual(
      expect.arrayContaining([expect.stringMatching(/^x_shared_ship_address:\d+:(medium|high)$/)]),
    );
    expect(last.findings).not.toContain('x_shared_ship_address:5:low');
  });
});

describe('weights that match the evidence', () => {
  it('makes two strangers sharing one payout account high, both of them', async () => {
    const shared = { ...cleanApplicant().payment, accountHolderName: 'Rowan Hale' };
    const first = await screen({
      ...hire('Rowan Hale', cleanApplicant().shipping.address, shared),
      residentialAddress: { line1: '12 Oak Rd', city: 'Boise', region: 'ID', postalCode: '83702', country: 'US' },
    });
    const second = await screen({
      ...hire('Tessa Marsh', cleanApplicant().shipping.address, shared),
      residentialAddress: { line1: '400 Bay St', city: 'Tampa', region: 'FL', postalCode: '33602', country: 'US' },
    });
    expect(second.findings.find((f) => f.indicator === 'x_shared_payout_account')).toMatchObject({ severity: 'high' });
    expect(second.band).toMatch(/high|critical/);
    await waitForLinkJobs(server.services.pool);
    expect((await caseOf(first.caseId)).band).toMatch(/high|critical/);
  });

  it('never makes contractors critical for a shared shipping address alone (each with their own home and account)', async () => {
    const office = {
      line1: `${Math.floor(Math.random() * 9000) + 1000} Commerce Blvd`,
      city: 'Dallas',
      region: 'TX',
      postalCode: '75201',
      country: 'US',
    };
    const answers = [];
    for (const name of ['Ivy Chen', 'Omar Haddad', 'Lena Fischer', 'Raj Patel', 'Mia Novak']) {
      const body = hire(name, office);
      body.shipping = { ...body.shipping, addressType: 'commercial' };
      answers.push(await screen(body));
    }
    await waitForLinkJobs(server.services.pool);
    for (const answer of answers) expect((await caseOf(answer.caseId)).band).not.toBe('critical');
  });

  it('ends every member of a 12-identity farm (Chapman style) high or critical', async () => {
    const facilitator = {
      line1: `${Math.floor(Math.random() * 9000) + 1000} W Palm Lane`,
      city: 'Litchfield Park',
      region: 'AZ',
      postalCode: '85340',
      country: 'US',
    };
    const facilitatorAccount = {
      method: 'bank_transfer',
      bankCountry: 'US',
      accountNumber: `7${Date.now()}`,
      routingNumber: '122105155',
      accountHolderName: 'Christina Chapman',
      payeeType: 'individual',
    };
    const homeIps = [`98.${Math.floor(Math.random() * 200)}.17.4`, `98.${Math.floor(Math.random() * 200)}.18.5`];
    const answers = [];
    for (let n = 0; n < 12; n++) {
      const name = [
        'Liam Walsh',
        'Noah Price',
        'Ethan Ward',
        'Mason Hunt',
        'Lucas Reed',
        'Aiden Cole',
        'Caleb Ross',
        'Dylan Hart',
        'Logan Shaw',
        'Owen Lane',
        'Jacob Kerr',
        'Ryan Dale',
      ][n]!;
      // Each claims a home of their own (cleanApplicant's), the laptop goes to the facilitator's house.
      const body = hire(name, facilitator, n % 3 === 0 ? facilitatorAccount : undefined);
      body.sessions = [{ ...body.sessions[0], ip: homeIps[n % 2] }];
      answers.push(await screen(body));
    }
    await waitForLinkJobs(server.services.pool);
    for (const answer of answers) expect((await caseOf(answer.caseId)).band).toMatch(/high|critical/);
  });
});
