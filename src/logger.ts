// JSON logs (pino) with secrets redacted wherever they might appear.
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'hiring-fraud-risk-checker' },
      redact: {
        // Cookies carry the page session and sign-in CSRF tokens; set-cookie is how they are handed out.
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          'authorization',
          'apiKey',
          'secret',
          '*.secret',
          'password',
          '*.password',
          'databaseUrl',
          'req.headers.cookie',
          'headers.cookie',
          'cookie',
          'res.headers["set-cookie"]',
          'headers["set-cookie"]',
          'req.headers["x-csrf-token"]',
          'csrfToken',
          '*.csrfToken',
          '_csrf',
          '*._csrf',
          'oneTimePassword',
          '*.oneTimePassword',
          'newPassword',
          '*.newPassword',
          'currentPassword',
          '*.currentPassword',
          'confirmPassword',
          '*.confirmPassword',
          'signingSecret',
          '*.signingSecret',
          'targetUrl',
          '*.targetUrl',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

const LOG_BLOCK_BYTES = 4096;
const LOG_FLUSH_MS = 1000;

/**
 * The service's log destination: stdout in blocks of up to 4 KB rather than a write call per line (one per request:
 * about a tenth of a screening's CPU under load). A quiet service's lines wait at most a second; pino writes what is
 * left on exit, also after a fatal error (only a SIGKILL can lose the last second).
 */
export function bufferedStdout(): pino.DestinationStream {
  const destination = pino.destination({ dest: 1, minLength: LOG_BLOCK_BYTES, sync: false });
  setInterval(() => {
    try {
      destination.flush();
    } catch {
      // Closed while the process exits: nothing left to write.
    }
  }, LOG_FLUSH_MS).unref();
  return destination;
}
