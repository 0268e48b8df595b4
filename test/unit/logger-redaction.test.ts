// The logger's redaction: whatever shape a request, an answer or a form reaches a log call in, its credentials are
// replaced before the line is written.
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';

function logged(write: (logger: ReturnType<typeof createLogger>) => void): Record<string, any> {
  let line = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      line += chunk.toString();
      done();
    },
  });
  write(createLogger('trace', sink));
  return JSON.parse(line) as Record<string, any>;
}

describe('log redaction', () => {
  it('redacts cookies and set-cookie headers of requests and answers', () => {
    const line = logged((logger) =>
      logger.info(
        {
          req: {
            method: 'GET',
            url: '/queue',
            headers: { cookie: 'hfrc_session=abc123secret', authorization: 'Bearer hfrc_x_y', host: 'h' },
          },
          res: { statusCode: 303, headers: { 'set-cookie': ['hfrc_session=def456secret; HttpOnly'] } },
        },
        'request',
      ),
    );
    expect(line.req.headers).toEqual({ cookie: '[redacted]', authorization: '[redacted]', host: 'h' });
    expect(line.res.headers).toEqual({ 'set-cookie': '[redacted]' });
    expect(JSON.stringify(line)).not.toMatch(/abc123secret|def456secret/);
  });

  it('redacts bare header objects, CSRF tokens, web passwords, one-time passwords and notification targets', () => {
    const line = logged((logger) =>
      logger.warn(
        {
          headers: { cookie: 'a=b', 'set-cookie': 'c=d' },
          form: { _csrf: 'tok', currentPassword: 'p1', password: 'p2' },
          session: { csrfToken: 'tok2' },
          newPassword: 'p3',
          confirmPassword: 'p4',
          created: { oneTimePassword: 'otp' },
          endpoint: { secret: 'whsec_x' },
          signingSecret: 'whsec_y',
          targetUrl: 'https://hooks.slack.com/services/T/B/secret',
        },
        'form',
      ),
    );
    expect(line).toMatchObject({
      headers: { cookie: '[redacted]', 'set-cookie': '[redacted]' },
      form: { _csrf: '[redacted]', password: '[redacted]' },
      session: { csrfToken: '[redacted]' },
      newPassword: '[redacted]',
      confirmPassword: '[redacted]',
      created: { oneTimePassword: '[redacted]' },
      endpoint: { secret: '[redacted]' },
      signingSecret: '[redacted]',
      targetUrl: '[redacted]',
    });
    expect(JSON.stringify(line)).not.toMatch(/"p[1-4]"|"tok2?"|"otp"|whsec_|hooks\.slack/);
  });
});
