// Waits until the queued link rescorings (task links_rescore) are done: backward links are asynchronous.
import type pg from 'pg';

export async function waitForLinkJobs(pool: pg.Pool, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'links_rescore' AND attempts < max_attempts`,
    );
    if (rows[0]!.n === 0) return;
    if (Date.now() > deadline)
      throw new Error(`${rows[0]!.n} link rescoring job(s) still queued after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
