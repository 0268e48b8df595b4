// Pages speak plain language: a case with many findings (sanctions, links, location, payment...) shows no indicator
// id, contract field name, country code in a sentence or setting name in the visible text of any page that a person
// reads; the recruiter's page follows the decision and shows its reason only when the reviewer shared it.
import crypto from 'node:crypto';
import { caseDetailForRecruiter } from '../../src/cases/recruiter-view';
import { catalogue } from '../../src/scoring/catalogue';
import { startTestServer, type TestServer } from '../support/test-server';
import { signedInUser } from '../browser/web-client';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** The text a reader sees: no head, no tags (so no attributes, ids or hrefs), entities decoded. */
function visibleText(page: string): string {
  return page
    .replace(/<head>[\s\S]*?<\/head>/, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const CONTRACT_WORDS = [
  'legalName',
  'residentialAddress',
  'identityDocument',
  'claimedLocation',
  'accountHolderName',
  'payeeEntityName',
  'recipientName',
  'nameOnDocument',
  'LINK_SHARED_NETWORK_CIDRS',
  'BUILTIN',
  'DPRK3',
  'NPWMD',
  'session(s)',
  'case(s)',
];
const CODE_IN_SENTENCE = /\b(from|in|outside|not) (CN|RU|US|LA|KP)\b/;

function expectPlain(label: string, page: string) {
  const text = visibleText(page);
  const leaks = [
    ...catalogue.map((indicator) => indicator.id).filter((id) => text.includes(id)),
    ...CONTRACT_WORDS.filter((word) => text.includes(word)),
    ...(/\b(person|payment|shipping|interview)\.[a-z]/.exec(text) ?? []).slice(0, 1),
    ...(CODE_IN_SENTENCE.exec(text) ?? []).slice(0, 1),
    // ISO timestamps ("2026-12-07T06:05:00.000Z") belong in attributes only.
    ...(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.exec(text) ?? []),
    // So do the ids of people and keys.
    ...(/\b(user|apikey):[0-9a-f-]{8,}/.exec(text) ?? []).slice(0, 1),
  ];
  // Each leak with the words around it, so that a failure says where it is.
  const where = leaks.map((leak) =>
    text.slice(Math.max(0, text.indexOf(leak) - 60), text.indexOf(leak) + leak.length + 30),
  );
  expect({ page: label, where }).toEqual({ page: label, where: [] });
}

const SHIPPING = {
  'shipping.address.line1': '77 Elm Street',
  'shipping.address.city': 'Phoenix',
  'shipping.address.postalCode': '85001',
  'shipping.address.country': 'US',
};

const manyFindings = (externalId: string) => ({
  externalId,
  'person.legalName': 'Jong In Chol',
  'person.dateOfBirth': '1979-01-05',
  'person.email': `jong.${externalId}@example.com`,
  'person.phone': '+7 495 123 4567',
  'claimedLocation.country': 'US',
  'claimedLocation.city': 'Austin',
  'residentialAddress.line1': '1 Main St',
  'residentialAddress.city': 'Austin',
  'residentialAddress.postalCode': '78701',
  'residentialAddress.country': 'US',
  ...SHIPPING,
  'shipping.changes': '3',
  'sessions.0.ip': '36.110.0.1',
  'sessions.0.kind': 'interview',
  'payment.method': 'crypto',
  'payment.accountHolderName': 'Chen Wei',
  'payment.bankCountry': 'RU',
  'payment.changes': '4',
  'payment.prepaymentRequested': 'true',
  'identityDocument.type': 'passport',
  'identityDocument.nameOnDocument': 'Kim Song',
  'identityDocument.verification': 'failed',
  'interview.videoOn': 'false',
  'interview.livenessCheck': 'failed',
});

describe('plain language on the pages', () => {
  it('shows no indicator id, contract field name, country code in a sentence or ISO timestamp on the case, result and dashboard pages', async () => {
    const recruiter = await signedInUser(server, 'recruiter');
    await recruiter.client.get('/candidates/new');
    // Two other applicants at the same shipping address: the case below links to both, a possible laptop farm.
    for (const [tag, name] of [
      ['a', 'Ana Reyes'],
      ['z', 'Ben Ortiz'],
    ]) {
      await recruiter.client.get('/candidates/new');
      expect(
        (
          await recruiter.client.post('/candidates', {
            externalId: `pl-${tag}-${process.pid}`,
            'person.legalName': name!,
            'claimedLocation.country': 'US',
            'sessions.0.ip': '36.110.0.1',
            ...SHIPPING,
          })
        ).status,
      ).toBe(303);
    }
    await recruiter.client.get('/candidates/new');
    const sent = await recruiter.client.post('/candidates', manyFindings(`pl-b-${process.pid}`));
    expect(sent.status).toBe(303);
    const caseId = /([0-9a-f-]{36})/.exec(sent.location!)![1]!;

    const { client } = await signedInUser(server, 'reviewer');
    const stored = (await server.request('GET', `/api/v1/cases/${caseId}`, { key: await server.createKey('reviewer') }))
      .body;
    const indicators: string[] = stored.screenings[0].findings.map(
      (finding: { indicator: string }) => finding.indicator,
    );
    // The case really has many findings of many families, with the raw words the API keeps.
    expect(indicators).toEqual(
      expect.arrayContaining([
        'sanc_sdn_name',
        'net_geo_cn_ru_la_kp',
        'addr_ship_not_id_address',
        'pay_crypto',
        'pay_bank_country_mismatch',
        'comm_no_video',
        'x_shared_ship_address',
        'x_shared_ip',
      ]),
    );
    expect(JSON.stringify(stored)).toContain('residentialAddress');

    const casePage = await client.get(`/cases/${caseId}`);
    expect(casePage.status).toBe(200);
    expectPlain('case', casePage.text);
    expect(visibleText(casePage.text)).toContain(
      '1 session came from China while the applicant claims to be in the United States',
    );
    expect(visibleText(casePage.text)).toContain('North Korea sanctions (EO 13722)');
    // Linked cases by name, grouped by the shared value in words (this case's own masked address), never by id.
    expect(visibleText(casePage.text)).toMatch(
      /Possible laptop farm: Shipping address [^:]*Phoenix, United States ?: shared with 2 other cases (Ana Reyes|Ben Ortiz)/,
    );
    expect(visibleText(casePage.text)).not.toMatch(/\b[0-9a-f]{8}…/);
    // The farm view and the group the case page leads to speak the same words.
    const farms = await client.get('/farms');
    expect(farms.status).toBe(200);
    expectPlain('farms', farms.text);
    const groupPage = await client.get(/<a class="farm" href="([^"]+)">/.exec(casePage.text)![1]!);
    expect(groupPage.status).toBe(200);
    expectPlain('farm group', groupPage.text);
    expect(visibleText(groupPage.text)).toMatch(/Shipping address [^:]*Phoenix, United States ?: held by 3 cases/);
    // The sanctions hit beside the listed entry, attribute by attribute.
    expect(casePage.text).toMatch(
      /<th scope="row">Date of birth<\/th><td>born 1979<\/td><td>05 Jan 1979<\/td><td><span class="agrees">Agrees<\/span>/,
    );
    expect(casePage.text).toMatch(
      /<th scope="row">Country<\/th><td>lives in United States<\/td><td>nationality North Korea<\/td><td><span class="unknown">Unknown<\/span>/,
    );
    // The why-flagged summary comes before the evidence, the applicant record after it.
    const at = (needle: string) => casePage.text.indexOf(needle);
    expect(at('Why this case was flagged')).toBeGreaterThan(0);
    expect(at('Why this case was flagged')).toBeLessThan(at('Findings of the latest screening'));
    expect(at('Findings of the latest screening')).toBeLessThan(at('Applicant as submitted'));
    // The next case in the queue's order is one click away, and it is another case.
    const next = /<a href="\/cases\/([0-9a-f-]{36})">Next case →<\/a>/.exec(casePage.text)?.[1];
    expect(next).toMatch(/^[0-9a-f-]{36}$/);
    expect(next).not.toBe(caseId);
    // Family subtotals add up to the score shown.
    const counted = [...casePage.text.matchAll(/<h2 id="family-[a-z]+">[^<]+<span class="muted">\((\d+) points?/g)].map(
      (match) => Number(match[1]),
    );
    expect(counted.reduce((sum, points) => sum + points, 0)).toBe(stored.score);

    expect(
      (
        await client.post(`/cases/${caseId}/verifications`, {
          indicator: 'comm_no_video',
          outcome: 'failed',
          note: 'Camera stayed off again.',
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await client.post(`/cases/${caseId}/status`, {
          form: 'decide',
          status: 'confirmed_fraud',
          reason: 'Passport photo and liveness both failed.',
          shareReason: 'yes',
        })
      ).status,
    ).toBe(303);
    const decided = await client.get(`/cases/${caseId}`);
    expectPlain('decided case', decided.text);
    expect(visibleText(decided.text)).toContain('Check recorded for “Interview without video”');
    expect(visibleText(decided.text)).toContain('Decided: Confirmed fraud');
    expectPlain('revealed case', (await client.post(`/cases/${caseId}/reveal`, {})).text);
    expectPlain('dashboard', (await client.get('/dashboard')).text);

    const result = await recruiter.client.get(`/submissions/${caseId}`);
    expect(result.status).toBe(200);
    expectPlain('result', result.text);
    const resultText = visibleText(result.text);
    expect(resultText).toContain('Next step: Stop');
    expect(resultText).toContain('Reason given: “Passport photo and liveness both failed.”');
    expect(resultText).not.toContain('Compare the linked cases');
    expect(resultText).not.toContain('until the security team has decided');
  });

  it('tells the recruiter to go ahead once a case is cleared, without the reason unless the reviewer shared it', async () => {
    const recruiter = await signedInUser(server, 'recruiter');
    await recruiter.client.get('/candidates/new');
    const sent = await recruiter.client.post('/candidates', {
      externalId: `pl-c-${process.pid}`,
      'person.legalName': 'Mara Costa',
      'claimedLocation.country': 'US',
      'sessions.0.ip': '36.110.0.1',
      'sessions.0.kind': 'interview',
      'interview.videoOn': 'false',
    });
    const caseId = /([0-9a-f-]{36})/.exec(sent.location!)![1]!;
    const before = visibleText((await recruiter.client.get(`/submissions/${caseId}`)).text);
    expect(before).toMatch(/Next step: (Hold|Stop for now|Check first)/);

    const { client } = await signedInUser(server, 'reviewer');
    await client.get(`/cases/${caseId}`);
    expect(
      (
        await client.post(`/cases/${caseId}/status`, {
          form: 'decide',
          status: 'cleared',
          reason: 'Private note: spoke with her former manager.',
        })
      ).status,
    ).toBe(303);
    const after = visibleText((await recruiter.client.get(`/submissions/${caseId}`)).text);
    expect(after).toContain('Next step: Go ahead');
    expect(after).toContain('The security team cleared this candidate');
    expect(after).not.toContain('Some signs need checking');
    expect(after).not.toContain('Private note');
    expect(after).toContain('did not share the reason');
    // What recruiters are given of the case (pages and API alike) leaves the unshared reason out; reviewers keep it.
    const detail = (await server.services.cases.findDetail(caseId))!;
    expect(detail.events.find((event) => event.action === 'case.decided')!.data.reason).toBe(
      'Private note: spoke with her former manager.',
    );
    expect(
      caseDetailForRecruiter(detail).events.find((event) => event.action === 'case.decided')!.data.reason,
    ).toBeNull();
  });

  it("shares the reason with the recruiter's API key only when the reviewer asks (PATCH shareReasonWithRecruiter)", async () => {
    const recruiterKey = await server.createKey('recruiter');
    const reviewerKey = await server.createKey('reviewer');
    const decidedFor = async (share: boolean | undefined) => {
      const screened = await server.request('POST', '/api/v1/screenings', {
        key: recruiterKey,
        body: {
          source: 'api',
          externalId: `pl-api-${process.pid}-${String(share)}`,
          person: { legalName: `Ida Share ${String(share)}` },
        },
      });
      expect(screened.status).toBe(201);
      const caseId = screened.body.caseId as string;
      const body = {
        status: 'cleared',
        reason: `Checked references (${String(share)})`,
        ...(share === undefined ? {} : { shareReasonWithRecruiter: share }),
      };
      expect((await server.request('PATCH', `/api/v1/cases/${caseId}`, { key: reviewerKey, body })).status).toBe(200);
      const seen = await server.request('GET', `/api/v1/cases/${caseId}`, { key: recruiterKey });
      expect(seen.status).toBe(200);
      return (seen.body.events as { action: string; data: Record<string, unknown> }[]).find(
        (event) => event.action === 'case.decided',
      )!.data;
    };
    expect(await decidedFor(true)).toMatchObject({
      reason: 'Checked references (true)',
      reasonSharedWithRecruiter: true,
    });
    expect(await decidedFor(false)).toMatchObject({ reason: null });
    expect(await decidedFor(undefined)).toMatchObject({ reason: null });
    const wrong = await server.request('PATCH', `/api/v1/cases/${crypto.randomUUID()}`, {
      key: reviewerKey,
      body: { status: 'cleared', reason: 'x', shareReasonWithRecruiter: 'yes' },
    });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('shareReasonWithRecruiter');
  });
});
