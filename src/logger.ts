// JSON logs (pino) with secrets redacted wherever they might appear.
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'hiring-fraud-risk-checker' },
      redact: {
        paths: ['req.headers.authorization', 'headers.authorization', 'authorization', 'apiKey', 'secret', 'password', '*.password', 'databaseUrl'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
