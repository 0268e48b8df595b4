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
          'req.headers.authorization', 'headers.authorization', 'authorization', 'apiKey', 'secret', '*.secret', 'password', '*.password', 'databaseUrl',
          'req.headers.cookie', 'headers.cookie', 'cookie', 'res.headers["set-cookie"]', 'headers["set-cookie"]', 'req.headers["x-csrf-token"]',
          'csrfToken', '*.csrfToken', '_csrf', '*._csrf', 'oneTimePassword', '*.oneTimePassword', 'newPassword', '*.newPassword', 'currentPassword', '*.currentPassword', 'confirmPassword', '*.confirmPassword', 'signingSecret', '*.signingSecret', 'targetUrl', '*.targetUrl',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
