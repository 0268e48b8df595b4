// Other people's personal data in a case (references, the laptop's recipient, the payout account's holder, household
// members) is masked like the applicant's in every API answer and page, and shown only through the audited reveal.
import { riskyApplicant } from '../support/applicants';
import { startTestServer, type TestServer } from '../support/test-server';
import { signedInUser } from '../browser/web-client';

let server: TestServer;
let keys: { recruiter: string; reviewer: string; admin: string };
let caseId: string;

const reference = {
  name: 'Robert Referee',
  email: `bob.referee.${process.pid}@refs.example`,
  phone: '+1 415 555 0199',
  employer: 'Acme Corp',
};
const recipient = 'Olga Petrova';
const holder = 'Chen Wei';
const housemate = 'Maria Housemate';
/** Every third party's value that must not leave unmasked without a reveal. */
const thirdParty = [reference.name, reference.email, reference.phone, recipient, holder, housemate];
const leaked = (text: string) => thirdParty.filter((value) => text.includes(value));

function applicant(): Record<string, any> {
  const sent = riskyApplicant({ references: [reference] });
  sent.person.householdMembers = [housemate];
  sent.shipping.recipientName = recipient;
  sent.payment.accountHolderName = holder;
  return sent;
}

const revealEvents = () =>
  server.services.db.caseEvent.findMany({
    where: { caseId, action: 'case.sensitive_revealed' },
    orderBy: { id: 'asc' },
  });

beforeAll(async () => {
  server = await startTestServer();
  keys = {
    recruiter: await server.createKey('recruiter'),
    reviewer: await server.createKey('reviewer'),
    admin: await server.createKey('admin'),
  };
  const created = await server.request('POST', '/api/v1/screenings', { key: keys.recruiter, body: applicant() });
  expect(created.status).toBe(201);
  caseId = created.body.caseId;
});
afterAll(() => server.close());

describe('GET /api/v1/cases/:id', () => {
  it.each(['recruiter', 'reviewer', 'admin'] as const)(
    'masks references, the recipient, the account holder and household members for a %s key, writing no audit event',
    async (role) => {
      const answer = await server.request('GET', `/api/v1/cases/${caseId}`, { key: keys[role] });
      expect(answer.status).toBe(200);
      expect(leaked(JSON.stringify(answer.body))).toEqual([]);
      expect(answer.body.screenings[0].inputSnapshot).toMatchObject({
        person: { householdMembers: ['M••• H•••'] },
        references: [{ name: 'R••• R•••', email: 'b•••@refs.example', phone: '••• 99', employer: 'Acme Corp' }],
        shipping: { recipientName: 'O••• P•••' },
        payment: { accountHolderName: 'C••• W•••' },
      });
      // The findings that name them (laptop to someone else, wages to someone else) are masked too.
      const evidence = Object.fromEntries(
        answer.body.screenings[0].findings.map((finding: { indicator: string; evidence: unknown }) => [
          finding.indicator,
          finding.evidence,
        ]),
      );
      expect(evidence.pay_name_mismatch).toMatchObject({ accountHolderName: 'C••• W•••', legalName: 'Jane Q. Doe' });
      expect(await revealEvents()).toEqual([]);
    },
  );
});

describe('the audited reveal', () => {
  it("API: answers the third parties' values unmasked and records who saw them and why", async () => {
    const fields = ['references', 'shipping.recipientName', 'payment.accountHolderName', 'person.householdMembers'];
    const answer = await server.request('POST', `/api/v1/cases/${caseId}/reveal`, {
      key: keys.reviewer,
      body: { fields, reason: 'Calling the references' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.values).toEqual({
      references: [reference],
      'shipping.recipientName': recipient,
      'payment.accountHolderName': holder,
      'person.householdMembers': [housemate],
    });
    expect((await revealEvents()).map((event) => event.data)).toEqual([{ fields, reason: 'Calling the references' }]);
    // Masked again afterwards.
    expect(
      leaked(JSON.stringify((await server.request('GET', `/api/v1/cases/${caseId}`, { key: keys.reviewer })).body)),
    ).toEqual([]);
  });

  it('pages: the case page masks them (references listed), the reveal shows them and writes its audit event', async () => {
    const { client } = await signedInUser(server, 'reviewer');
    const page = await client.get(`/cases/${caseId}`);
    expect(page.status).toBe(200);
    expect(leaked(page.text)).toEqual([]);
    for (const masked of ['R••• R•••', 'b•••@refs.example', 'O••• P•••', 'C••• W•••', 'M••• H•••'])
      expect(page.text).toContain(masked);
    const before = (await revealEvents()).length;
    const revealed = await client.post(`/cases/${caseId}/reveal`, {});
    expect(revealed.status).toBe(200);
    expect(leaked(revealed.text)).toEqual(thirdParty);
    const events = await revealEvents();
    expect(events).toHaveLength(before + 1);
    expect((events.at(-1)!.data as { fields: string[] }).fields).toEqual(
      expect.arrayContaining([
        'references',
        'shipping.recipientName',
        'payment.accountHolderName',
        'person.householdMembers',
      ]),
    );
    expect(leaked((await client.get(`/cases/${caseId}`)).text)).toEqual([]);
  });

  it("pages: the recruiter's result page shows the findings with the evidence masked", async () => {
    const { client } = await signedInUser(server, 'recruiter');
    await client.get('/candidates/new');
    const sent = await client.post('/candidates', {
      'person.legalName': 'Jane Q. Doe',
      'claimedLocation.country': 'US',
      'sessions.0.ip': '36.110.0.1',
      'shipping.address.line1': '77 Elm Street',
      'shipping.address.city': 'Phoenix',
      'shipping.address.country': 'US',
      'shipping.recipientName': recipient,
      'payment.method': 'crypto',
      'payment.accountHolderName': holder,
      'references.0.name': reference.name,
      'references.0.email': reference.email,
    });
    expect(sent.status).toBe(303);
    const result = await client.get(sent.location!);
    expect(result.status).toBe(200);
    expect(result.text).toContain('The payout account is held by someone other than the applicant');
    expect(leaked(result.text)).toEqual([]);
    expect(result.text).not.toContain('77 Elm Street');
  });
});
