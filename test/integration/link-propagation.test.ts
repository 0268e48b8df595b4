// Backward links are a queued job written in the screening's own transaction: a service killed after the commit,
// before any worker ran the job, loses nothing; once a worker runs again, every member of the farm shows the newcomer.
import crypto from 'node:crypto';
import { cleanApplicant } from '../support/applicants';
import { startService } from '../support/processes';
import { waitForLinkJobs } from '../support/link-jobs';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let key: string;

// No worker in this process: the service processes below are the only ones that could run the jobs.
beforeAll(async () => {
  server = await startTestServer();
  key = await server.createKey('reviewer');
});
afterAll(() => server.close());

function member(name: string, farm: Record<string, unknown>) {
  const base = cleanApplicant();
  return {
    ...base,
    person: { ...base.person, legalName: name, otherNames: [] },
    shipping: { address: farm, recipientName: name },
    payment: { ...base.payment, accountHolderName: name },
  };
}

async function post(port: number, body: unknown): Promise<{ caseId: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/screenings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { caseId: string };
}

const shippingLink = async (caseId: string) => {
  const detail = (await server.request('GET', `/api/v1/cases/${caseId}`, { key })).body;
  return (
    detail.screenings[0].findings.find((f: { indicator: string }) => f.indicator === 'x_shared_ship_address')?.evidence
      .otherCases ?? 0
  );
};

describe('backward links across a crash', () => {
  it('are rescored after a restart when the service was killed between the commit and the propagation', async () => {
    const farm = {
      line1: `${crypto.randomInt(1000, 9999)} E Crash Court`,
      city: 'Goodyear',
      region: 'AZ',
      postalCode: '85338',
      country: 'US',
    };
    // A service whose worker is off: it commits screenings and their jobs, and runs none of them.
    const first = await startService({ DATABASE_URL: server.databaseUrl, WORKER_CONCURRENCY: '0' });
    const answers = [];
    try {
      for (const name of ['Aria Stone', 'Blake Ford', 'Cora Vance', 'Dane Wolfe'])
        answers.push(await post(first.port, member(name, farm)));
    } finally {
      first.child.kill('SIGKILL');
      await first.exited;
    }
    const { rows } = await server.services.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'links_rescore'`,
    );
    expect(rows[0]!.n).toBeGreaterThan(0);
    // Killed before propagation: the first member does not know the others yet.
    expect(await shippingLink(answers[0]!.caseId)).toBe(0);

    const restarted = await startService({ DATABASE_URL: server.databaseUrl, WORKER_CONCURRENCY: '1' });
    try {
      await waitForLinkJobs(server.services.pool);
      for (const answer of answers) expect(await shippingLink(answer.caseId)).toBe(3);
    } finally {
      restarted.child.kill('SIGINT');
      await restarted.exited;
    }
  }, 90_000);
});
