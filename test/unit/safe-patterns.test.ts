import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseApplicant } from '../../src/applicants/parse-applicant';
import { parseAddressText } from '../../src/webhooks/adapters/normalise';

// eslint-plugin-regexp's no-super-linear-backtracking runs on every file in src, test and bench (no-super-linear-move
// where request text arrives first: src/http, src/web, src/applicants, src/auth, src/cases). What it cannot see, a
// pattern it was told to allow, and the patterns it made us change are checked here.
const ROOT = path.resolve(__dirname, '../..');

describe('patterns over attacker-controlled text', () => {
  it('refuses an over-long phone number by its length, without running the phone pattern over it', () => {
    const phone = `1${' '.repeat(200_000)}!`;
    expect(() => parseApplicant({ person: { legalName: 'A', phone } })).toThrow(
      expect.objectContaining({
        details: { fields: [{ path: 'person.phone', message: 'must be at most 40 characters' }] },
      }),
    );
  });

  it('accepts the same phone numbers as before the pattern lost its competing \\s* (extensions with or without spaces)', () => {
    const accepted = [
      '+1 512 555 0142',
      '+1 (512) 555-0142 x 123',
      '+1 512 555 0142x12',
      '+44 20 7946 0958 ext. 7',
      '+44 20 7946 0958 EXT 7',
      '+49 (30) 1234.5678',
    ];
    const refused = ['+1 512 abc 0142', '+1 512 555 0142 x', 'ext 1234', '+1 512 555 0142 # 1'];
    const isAccepted = (phone: string) => {
      try {
        parseApplicant({ person: { legalName: 'A', phone } });
        return true;
      } catch {
        return false;
      }
    };
    expect(Object.fromEntries([...accepted, ...refused].map((phone) => [phone, isAccepted(phone)]))).toEqual({
      ...Object.fromEntries(accepted.map((phone) => [phone, true])),
      ...Object.fromEntries(refused.map((phone) => [phone, false])),
    });
  });

  it('reads webhook addresses with the town after the postcode as before, and bounds the one allowed quadratic pattern by length', () => {
    expect(parseAddressText('Unter den Linden 1, 10115 Berlin, Germany')).toMatchObject({
      line1: 'Unter den Linden 1',
      postalCode: '10115',
      city: 'Berlin',
      country: 'DE',
    });
    expect(parseAddressText('10 Downing St, London SW1A 2AA')).toMatchObject({
      city: 'London',
      postalCode: 'SW1A 2AA',
    });
    // The worst case of the UK postcode pattern (spaces it and the town both may take, then a refusal) at the
    // 600-character limit: about 3 ms of backtracking; 6,000 characters would take about 100 ms and are refused first.
    const worst = `1 Main St, a${' '.repeat(586)}!`;
    expect(worst.length).toBe(599);
    const started = process.hrtime.bigint();
    parseAddressText(worst);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1_000);
    expect(parseAddressText(`1 Main St, a${' '.repeat(6_000)}!`)).toBeUndefined();
  });

  it('has the lint rule on: a pattern that backtracks polynomially fails eslint', () => {
    const lint = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', 'src/http/probe.ts'],
      {
        cwd: ROOT,
        input: 'export const isSlow = (text: string) => /^(a|a)+$/.test(text) || /^\\s*x\\s*\\s*$/.test(text);\n',
        encoding: 'utf8',
      },
    );
    expect(lint.status).toBe(1);
    expect(lint.stdout).toMatch(/regexp\/no-super-linear-backtracking/);
  }, 60_000);
});
