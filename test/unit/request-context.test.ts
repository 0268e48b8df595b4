// The request context: one request line per answer, with the request id the answer carries; a handler's own lines carry
// the same id and are redacted; the request line skips redaction, which none of its fields needs.
import { locals } from '../../src/request-context';
import { withLoggedApp } from '../support/logged-app';

const withApp = (run: (baseUrl: string, logLines: () => Record<string, any>[]) => Promise<void>) =>
  withLoggedApp((app) => {
    app.use((_req, res, next) => {
      locals(res).principal = { actor: 'api-key:ats', role: 'recruiter' } as never;
      next();
    });
    app.get('/quiet', (_req, res) => res.json({ ok: true }));
    app.get('/talks', (_req, res) => {
      locals(res).log.warn({ password: 'hunter2', detail: { secret: 's3cret' } }, 'handler line');
      locals(res).log.info('second line');
      res.status(202).json({ ok: true });
    });
  }, run);

// The line is written on 'finish', just after the answer reaches the client.
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the request context', () => {
  it('writes one request line per answer, under the id the answer carries', async () => {
    await withApp(async (baseUrl, logLines) => {
      const response = await fetch(`${baseUrl}/quiet?token=abc`);
      await settle();
      const requestId = response.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(logLines()).toEqual([
        expect.objectContaining({
          level: 30,
          service: 'hiring-fraud-risk-checker',
          requestId,
          method: 'GET',
          path: '/quiet',
          status: 200,
          ms: expect.any(Number),
          actor: 'api-key:ats',
          msg: 'request',
        }),
      ]);
      expect(JSON.stringify(logLines())).not.toContain('token=abc');
    });
  });

  it("keeps a sent request id, and a handler's own lines carry it and are redacted", async () => {
    await withApp(async (baseUrl, logLines) => {
      const response = await fetch(`${baseUrl}/talks`, { headers: { 'x-request-id': 'req-42' } });
      await settle();
      expect(response.headers.get('x-request-id')).toBe('req-42');
      const lines = logLines();
      expect(lines.map((line) => [line.msg, line.requestId])).toEqual([
        ['handler line', 'req-42'],
        ['second line', 'req-42'],
        ['request', 'req-42'],
      ]);
      expect(lines[0]).toMatchObject({ password: '[redacted]', detail: { secret: '[redacted]' } });
      expect(lines[2]).toMatchObject({ status: 202, path: '/talks' });
    });
  });
});
