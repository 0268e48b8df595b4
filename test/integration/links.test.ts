import crypto from 'node:crypto';
import { cleanApplicant } from '../support/applicants';
import { startTestServer, type TestServer } from '../support/test-server';

// A coworking space's egress, configured as a shared network whose IPs never link applicants.
const COWORKING_CIDR = '73.250.0.0/16';

let server: TestServer;
let reviewer: string;
let recruiter: string;

beforeAll(async () => {
  server = await startTestServer({ sharedNetworkCidrs: COWORKING_CIDR });
  reviewer = await server.createKey('reviewer');
  recruiter = await server.createKey('recruiter');
});
afterAll(() => server.close());

const tag = () => crypto.randomUUID().slice(0, 8);

async function screen(body: Record<string, unknown>): Promise<{ caseId: string; band: string; score: number; findings: { indicator: string; evidence: any }[] }> {
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
    person: { ...base.person, legalName: name, otherNames: [], email: `${name.toLowerCase().replace(/\W+/g, '.')}.${tag()}@example.com` },
    identityDocument: { ...base.identityDocument, nameOnDocument: name.toUpperCase() },
    shipping: { address: shipTo, recipientName: name },
    payment: payout ?? { ...base.payment, accountHolderName: name },
  });
}

describe('cross-applicant links', () => {
  it('turns five different names at one shipping address, three paid into one account, into high cases and one cluster', async () => {
    const farm = { line1: `${Math.floor(Math.random() * 9000) + 1000} W Farm Lane`, city: 'Litchfield Park', region: 'AZ', postalCode: '85340', country: 'US' };
    const payee = { method: 'bank_transfer', bankCountry: 'US', accountNumber: `9${Date.now()}`, routingNumber: '122105155', accountHolderName: 'Christine Chaplin' };
    const names = ['Daniel Brooks', 'Kyle Moreno', 'Ethan Clarke', 'Ryan Fletcher', 'Owen Whitaker'];
    const answers: Awaited<ReturnType<typeof screen>>[] = [];
    for (const [index, name] of names.entries()) answers.push(await screen(hire(name, farm, index < 3 ? payee : undefined)));

    // The fifth sees four other names at the address; it is high on that alone plus its own evidence.
    const last = answers.at(-1)!;
    expect(last.band).toMatch(/high|critical/);
    expect(last.findings.find((f) => f.indicator === 'x_shared_ship_address')!.evidence).toMatchObject({ otherNames: 4 });

    // Links work backwards: the first four were rescored as the others arrived, each with an audit event.
    for (const answer of answers) {
      const stored = await caseOf(answer.caseId);
      expect(stored.band).toMatch(/high|critical/);
      if (answer !== last) expect(stored.events.map((e: { action: string }) => e.action)).toContain('case.linked');
    }
    const first = await caseOf(answers[0]!.caseId);
    expect(first.screenings[0].findings.map((f: { indicator: string }) => f.indicator)).toEqual(expect.arrayContaining(['x_shared_ship_address', 'x_shared_payout_account']));

    const links = await server.request('GET', `/api/v1/cases/${answers[0]!.caseId}/links`, { key: reviewer });
    expect(links.status).toBe(200);
    const byKind = Object.fromEntries(links.body.links.map((l: { kind: string; cases: { id: string }[] }) => [l.kind, l.cases.map((c) => c.id).sort()]));
    expect(byKind.shipping_address).toEqual(answers.slice(1).map((a) => a.caseId).sort());
    expect(byKind.payout_account).toEqual(answers.slice(1, 3).map((a) => a.caseId).sort());

    const cluster = await server.request('GET', `/api/v1/cases/${answers[3]!.caseId}/cluster`, { key: reviewer });
    expect(cluster.body.caseIds.sort()).toEqual(answers.map((a) => a.caseId).sort());
    expect(cluster.body.kinds).toEqual(expect.arrayContaining(['shipping_address', 'payout_account']));
    const clusters = await server.request('GET', '/api/v1/clusters?minSize=5', { key: reviewer });
    expect(clusters.status).toBe(200);
    const mine = clusters.body.items.find((c: { caseIds: string[] }) => c.caseIds.includes(answers[0]!.caseId));
    expect(mine).toMatchObject({ size: 5, kinds: expect.arrayContaining(['shipping_address', 'payout_account']) });
  });

  it('writes no new screening for a linked case when a rescreen of its partner changes nothing it shares', async () => {
    const farm = { line1: `${Math.floor(Math.random() * 9000) + 1000} N Quiet Road`, city: 'Surprise', region: 'AZ', postalCode: '85374', country: 'US' };
    const first = await screen(hire('Mason Reid', farm));
    const second = hire('Logan Pierce', farm);
    await screen({ ...second, externalId: `pair-${tag()}` });
    const afterLink = (await caseOf(first.caseId)).screenings.length;
    expect(afterLink).toBe(2);
    // The same applicant again (same externalId, same data): the first case's links say the same as before.
    const again = { ...second, externalId: `pair-again-${tag()}` };
    await screen(again);
    const settledCount = (await caseOf(first.caseId)).screenings.length;
    await server.request('POST', '/api/v1/screenings', { key: reviewer, body: again });
    expect((await caseOf(first.caseId)).screenings.length).toBe(settledCount);
  });

  it('keeps a married couple at one home, sharing its IP, below high', async () => {
    const home = { line1: `${Math.floor(Math.random() * 9000) + 1000} Maple Ave`, city: 'Austin', region: 'TX', postalCode: '78704', country: 'US' };
    const ip = `73.${Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250)}.9`;
    const spouse = (name: string, other: string) => {
      const body = hire(name, home);
      body.residentialAddress = home;
      body.identityDocument = { ...body.identityDocument, address: home };
      body.person = { ...body.person, householdMembers: [other] };
      body.sessions = [{ ip, kind: 'application' }];
      return body;
    };
    const wife = await screen(spouse('Maria Lopez', 'James Carter'));
    const husband = await screen(spouse('James Carter', 'Maria Lopez'));
    expect(husband.findings.map((f) => f.indicator)).toEqual(expect.arrayContaining(['x_shared_ship_address', 'x_shared_ip']));
    expect(husband.band).toMatch(/low|medium/);
    expect((await caseOf(wife.caseId)).band).toMatch(/low|medium/);
  });

  it('does not link four applicants through a coworking space\'s IP', async () => {
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
    const resume = 'Senior full stack engineer with eight years of experience building scalable web applications in React Node.js and Go. Led migration of a monolith to microservices on Kubernetes reducing deployment time by sixty percent. Built payment integrations with Stripe and PayPal and real time dashboards with WebSockets. ' + tag();
    await screen({ ...hire('Liam Carter', cleanApplicant().shipping.address), resumeText: resume });
    const copy = await screen({ ...hire('Noah Bennett', cleanApplicant().shipping.address), resumeText: resume.replace('eight years', 'seven years') });
    expect(copy.findings.find((f) => f.indicator === 'x_resume_template')).toBeDefined();
  });

  it('flags an applicant referred by a case already at high or critical', async () => {
    const farm = { line1: '1 Referral Way', city: 'Tempe', region: 'AZ', postalCode: '85281', country: 'US' };
    const referrer = await screen(cleanApplicant({ sessions: [{ ip: '36.110.0.1' }], payment: { method: 'crypto', accountHolderName: 'Someone Else' }, shipping: { address: farm } }));
    expect(referrer.band).toMatch(/high|critical/);
    const referred = await screen(cleanApplicant({ referral: { referrerCaseId: referrer.caseId } }));
    expect(referred.findings.find((f) => f.indicator === 'comm_refers_others')).toMatchObject({ evidence: { referrerCaseId: referrer.caseId } });
  });

  it('tells a recruiter how many other cases share a value, never whose they are', async () => {
    const farm = { line1: `${Math.floor(Math.random() * 9000) + 1000} Quiet Court`, city: 'Mesa', region: 'AZ', postalCode: '85201', country: 'US' };
    const first = await screen(hire('Harold Finch', farm));
    const answer = await server.request('POST', '/api/v1/screenings', { key: recruiter, body: hire('Sameen Shaw', farm) });
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
    expect((await server.request('GET', '/api/v1/cases/7d3f1c9e-0000-4000-8000-000000000000/links', { key: reviewer })).status).toBe(404);
    const bad = await server.request('GET', '/api/v1/clusters?minSize=1&colour=red', { key: reviewer });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['query.colour', 'query.minSize']);
  });

  it('stores only keyed hashes of identifiers, never the raw values', async () => {
    const body = cleanApplicant();
    const answer = await screen(body);
    const rows = await server.services.db.identifier.findMany({ where: { caseId: answer.caseId } });
    expect(rows.map((r) => r.kind).sort()).toEqual(expect.arrayContaining(['email', 'ip', 'payout_account', 'phone', 'residential_address', 'shipping_address', 'device']));
    const raw = JSON.stringify(rows.map((r) => Buffer.from(r.hash).toString('latin1')));
    expect(raw).not.toContain(body.person.email);
    expect(rows.every((r) => r.hash.length === 16)).toBe(true);
  });
});
