// Screenings that arrive together share one statement (ScreeningStore's MicroBatcher): each must be stored exactly as
// it would be alone. Rows written by one statement carry the same transaction id (xmin), which shows the grouping.
import crypto from 'node:crypto';
import { parseApplicant } from '../../src/applicants/parse-applicant';
import { minimiseApplicant } from '../../src/applicants/snapshot';
import { ScreeningStore, type ScreeningWrite } from '../../src/cases/screening-store';
import {
  findLinksAndDispositions,
  findLinksAndDispositionsOfMany,
  type LinkLookup,
} from '../../src/links/link-lookup-store';
import { createScorer } from '../../src/screening/scorer';
import { nameKey } from '../../src/applicants/names';
import { ownNameKeys } from '../../src/links/link-service';
import { waitForLinkJobs } from '../support/link-jobs';
import { cleanApplicant, riskyApplicant, uniqueId } from '../support/applicants';
import { rowCounts } from '../support/row-counts';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let store: ScreeningStore;
const scorer = createScorer();

beforeAll(async () => {
  server = await startTestServer({ webhookWorker: { concurrency: 1 } });
  store = new ScreeningStore(server.services.db, server.services.pool);
});
afterAll(() => server.close());

function writeOf(
  body: Record<string, unknown>,
  actor = 'apikey:batch-test',
  mayAppendToAnyCase = false,
): ScreeningWrite {
  const applicant = parseApplicant(body);
  const context = scorer.context(applicant);
  const fingerprints = server.services.links.fingerprints(applicant, context);
  return {
    source: applicant.source,
    externalId: applicant.externalId ?? null,
    subjectName: applicant.person.legalName,
    nameKey: nameKey(applicant.person.legalName),
    householdEvidence: false,
    result: scorer.scoreWith(applicant, context),
    inputSnapshot: minimiseApplicant(applicant),
    actor,
    mayAppendToAnyCase,
    identifiers: server.services.links.storedIdentifiers(fingerprints.stored),
  };
}

// Rows added to a table between two rowCounts readings.
const added = (after: Record<string, number>, before: Record<string, number>, table: string) =>
  (after[table] ?? 0) - (before[table] ?? 0);

const record = async (write: ScreeningWrite) => {
  const outcome = await store.record(write, (stored) => ({ status: 201, body: stored }));
  if (outcome.kind !== 'recorded') throw new Error('the Idempotency-Key was taken');
  return outcome;
};

async function transactionIds(
  table: 'screenings' | 'case_events',
  column: 'id' | 'case_id',
  ids: string[],
): Promise<Set<string>> {
  const { rows } = await server.services.pool.query<{ xmin: string }>(
    `SELECT xmin::text AS xmin FROM ${table} WHERE ${column} = ANY($1::uuid[])`,
    [ids],
  );
  return new Set(rows.map((row) => row.xmin));
}

describe('screenings written together', () => {
  it('share one statement and are each stored as alone: case, screening, audit event and identifiers', async () => {
    const writes = [
      ...Array.from({ length: 10 }, () => writeOf(cleanApplicant())),
      ...Array.from({ length: 2 }, () => writeOf(riskyApplicant())),
    ];
    const before = await rowCounts(server.services.db);
    const outcomes = await Promise.all(writes.map(record));

    const caseIds = outcomes.map((outcome) => outcome.stored.caseId);
    expect(new Set(caseIds).size).toBe(12);
    expect(outcomes.every((outcome) => outcome.stored.isNewCase && outcome.status === 201)).toBe(true);
    expect(await transactionIds('screenings', 'case_id', caseIds)).toHaveProperty('size', 1);
    const after = await rowCounts(server.services.db);
    expect(added(after, before, 'cases')).toBe(12);
    expect(added(after, before, 'screenings')).toBe(12);
    // Each its case.created event; the 10 clean ones are also closed at intake (case.auto_closed).
    expect(added(after, before, 'events')).toBe(22);
    const { rows } = await server.services.pool.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM identifiers WHERE case_id = ANY($1::uuid[])`,
      [caseIds],
    );
    expect(rows[0]!.count).toBe(writes.reduce((sum, write) => sum + write.identifiers.hashes.length, 0));

    for (const [index, write] of writes.entries()) {
      const stored = await server.services.db.case.findUniqueOrThrow({
        where: { id: caseIds[index]! },
        include: { screenings: true, events: true },
      });
      expect(stored).toMatchObject({
        externalId: write.externalId,
        subjectName: write.subjectName,
        score: write.result.score,
        band: write.result.band,
        createdBy: write.actor,
      });
      expect(stored.screenings).toEqual([
        expect.objectContaining({
          id: outcomes[index]!.stored.screeningId,
          score: write.result.score,
          requestedBy: write.actor,
        }),
      ]);
      expect(stored.screenings[0]!.findings).toEqual(JSON.parse(JSON.stringify(write.result.findings)));
      const isClosedAtIntake = write.result.findings.length === 0 && write.result.band === 'low';
      expect([...stored.events].sort((a, b) => a.seq - b.seq)).toEqual([
        expect.objectContaining({
          action: 'case.created',
          actor: write.actor,
          seq: 1,
          data: {
            after: {
              score: write.result.score,
              band: write.result.band,
              sanctionsStatus: write.result.sanctionsStatus,
              ruleSetVersion: write.result.ruleSetVersion,
              screeningId: outcomes[index]!.stored.screeningId,
            },
          },
        }),
        ...(isClosedAtIntake
          ? [expect.objectContaining({ action: 'case.auto_closed', actor: 'system:triage', seq: 2 })]
          : []),
      ]);
    }
  });

  it('re-screens existing cases in the same statement as new ones, with the score before in each audit event', async () => {
    const externalIds = [uniqueId('again'), uniqueId('again')];
    const first = await Promise.all(externalIds.map((externalId) => record(writeOf(cleanApplicant({ externalId })))));
    const outcomes = await Promise.all(
      [...externalIds.map((externalId) => writeOf(riskyApplicant({ externalId }))), writeOf(cleanApplicant())].map(
        record,
      ),
    );

    expect(outcomes.map((outcome) => outcome.stored.isNewCase)).toEqual([false, false, true]);
    expect(outcomes.slice(0, 2).map((outcome) => outcome.stored.caseId)).toEqual(
      first.map((outcome) => outcome.stored.caseId),
    );
    expect(
      await transactionIds(
        'screenings',
        'case_id',
        outcomes.map((outcome) => outcome.stored.caseId),
      ),
    ).toHaveProperty('size', 2);
    for (const outcome of outcomes.slice(0, 2)) {
      const stored = await server.services.db.case.findUniqueOrThrow({
        where: { id: outcome.stored.caseId },
        include: { events: { orderBy: { seq: 'asc' } } },
      });
      expect(stored).toMatchObject({ score: 90, band: 'critical' });
      // Closed at intake (clean), opened again by the risky re-screen in the same statement as new cases.
      expect(stored.events.map((event) => [event.seq, event.action])).toEqual([
        [1, 'case.created'],
        [2, 'case.auto_closed'],
        [3, 'case.rescreened'],
        [4, 'case.auto_reopened'],
      ]);
      expect(stored.events[2]!.data).toMatchObject({
        before: { score: 0, band: 'low' },
        after: { score: 90, band: 'critical' },
      });
    }
  });

  it('puts two screenings of one case in successive statements, chained in order', async () => {
    const externalId = uniqueId('twice');
    const outcomes = await Promise.all(
      [writeOf(cleanApplicant({ externalId })), writeOf(riskyApplicant({ externalId }))].map(record),
    );

    expect(outcomes[0]!.stored.caseId).toBe(outcomes[1]!.stored.caseId);
    expect(outcomes.map((outcome) => outcome.stored.isNewCase)).toEqual([true, false]);
    expect(await transactionIds('case_events', 'case_id', [outcomes[0]!.stored.caseId])).toHaveProperty('size', 2);
    const stored = await server.services.db.case.findUniqueOrThrow({
      where: { id: outcomes[0]!.stored.caseId },
      include: { events: { orderBy: { seq: 'asc' } } },
    });
    expect(stored.events.map((event) => event.action)).toEqual([
      'case.created',
      'case.auto_closed',
      'case.rescreened',
      'case.auto_reopened',
    ]);
    for (let index = 1; index < stored.events.length; index++)
      expect(stored.events[index]!.prevHash).toEqual(stored.events[index - 1]!.hash);
  });

  it("answers 409 to the one screening that would add to another submitter's case, and stores the rest of its statement", async () => {
    const externalId = uniqueId('theirs');
    const theirs = await record(writeOf(cleanApplicant({ externalId }), 'apikey:other-recruiter'));
    const before = await rowCounts(server.services.db);
    const outcomes = await Promise.allSettled(
      [
        writeOf(cleanApplicant()),
        writeOf(riskyApplicant({ externalId, person: { legalName: 'Someone Else' } })),
        writeOf(cleanApplicant()),
      ].map(record),
    );

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({
      code: 'conflict',
      details: { fields: [expect.objectContaining({ path: 'externalId' })] },
    });
    const after = await rowCounts(server.services.db);
    expect([added(after, before, 'cases'), added(after, before, 'screenings'), added(after, before, 'events')]).toEqual(
      [2, 2, 4],
    );
    const untouched = await server.services.db.case.findUniqueOrThrow({
      where: { id: theirs.stored.caseId },
      include: { screenings: true },
    });
    expect(untouched).toMatchObject({ subjectName: 'Jane Q. Doe', score: 0 });
    expect(untouched.screenings).toHaveLength(1);

    // Reviewers and integrations may add to any case, in a shared statement too.
    const byReviewer = await Promise.all(
      [writeOf(riskyApplicant({ externalId }), 'apikey:reviewer', true), writeOf(cleanApplicant())].map(record),
    );
    expect(byReviewer[0]!.stored).toMatchObject({ caseId: theirs.stored.caseId, isNewCase: false });
  });

  it('fails only the screening that breaks its statement: the others are written one by one and kept', async () => {
    const broken = writeOf(cleanApplicant());
    broken.identifiers = { ...broken.identifiers, kinds: ['not_a_kind'], hashes: ['00'] };
    const before = await rowCounts(server.services.db);
    const outcomes = await Promise.allSettled(
      [writeOf(cleanApplicant()), broken, writeOf(cleanApplicant())].map(record),
    );

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const after = await rowCounts(server.services.db);
    expect([added(after, before, 'cases'), added(after, before, 'screenings'), added(after, before, 'events')]).toEqual(
      [2, 2, 4],
    );
    expect(await server.services.db.case.count({ where: { externalId: broken.externalId } })).toBe(0);
  });
});

describe('link lookups made together', () => {
  const lookupOf = (body: Record<string, unknown>): LinkLookup => {
    const applicant = parseApplicant(body);
    return {
      fingerprints: server.services.links.fingerprints(applicant, scorer.context(applicant)).lookup,
      ownNames: ownNameKeys(applicant.person),
      source: applicant.source,
      externalId: applicant.externalId ?? null,
    };
  };
  const screen = (body: Record<string, unknown>) =>
    server.services.screening.screen(parseApplicant(body), { actor: 'apikey:lookup-test', mayAppendToAnyCase: true });

  it("answer each applicant with its own links (its own case left out) and its own case's dispositions, as one lookup alone would", async () => {
    const farmWallet = {
      method: 'crypto',
      accountHolderName: 'Chen Wei',
      wallet: { chain: 'ETH', address: `0x${'ab'.repeat(10)}${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}` },
    };
    const farmMember = await screen(riskyApplicant({ payment: farmWallet }));
    const reviewedId = uniqueId('reviewed');
    const reviewed = await screen(cleanApplicant({ externalId: reviewedId }));
    await server.services.pool.query(
      `INSERT INTO finding_dispositions (case_id, indicator, subject, disposition, reason, actor) VALUES ($1, 'pay_crypto', NULL, 'false_positive', 'first', 'user:a'), ($1, 'pay_crypto', NULL, 'confirmed', 'second', 'user:b')`,
      [reviewed.body.caseId],
    );
    // The same fixture name twice would be the same person again: the first lookup comes from someone else.
    const lookups = [
      { ...lookupOf(riskyApplicant({ payment: farmWallet })), ownNames: ['someone else'] },
      lookupOf(cleanApplicant()),
      lookupOf(cleanApplicant({ externalId: reviewedId })),
    ];

    const together = await findLinksAndDispositionsOfMany(server.services.pool, lookups);

    expect(together[0]!.groups.payout).toMatchObject({
      cases: 1,
      sample: [expect.objectContaining({ caseId: farmMember.body.caseId })],
    });
    expect(together[0]!.dispositions).toEqual([]);
    expect(together[1]).toEqual({ groups: {}, dispositions: [] });
    expect(Object.values(together[2]!.groups).flatMap((group) => group.sample.map((row) => row.caseId))).not.toContain(
      reviewed.body.caseId,
    );
    expect(together[2]!.dispositions.map((d) => [d.disposition, d.reason])).toEqual([
      ['false_positive', 'first'],
      ['confirmed', 'second'],
    ]);
    for (const [index, lookup] of lookups.entries()) {
      expect(await findLinksAndDispositions(server.services.pool, lookup)).toEqual(together[index]);
    }
  });
});

describe('a screening whose write waits on a case lock', () => {
  it('does not hold up the screenings that arrive meanwhile: once a few wait, they go in a statement of their own', async () => {
    const body = cleanApplicant();
    const { stored } = await record(writeOf(body));
    const locker = await server.services.pool.connect();
    let held: Promise<unknown> | undefined;
    try {
      // A rescoring job, say, holds the case's row while the applicant is screened again.
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [stored.caseId]);
      held = record(writeOf(body));
      const waitingOnLock = async () => {
        const { rows } = await server.services.pool.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return rows[0]!.waiting > 0;
      };
      for (let tries = 0; !(await waitingOnLock()); tries++) {
        if (tries > 100) throw new Error('the rescreening never waited on the lock');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const others = Promise.all(Array.from({ length: 10 }, () => record(writeOf(cleanApplicant()))));
      const outcome = await Promise.race([
        others.then(() => 'stored'),
        new Promise((resolve) => setTimeout(() => resolve('held up'), 10_000)),
      ]);
      expect(outcome).toBe('stored');
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
    await held;
  });
});

describe('applicants screened at the same moment', () => {
  const screen = (body: Record<string, unknown>) =>
    server.services.screening.screen(parseApplicant(body), { actor: 'apikey:farm-test', mayAppendToAnyCase: true });
  const farmPayment = () => ({
    method: 'crypto',
    accountHolderName: 'Chen Wei',
    wallet: { chain: 'ETH', address: `0x${crypto.randomBytes(20).toString('hex')}` },
  });
  const sharedPayout = (findings: { indicator: string; evidence: Record<string, unknown> }[]) =>
    findings.find((finding) => finding.indicator === 'x_shared_payout_account');

  it('link to each other although each looked its links up before the other was stored (the queued rescoring sees both)', async () => {
    const payment = farmPayment();
    // Submitted together, their lookups share one statement: neither can see the other there.
    // Two different people (a case under the same name is the same person again, not a farm).
    const [first, second] = await Promise.all([
      screen(
        cleanApplicant({
          payment,
          person: { legalName: 'Mark Ellison', email: `m.${crypto.randomUUID()}@example.com` },
        }),
      ),
      screen(
        cleanApplicant({
          payment,
          person: { legalName: 'Dana Whitfield', email: `d.${crypto.randomUUID()}@example.com` },
        }),
      ),
    ]);
    const firstCase = first.body.caseId;
    const secondCase = second.body.caseId;
    expect(firstCase).not.toBe(secondCase);
    await waitForLinkJobs(server.services.pool);
    for (const [caseId, other] of [
      [firstCase, secondCase],
      [secondCase, firstCase],
    ] as const) {
      const stored = await server.services.db.case.findUniqueOrThrow({
        where: { id: caseId },
        include: { screenings: { orderBy: { createdAt: 'desc' } }, events: { orderBy: { seq: 'asc' } } },
      });
      const latest = stored.screenings[0]!;
      expect(JSON.stringify(sharedPayout(latest.findings as never))).toContain(other);
      expect(stored.score).toBe(latest.score);
      expect(stored.events.map((event) => event.action)).toContain('case.linked');
    }
  });

  it('leave applicants that share nothing alone: no relinking, one screening each', async () => {
    const outcomes = await Promise.all([
      screen(cleanApplicant({ payment: farmPayment() })),
      screen(cleanApplicant({ payment: farmPayment() })),
    ]);
    for (const outcome of outcomes) {
      expect(await server.services.db.screening.count({ where: { caseId: outcome.body.caseId } })).toBe(1);
      expect(sharedPayout(outcome.body.findings as never)).toBeUndefined();
    }
  });
});
