// Fault test: webhook deliveries under load, the service killed with SIGKILL midway and restarted. Every delivery
// answered 200 must end processed exactly once. Exits 1 when anything is lost or doubled (timing is only reported).
import {
  boundedInteger,
  createBenchDatabase,
  query,
  teardown,
  teardownOnSignals,
  teardownSteps,
} from './bench-support';
import {
  createGreenhouseSource,
  greenhouseDelivery,
  newRunId,
  startBenchService,
  stopService,
  type ServiceProcess,
} from './webhook-support';

const settings = {
  adminUrl: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  deliveries: boundedInteger('CRASH_DELIVERIES', 1500, 10, 100_000),
  senders: boundedInteger('CRASH_SENDERS', 20, 1, 200),
  // The kill comes once this share of deliveries (in %) has been acknowledged.
  killAtPercent: boundedInteger('CRASH_KILL_AT_PERCENT', 40, 1, 99),
  drainTimeoutSeconds: boundedInteger('CRASH_DRAIN_SECONDS', 240, 10, 3600),
};

interface Tally {
  acknowledged: Set<number>;
  duplicatesAnswered: number;
  failedAttempts: number;
}

async function main(): Promise<void> {
  teardownOnSignals();
  try {
    const databaseUrl = await createBenchDatabase(settings.adminUrl, 'hfrc_bench_crash');
    await createGreenhouseSource(databaseUrl);
    const runId = newRunId();
    let service: ServiceProcess = await startBenchService(databaseUrl, 4);
    teardownSteps.push(() => stopService(service));
    let baseUrl = `http://127.0.0.1:${service.port}`;
    const tally: Tally = { acknowledged: new Set(), duplicatesAnswered: 0, failedAttempts: 0 };
    // Like an ATS: a delivery that got no 200 is sent again (same event id, same bytes) until it does.
    const queue = Array.from({ length: settings.deliveries }, (_unused, n) => n);
    let killedAt: number | null = null;
    let restartedAt: number | null = null;
    const started = Date.now();

    const crash = async () => {
      killedAt = Date.now();
      service.child.kill('SIGKILL');
      await service.exited;
      console.log(
        `SIGKILL after ${tally.acknowledged.size} acknowledged deliveries (${((killedAt - started) / 1000).toFixed(1)} s in); restarting`,
      );
      service = await startBenchService(databaseUrl, 4);
      baseUrl = `http://127.0.0.1:${service.port}`;
      restartedAt = Date.now();
      console.log(`restarted after ${((restartedAt - killedAt) / 1000).toFixed(1)} s`);
    };
    let crashing: Promise<void> | null = null;

    const sender = async () => {
      for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
        const delivery = greenhouseDelivery(n, runId);
        try {
          const response = await fetch(`${baseUrl}/webhooks/greenhouse`, {
            method: 'POST',
            body: delivery.body,
            headers: delivery.headers,
            signal: AbortSignal.timeout(10_000),
          });
          const body = (await response.json().catch(() => null)) as { duplicate?: boolean } | null;
          if (response.status !== 200) throw new Error(`status ${response.status}`);
          if (body?.duplicate) tally.duplicatesAnswered += 1;
          tally.acknowledged.add(n);
        } catch {
          tally.failedAttempts += 1;
          queue.push(n);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        if (!crashing && tally.acknowledged.size >= (settings.deliveries * settings.killAtPercent) / 100)
          crashing = crash();
      }
    };
    await Promise.all(Array.from({ length: settings.senders }, sender));
    await crashing;
    const sentIn = (Date.now() - started) / 1000;

    const counts = async () =>
      (
        await query<{
          deliveries: number;
          distinct_ids: number;
          pending: number;
          processed: number;
          dead: number;
          cases: number;
          screenings: number;
        }>(
          databaseUrl,
          `SELECT count(*)::int AS deliveries, count(DISTINCT delivery_id)::int AS distinct_ids,
                  count(*) FILTER (WHERE status IN ('queued', 'processing'))::int AS pending,
                  count(*) FILTER (WHERE status = 'processed')::int AS processed, count(*) FILTER (WHERE status = 'dead')::int AS dead,
                  (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM screenings) AS screenings
           FROM webhook_deliveries`,
        )
      )[0]!;
    let final = await counts();
    while (final.pending > 0 && Date.now() - started < settings.drainTimeoutSeconds * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      final = await counts();
    }
    const drainedIn = (Date.now() - started) / 1000;
    const stored = new Set(
      (await query<{ delivery_id: string }>(databaseUrl, `SELECT delivery_id FROM webhook_deliveries`)).map((row) =>
        Number(row.delivery_id.slice(runId.length + 1)),
      ),
    );
    const lost = [...tally.acknowledged].filter((n) => !stored.has(n));
    const [twice] = await query<{ n: number }>(
      databaseUrl,
      `SELECT count(*)::int AS n FROM (SELECT case_id FROM screenings GROUP BY case_id HAVING count(*) > 1) doubled`,
    );

    console.log('\n=== Webhook crash test (kill -9 under load, then restart) ===');
    console.log(
      `${settings.deliveries} Greenhouse deliveries from ${settings.senders} concurrent senders that re-send anything not answered 200; worker concurrency 4 in the service.`,
    );
    console.log(
      `all acknowledged after ${sentIn.toFixed(1)} s (${tally.failedAttempts} attempts failed while the service was down or starting; ${tally.duplicatesAnswered} re-sends answered as duplicates)`,
    );
    console.log(`queue ${final.pending === 0 ? 'drained' : 'NOT drained'} ${drainedIn.toFixed(1)} s after the start`);
    console.log(
      `acknowledged: ${tally.acknowledged.size}; stored deliveries: ${final.deliveries} (distinct ids ${final.distinct_ids}); lost: ${lost.length}`,
    );
    console.log(
      `processed: ${final.processed}; dead: ${final.dead}; pending: ${final.pending}; cases: ${final.cases}; screenings: ${final.screenings}; cases screened twice: ${twice!.n}`,
    );
    const isWhole =
      lost.length === 0 &&
      final.deliveries === settings.deliveries &&
      final.distinct_ids === settings.deliveries &&
      final.processed === settings.deliveries &&
      final.cases === settings.deliveries &&
      final.screenings === settings.deliveries &&
      twice!.n === 0;
    console.log(isWhole ? 'RESULT: nothing lost, nothing doubled' : 'RESULT: FAILED (see the counts above)');
    if (!isWhole) process.exitCode = 1;
    await stopService(service);
  } finally {
    await teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
