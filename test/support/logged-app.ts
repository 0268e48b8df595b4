// An Express app behind the real request context, listening on a free port, with every log line it writes kept:
// `routes` adds what the test serves; the app is closed after `run`.
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { createLogger } from '../../src/logger';
import { requestContext } from '../../src/request-context';

export async function withLoggedApp(
  routes: (app: Express) => void,
  run: (baseUrl: string, logLines: () => Record<string, any>[]) => Promise<void>,
): Promise<void> {
  const lines: string[] = [];
  const sink = new Writable({
    write: (chunk, _encoding, done) => (lines.push(...String(chunk).trim().split('\n')), done()),
  });
  const app = express();
  app.use(requestContext(createLogger('info', sink)));
  routes(app);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, () =>
      lines.map((line) => JSON.parse(line)),
    );
  } finally {
    server.close();
  }
}
