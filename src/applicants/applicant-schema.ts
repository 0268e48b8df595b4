// The applicant contract, version 1: every way in is validated here once. Field names are public API.
import { isIP } from 'node:net';
import { z } from 'zod';
import { isCountryCode } from './countries';
import { undialablePhones } from './dialable-phones';
import { unstorableStrings } from './storable-text';

// abort: a value over the limit goes no further, so no refinement's pattern ever runs over a megabyte of input (the
// phone pattern backtracks quadratically on long runs of spaces: 0.5 s at 40,000 characters, minutes at 1 MB).
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, { message: `must be at most ${max} characters`, abort: true });
const optionalText = (max: number) => text(max).nullish();

const country = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code, e.g. "US"');

function isRealCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

// ISO 8601 calendar date, YYYY-MM-DD, that exists.
const isoDate = z.string().refine((value) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return !!match && isRealCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}, 'must be an ISO 8601 date, YYYY-MM-DD');

// Employment and education dates are often known only to the month or year.
const partialDate = z.string().refine((value) => {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return false;
  return isRealCalendarDate(Number(match[1]), match[2] ? Number(match[2]) : 1, match[3] ? Number(match[3]) : 1);
}, 'must be an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD');

const dateTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-20T15:04:05Z',
});

// Building an Intl formatter is slow; each zone name is checked once.
const checkedTimeZones = new Map<string, boolean>();

function isTimeZone(value: string): boolean {
  let isValid = checkedTimeZones.get(value);
  if (isValid === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      isValid = true;
    } catch {
      isValid = false;
    }
    if (checkedTimeZones.size < 10_000) checkedTimeZones.set(value, isValid);
  }
  return isValid;
}

const phone = text(40).refine(
  (value) => /^[+0-9()./\s-]+(?:(?:x|ext\.?)\s*\d+)?$/i.test(value) && /\d{4,}/.test(value.replace(/\D/g, '')),
  'must be a phone number, preferably international (+country code)',
);
const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an e-mail address' }));
const url = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }));
// Currency codes are upper case by definition; "usd" is read as USD rather than refused.
const currencyCode = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code, e.g. "USD"'));
const money = z.strictObject({
  amount: z.number().nonnegative().max(1e9),
  currency: currencyCode,
  per: z.enum(['hour', 'day', 'week', 'month', 'year']),
});

export const addressSchema = z.strictObject({
  line1: optionalText(200),
  line2: optionalText(200),
  city: optionalText(120),
  region: optionalText(120),
  postalCode: optionalText(20),
  country: country.nullish(),
});

const personSchema = z.strictObject({
  legalName: text(200),
  otherNames: z.array(text(200)).max(20).optional(),
  email: email.nullish(),
  phone: phone.nullish(),
  dateOfBirth: isoDate.nullish(),
  /** Town or city (and country) of birth: only compared with a sanctions entry's, where asking for it is lawful. */
  placeOfBirth: optionalText(200),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag, e.g. "en" or "ko"'))
    .max(20)
    .optional(),
  previousEmails: z.array(email).max(50).optional(),
  previousPhones: z.array(phone).max(50).optional(),
  /** People the applicant declares living with: shared addresses and IPs with them are expected. */
  householdMembers: z.array(text(200)).max(20).optional(),
});

const sessionSchema = z.strictObject({
  ip: z
    .string()
    .trim()
    .refine((value) => isIP(value) !== 0, 'must be an IPv4 or IPv6 address'),
  at: dateTime.nullish(),
  kind: z.enum(['application', 'interview', 'onboarding', 'work']).default('application'),
  userAgent: optionalText(1000),
  deviceId: optionalText(200),
  managedDevice: z.boolean().nullish(),
  durationMinutes: z.number().nonnegative().max(525_600).nullish(),
  /** The VPN provider your own network telemetry saw, when it knows (e.g. "Astrill"). */
  vpnProvider: optionalText(100),
});

export const applicantSchema = z
  .strictObject({
    source: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, 'must be 1-40 lower-case letters, digits, ".", "_" or "-"')
      .default('api'),
    externalId: optionalText(200),
    position: z
      .strictObject({
        title: optionalText(200),
        remote: z.boolean().nullish(),
        rateBand: z
          .strictObject({
            min: z.number().nonnegative(),
            max: z.number().nonnegative(),
            currency: currencyCode,
            per: z.enum(['hour', 'day', 'week', 'month', 'year']),
          })
          .refine((band) => band.min <= band.max, { message: 'min must not exceed max', path: ['min'] })
          .nullish(),
      })
      .nullish(),
    person: personSchema,
    claimedLocation: z
      .strictObject({
        country: country.nullish(),
        region: optionalText(120),
        city: optionalText(120),
        timezone: z.string().refine(isTimeZone, 'must be an IANA time zone, e.g. "America/Chicago"').nullish(),
        latitude: z.number().min(-90).max(90).nullish(),
        longitude: z.number().min(-180).max(180).nullish(),
      })
      .nullish(),
    residentialAddress: addressSchema.nullish(),
    shipping: z
      .strictObject({
        address: addressSchema.nullish(),
        recipientName: optionalText(200),
        reason: optionalText(2000),
        changes: z.number().int().nonnegative().max(1000).nullish(),
        addressType: z.enum(['residential', 'commercial', 'po_box', 'cmra', 'forwarder']).nullish(),
      })
      .nullish(),
    identityDocument: z
      .strictObject({
        type: z.enum(['passport', 'drivers_license', 'national_id', 'other']).nullish(),
        issuingCountry: country.nullish(),
        nameOnDocument: optionalText(200),
        /** Only compared with a sanctions entry's listed document numbers at screening time; never stored. */
        number: z
          .string()
          .trim()
          .regex(/^[0-9A-Za-z -]{4,40}$/, 'must be 4-40 letters, digits, spaces or dashes')
          .nullish(),
        address: addressSchema.nullish(),
        verification: z.enum(['passed', 'failed', 'not_done']).nullish(),
      })
      .nullish(),
    payment: z
      .strictObject({
        method: z.enum(['bank_transfer', 'paypal', 'payoneer', 'wise', 'crypto', 'check', 'other']).nullish(),
        provider: optionalText(200),
        providerCountry: country.nullish(),
        accountHolderName: optionalText(200),
        bankCountry: country.nullish(),
        accountNumber: z
          .string()
          .trim()
          .regex(/^[0-9A-Za-z -]{2,40}$/, 'must be 2-40 letters, digits, spaces or dashes')
          .nullish(),
        routingNumber: z
          .string()
          .trim()
          .regex(/^[0-9A-Za-z -]{2,20}$/, 'must be 2-20 letters, digits, spaces or dashes')
          .nullish(),
        iban: z
          .string()
          .transform((value) => value.replace(/\s+/g, '').toUpperCase())
          .refine(
            (value) => /^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$/.test(value),
            'must be an IBAN, e.g. "DE89 3704 0044 0532 0130 00"',
          )
          .nullish(),
        wallet: z
          .strictObject({
            chain: text(20),
            address: z
              .string()
              .trim()
              .regex(/^[A-Za-z0-9:._-]{10,128}$/, 'must be a wallet address'),
          })
          .nullish(),
        payeeType: z.enum(['individual', 'company', 'msb']).nullish(),
        payeeEntityName: optionalText(200),
        changes: z.number().int().nonnegative().max(1000).nullish(),
        prepaymentRequested: z.boolean().nullish(),
      })
      .nullish(),
    employment: z
      .array(
        z.strictObject({
          employer: text(200),
          title: optionalText(200),
          start: partialDate.nullish(),
          end: partialDate.nullish(),
          country: country.nullish(),
          verified: z.boolean().nullish(),
        }),
      )
      .max(50)
      .optional(),
    education: z
      .array(
        z.strictObject({
          institution: text(200),
          degree: optionalText(200),
          start: partialDate.nullish(),
          end: partialDate.nullish(),
          country: country.nullish(),
          verified: z.boolean().nullish(),
        }),
      )
      .max(30)
      .optional(),
    references: z
      .array(
        z.strictObject({
          name: text(200),
          email: email.nullish(),
          phone: phone.nullish(),
          employer: optionalText(200),
        }),
      )
      .max(20)
      .optional(),
    profiles: z
      .strictObject({
        linkedin: z
          .strictObject({
            url: url.nullish(),
            createdAt: partialDate.nullish(),
            connections: z.number().int().nonnegative().nullish(),
          })
          .nullish(),
        github: z
          .strictObject({
            login: z
              .string()
              .regex(/^[A-Za-z0-9-]{1,39}$/, 'must be a GitHub login')
              .nullish(),
            createdAt: partialDate.nullish(),
            earliestCommitAt: partialDate.nullish(),
          })
          .nullish(),
        portfolioUrl: url.nullish(),
      })
      .nullish(),
    sessions: z.array(sessionSchema).max(500).optional(),
    interview: z
      .strictObject({
        videoOn: z.boolean().nullish(),
        cameraRefused: z.boolean().nullish(),
        inPersonDone: z.boolean().nullish(),
        livenessCheck: z.enum(['passed', 'failed', 'not_done']).nullish(),
        inPersonRefused: z.boolean().nullish(),
        notes: optionalText(5000),
      })
      .nullish(),
    endpoint: z
      .strictObject({
        remoteAccessTools: z.array(text(100)).max(50).optional(),
        ipKvmDetected: z.boolean().nullish(),
        /** Where the issued device reports it is (MDM/EDR geolocation), after hire. */
        deviceCountry: country.nullish(),
      })
      .nullish(),
    referral: z.strictObject({ referrerCaseId: z.uuid({ message: 'must be a case id (UUID)' }).nullish() }).nullish(),
    resumeText: z.string().max(200_000, 'must be at most 200000 characters').nullish(),
    requestedRate: money.nullish(),
  })
  .superRefine((applicant, ctx) => {
    for (const problem of undialablePhones(applicant))
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    // PostgreSQL stores neither NUL in text nor an unpaired surrogate in JSONB (the snapshot): refused here, by field,
    // rather than failing the write with a 500.
    for (const [path, problem] of unstorableStrings(applicant))
      ctx.addIssue({ code: 'custom', path, message: problem });
  });

/**
 * The contract compiled by zod into one generated function (about twice as fast on a valid applicant). Anything it does
 * not accept is handed to applicantSchema itself, so the issues and their messages are the interpreter's; a refused
 * applicant thus pays for both, and its refinements run twice (they are pure, and the phone readings are remembered).
 */
export const compiledApplicantSchema = z.compile(applicantSchema);

export type ApplicantInput = z.input<typeof applicantSchema>;
export type Applicant = z.output<typeof applicantSchema>;
export type Address = z.output<typeof addressSchema>;

export const APPLICANT_CONTRACT_VERSION = 1;
