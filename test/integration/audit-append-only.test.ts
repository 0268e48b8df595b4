import { Prisma } from '../../src/generated/prisma/client';
import { cleanApplicant } from '../support/applicants';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let caseId: string;

beforeAll(async () => {
  server = await startTestServer();
  const key = await server.createKey('recruiter');
  caseId = (await server.request('POST', '/api/v1/screenings', { key, body: cleanApplicant() })).body.caseId;
});
afterAll(() => server.close());

describe('the audit trail (case_events)', () => {
  it('refuses UPDATE in the database itself', async () => {
    await expect(
      server.services.db.$executeRaw`UPDATE case_events SET action = 'case.forged' WHERE case_id = ${caseId}::uuid`,
    ).rejects.toThrow(/append-only/);
  });

  it('refuses DELETE in the database itself', async () => {
    await expect(
      server.services.db.$executeRaw`DELETE FROM case_events WHERE case_id = ${caseId}::uuid`,
    ).rejects.toThrow(/append-only/);
    await expect(server.services.db.caseEvent.deleteMany({ where: { caseId } })).rejects.toThrow(/append-only/);
  });

  it('refuses TRUNCATE', async () => {
    await expect(server.services.db.$executeRaw(Prisma.sql`TRUNCATE case_events CASCADE`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('still has the event afterwards, unchanged', async () => {
    const events = await server.services.db.caseEvent.findMany({ where: { caseId } });
    // A clean applicant's case is closed at intake: created, then closed as no findings.
    expect(events.map((event) => event.action)).toEqual(['case.created', 'case.auto_closed']);
  });
});
