// One line for a service that cannot start: the cause and what to do, never a stack (that goes to the debug log).
import { isDatabaseUnavailable } from './db/unavailable';

export function startupErrorLine(error: unknown, databaseUrl: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  if (isDatabaseUnavailable(error)) {
    let where = 'the embedded PostgreSQL';
    if (databaseUrl) {
      try {
        const url = new URL(databaseUrl);
        where = `PostgreSQL at ${url.hostname}:${url.port || '5432'} (DATABASE_URL)`;
      } catch {
        where = 'the PostgreSQL of DATABASE_URL';
      }
    }
    return `could not start: ${where} cannot be reached (${firstLine(message)}). Start it or correct DATABASE_URL, then start again.`;
  }
  return `could not start: ${firstLine(message)}`;
}

const firstLine = (text: string) => text.split('\n')[0]!.slice(0, 500);
