// Recognises "the database is away" among the errors pg, the Prisma adapter and Prisma Client throw.
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'P2024',
  // PostgreSQL: admin shutdown, crash shutdown, cannot connect now, connection exceptions (class 08).
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const unavailableKinds = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'DatabaseUnavailable',
]);
// Prisma reports a driver error it has no P-code for as P2039 "Database error. Code: `57P01`" (seen when PostgreSQL
// shut down under load: it was a 500 before); the code in the message is read too.
const unavailableMessages =
  /connection terminated|connection timeout|timeout exceeded when trying to connect|can't reach database|server closed the connection|client has encountered a connection error|Connection terminated unexpectedly|the database system is (starting up|shutting down)|terminating connection due to administrator command|Code: `(57P0[123]|08\d{3})`/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 6) return false;
  const e = error as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown };
  if (typeof e.code === 'string' && unavailableCodes.has(e.code)) return true;
  if (typeof e.originalCode === 'string' && unavailableCodes.has(e.originalCode)) return true;
  if (typeof e.kind === 'string' && unavailableKinds.has(e.kind)) return true;
  if (typeof e.message === 'string' && unavailableMessages.test(e.message)) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1)))
    return true;
  // Prisma Client keeps the adapter's error (with the PostgreSQL code as originalCode) in meta.driverAdapterError.
  if (isDatabaseUnavailable((error as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError, depth + 1))
    return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** PostgreSQL cancelled a statement at DB_STATEMENT_TIMEOUT_MS (57014), as pg or Prisma reports it: the database is too slow right now. */
export function isStatementTimeout(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  if (typeof e.message === 'string' && /canceling statement due to statement timeout/.test(e.message)) return true;
  return isStatementTimeout(e.meta?.driverAdapterError, depth + 1) || isStatementTimeout(e.cause, depth + 1);
}
