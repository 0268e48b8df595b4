import { AppError } from '../../src/errors';
import { errorHandler, notFoundHandler } from '../../src/http/error-handler';
import { withLoggedApp } from '../support/logged-app';

// The real middleware around test-only routes that fail in known ways.
const withApp = (run: (baseUrl: string, logLines: () => Record<string, any>[]) => Promise<void>) =>
  withLoggedApp((app) => {
    app.get('/boom', () => {
      throw new Error('secret internal detail: password=hunter2');
    });
    app.get('/forbidden', () => {
      throw new AppError('forbidden', 'Reviewers only');
    });
    app.get('/db-down', () => {
      throw new Error('query failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }),
      });
    });
    app.use(notFoundHandler());
    app.use(errorHandler());
  }, run);

describe('the error handler', () => {
  it('answers a 500 that reveals nothing internal and logs the error with the request id', async () => {
    await withApp(async (baseUrl, logLines) => {
      const response = await fetch(`${baseUrl}/boom`, { headers: { 'x-request-id': 'req-123' } });
      const text = await response.text();
      expect(response.status).toBe(500);
      expect(text).not.toMatch(/hunter2|secret internal|at .*\.ts/);
      expect(JSON.parse(text)).toEqual({
        error: { code: 'internal', message: expect.stringContaining('req-123'), requestId: 'req-123' },
      });
      const logged = logLines().find((line) => line.msg === 'unhandled error');
      expect(logged).toMatchObject({
        requestId: 'req-123',
        err: { message: expect.stringContaining('secret internal detail') },
      });
    });
  });

  it('maps an AppError to its status and keeps its message', async () => {
    await withApp(async (baseUrl) => {
      const response = await fetch(`${baseUrl}/forbidden`);
      expect(response.status).toBe(403);
      expect(((await response.json()) as any).error).toMatchObject({ code: 'forbidden', message: 'Reviewers only' });
    });
  });

  it('turns an unreachable database into 503 with Retry-After', async () => {
    await withApp(async (baseUrl) => {
      const response = await fetch(`${baseUrl}/db-down`);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      // A read is not told that "nothing was stored".
      expect(((await response.json()) as any).error).toEqual(
        expect.objectContaining({
          code: 'database_unavailable',
          message: 'The database is unavailable. Retry shortly.',
        }),
      );
    });
  });

  it('replaces an unsafe incoming request id with its own', async () => {
    await withApp(async (baseUrl) => {
      const response = await fetch(`${baseUrl}/nowhere`, { headers: { 'x-request-id': 'bad id\twith spaces' } });
      expect(response.status).toBe(404);
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});
