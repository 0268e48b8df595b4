// Bench baseline: bare Express 5 + express.json + pg.Pool writing one screening's rows (case, screening, case event) in one transaction; no auth, validation or scoring.
import crypto from 'node:crypto';
import express, { type Express, type Request, type Response } from 'express';
import type pg from 'pg';

const ACTOR = 'bench:baseline';
// Nothing is scored: every screening stores this fixed result and no findings.
const RESULT = { score: 0, band: 'low', ruleSetVersion: 'baseline' } as const;

interface ScreeningBody {
  source?: string;
  externalId?: string | null;
  person: { legalName: string };
}

interface PreviousScore {
  score: number;
  band: string;
  ruleSetVersion: string;
}

interface ClaimedCase {
  id: string;
  previous: PreviousScore | null;
}

function isScreeningBody(body: unknown): body is ScreeningBody {
  return typeof (body as ScreeningBody | undefined)?.person?.legalName === 'string';
}

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function lockCase(client: pg.PoolClient, source: string, externalId: string): Promise<ClaimedCase | null> {
  const { rows } = await client.query<{ id: string; score: number; band: string; rule_set_version: string }>(
    'SELECT id::text AS id, score, band::text AS band, rule_set_version FROM cases WHERE source = $1 AND external_id = $2 FOR UPDATE',
    [source, externalId],
  );
  const row = rows[0];
  return row
    ? { id: row.id, previous: { score: row.score, band: row.band, ruleSetVersion: row.rule_set_version } }
    : null;
}

async function updateCase(client: pg.PoolClient, id: string, subjectName: string): Promise<void> {
  await client.query(
    'UPDATE cases SET subject_name = $2, score = $3, band = $4, rule_set_version = $5, updated_at = now() WHERE id = $1',
    [id, subjectName, RESULT.score, RESULT.band, RESULT.ruleSetVersion],
  );
}

// The same statements as ScreeningStore.claimCase: lock and update the (source, externalId) case, or insert a new one.
async function claimCase(
  client: pg.PoolClient,
  source: string,
  externalId: string | null,
  subjectName: string,
): Promise<ClaimedCase> {
  if (externalId) {
    const existing = await lockCase(client, source, externalId);
    if (existing) {
      await updateCase(client, existing.id, subjectName);
      return existing;
    }
  }
  const id = crypto.randomUUID();
  const inserted = await client.query(
    `INSERT INTO cases (id, source, external_id, subject_name, score, band, rule_set_version, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
    [id, source, externalId, subjectName, RESULT.score, RESULT.band, RESULT.ruleSetVersion, ACTOR],
  );
  if (inserted.rowCount === 1) return { id, previous: null };
  const winner = await lockCase(client, source, externalId!);
  if (!winner) throw new Error('a concurrently created case could not be found');
  await updateCase(client, winner.id, subjectName);
  return winner;
}

async function writeScreening(
  client: pg.PoolClient,
  body: ScreeningBody,
): Promise<{ caseId: string; screeningId: string }> {
  const target = await claimCase(client, body.source ?? 'api', body.externalId ?? null, body.person.legalName);
  const screeningId = crypto.randomUUID();
  await client.query(
    `INSERT INTO screenings (id, case_id, score, band, rule_set_version, findings, input_snapshot, requested_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [screeningId, target.id, RESULT.score, RESULT.band, RESULT.ruleSetVersion, '[]', JSON.stringify(body), ACTOR],
  );
  const after = { ...RESULT, screeningId };
  await client.query('INSERT INTO case_events (case_id, actor, action, data) VALUES ($1, $2, $3, $4)', [
    target.id,
    ACTOR,
    target.previous ? 'case.rescreened' : 'case.created',
    JSON.stringify(target.previous ? { before: target.previous, after } : { after }),
  ]);
  return { caseId: target.id, screeningId };
}

export function createBaselineApp(pool: pg.Pool): Express {
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/api/v1/screenings', async (req: Request, res: Response) => {
    if (!isScreeningBody(req.body)) {
      res.status(400).json({ error: 'person.legalName is required' });
      return;
    }
    const body = req.body;
    res.status(201).json(await inTransaction(pool, (client) => writeScreening(client, body)));
  });
  return app;
}
