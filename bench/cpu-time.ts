// CPU time of processes from /proc (Linux), so a bench can say how much CPU each request cost each process: a number
// that holds on a busy machine, where requests per second do not.
import fs from 'node:fs';
import pg from 'pg';

// Linux reports utime and stime in clock ticks; USER_HZ is 100 on every mainstream kernel.
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds a process has used so far; 0 when it is gone or /proc is not there. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** User + system CPU seconds of a process and its children (a node:cluster server's workers). */
export function processTreeCpuSeconds(pid: number): number {
  let total = processCpuSeconds(pid);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid)
        total += processTreeCpuSeconds(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** The server processes (backends) connected to this database now. */
export async function backendPids(databaseUrl: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}

export interface CpuSample {
  server: number;
  database: number;
  loadGenerator: number;
  wallSeconds: number;
}

/** Starts counting; the returned function gives CPU seconds used since, per party. Backends are the ones seen at the end. */
export function startCpuCount(serverPid: number, databaseUrl: string): () => Promise<CpuSample> {
  const started = { server: processTreeCpuSeconds(serverPid), self: process.cpuUsage(), at: process.hrtime.bigint() };
  const backendsBefore = new Map<number, number>();
  // Backends are sampled right away too: the pool's connections already exist after the warm-up.
  const ready = backendPids(databaseUrl).then((pids) =>
    pids.forEach((pid) => backendsBefore.set(pid, processCpuSeconds(pid))),
  );
  return async () => {
    const server = processTreeCpuSeconds(serverPid) - started.server;
    const self = process.cpuUsage(started.self);
    const wallSeconds = Number(process.hrtime.bigint() - started.at) / 1e9;
    await ready;
    let database = 0;
    for (const pid of await backendPids(databaseUrl))
      database += processCpuSeconds(pid) - (backendsBefore.get(pid) ?? 0);
    return { server, database, loadGenerator: (self.user + self.system) / 1e6, wallSeconds };
  };
}
