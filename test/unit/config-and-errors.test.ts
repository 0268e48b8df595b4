import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { ConfigError } from '../../src/config-env';
import { closedAncestor } from '../../src/db/data-dir';
import { isDatabaseUnavailable } from '../../src/db/unavailable';

describe('loadConfig', () => {
  it('has working defaults: port 3000 and an embedded database under ./.data (elsewhere only as root from a private folder)', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    // A clone in a mode-700 folder run as root (as CI's is) keeps its data where the postgres user can reach it.
    const outOfReach =
      process.getuid?.() === 0 &&
      closedAncestor(path.resolve('.data')) !== null &&
      !(fs.existsSync(path.resolve('.data')) && fs.readdirSync(path.resolve('.data')).length > 0);
    if (outOfReach)
      expect(config.database.embedded).toMatchObject({
        dataDir: expect.stringMatching(/^\/var\/lib\/hfrc\/[0-9a-f]{16}$/),
        dataDirMovedBecause: expect.any(String),
      });
    else expect(config.database.embedded.dataDir).toBe(path.resolve('.data'));
    expect(loadConfig({ DATA_DIR: './here' }).database.embedded.dataDir).toBe(path.resolve('here'));
  });

  it('serves /metrics without a token only outside production: production needs METRICS_TOKEN', () => {
    expect(loadConfig({}).metrics).toEqual({ token: undefined, isServed: true });
    expect(loadConfig({ NODE_ENV: 'test' }).metrics.isServed).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).metrics).toEqual({ token: undefined, isServed: false });
    expect(loadConfig({ NODE_ENV: 'production', METRICS_TOKEN: '  ' }).metrics.isServed).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', METRICS_TOKEN: 'a-token-of-24-characters' }).metrics).toEqual({
      token: 'a-token-of-24-characters',
      isServed: true,
    });
  });

  it('reads PORT, DATA_DIR and DATABASE_URL, treating an empty DATABASE_URL as unset', () => {
    const config = loadConfig({ PORT: '8080', DATA_DIR: '/tmp/x', DATABASE_URL: '' });
    expect(config.http.port).toBe(8080);
    expect(config.database.embedded.dataDir).toBe('/tmp/x');
    expect(config.database.url).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h:5432/d' }).database.url).toBe('postgresql://u@h:5432/d');
  });

  it('fails fast naming every bad variable without echoing its value', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://secret-password@h/d' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://secret-password@h/d' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL/);
      expect((error as Error).message).not.toMatch(/secret-password/);
    }
  });
});

describe('isDatabaseUnavailable', () => {
  it('recognises connection failures however deeply they are wrapped', () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('outer', { cause: new Error('inner', { cause: { code: '57P01' } }) }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable({ cause: { kind: 'DatabaseNotReachable' } })).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    // Prisma's P2039 for a driver error it has no code for, as seen when PostgreSQL shut down under load.
    const p2039 =
      'Invalid `prisma.idempotentRequest.findUnique()` invocation:\n\nDatabase error. Code: `57P01`. Message: `terminating connection due to administrator command`';
    expect(isDatabaseUnavailable(Object.assign(new Error(p2039), { code: 'P2039' }))).toBe(true);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('Database error'), {
          code: 'P2039',
          meta: { driverAdapterError: { cause: { originalCode: '57P01' } } },
        }),
      ),
    ).toBe(true);
  });

  it('does not mistake ordinary query errors for an outage', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: 'P2002' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('Database error. Code: `23505`. Message: `duplicate key`'), { code: 'P2039' }),
      ),
    ).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
