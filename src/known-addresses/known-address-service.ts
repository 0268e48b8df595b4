// The company's known shipping addresses: validated, declared, listed and removed (API, CLI and admin page), and
// held in memory for screenings (a hash lookup, no query per screening), reloaded on a timer for other instances.
import { z } from 'zod';
import { addressKey } from '../applicants/addresses';
import { addressSchema } from '../applicants/applicant-schema';
import { describeIssues } from '../validation/field-problems';
import { isUuid } from '../validation/request';
import { AppError } from '../errors';
import { KnownAddressIndex, knownAddressKinds } from '../intel/known-addresses';
import type { Fingerprinter } from '../links/fingerprint-keys';
import type { Logger } from '../logger';
import type { KnownAddress, KnownAddressInput, KnownAddressStore } from './known-address-store';

export type { KnownAddress } from './known-address-store';

/** How often an instance reloads the addresses, so that one declared on another instance counts within this time. */
export const DEFAULT_KNOWN_ADDRESSES_POLL_MS = 10_000;

// PostgreSQL keeps neither NUL nor a lone surrogate: refused by field rather than failing the insert.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isUnstorable = (value: string) => value.includes('\u0000') || LONE_SURROGATE.test(value);

/** What the API, the CLI and the page accept: a label, a kind and an address specific enough to be one place. */
export const knownAddressSchema = z.strictObject({
  label: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .refine((value) => !isUnstorable(value), 'contains a character that cannot be stored (NUL or a lone surrogate)'),
  kind: z.enum(knownAddressKinds),
  address: addressSchema.superRefine((address, context) => {
    if (!address.line1) context.addIssue({ code: 'custom', path: ['line1'], message: 'is required (the street line)' });
    if (!address.country)
      context.addIssue({ code: 'custom', path: ['country'], message: 'is required (ISO 3166-1 alpha-2, e.g. "US")' });
    if (!address.city && !address.postalCode)
      context.addIssue({ code: 'custom', path: ['city'], message: 'a city or a postalCode is required' });
    const text = [address.line1, address.line2, address.city, address.region, address.postalCode].join(' ');
    if (isUnstorable(text))
      context.addIssue({
        code: 'custom',
        path: ['line1'],
        message: 'contains a character that cannot be stored (NUL or a lone surrogate)',
      });
  }),
});
export type KnownAddressRequest = z.input<typeof knownAddressSchema>;

/** A request checked against the schema, or a validation_failed error naming each wrong field. */
export function parseKnownAddress(input: unknown): z.output<typeof knownAddressSchema> {
  const parsed = knownAddressSchema.safeParse(input, { reportInput: true });
  if (!parsed.success)
    throw new AppError('validation_failed', 'Invalid known address', {
      fields: describeIssues(parsed.error.issues, 'known address'),
    });
  return parsed.data;
}

export interface KnownAddressServiceOptions {
  /** Reload interval; 0 = only on ready()/refresh() and after a change made through this instance. */
  pollIntervalMs?: number;
  logger: Logger;
}

export class KnownAddressService {
  private index = KnownAddressIndex.empty;
  private first: Promise<void> | null = null;
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private isClosed = false;

  constructor(
    private readonly store: KnownAddressStore,
    private readonly fingerprinter: Fingerprinter,
    private readonly options: KnownAddressServiceOptions,
  ) {
    // Long-running processes load at once; one-off commands on their first ready().
    if ((options.pollIntervalMs ?? DEFAULT_KNOWN_ADDRESSES_POLL_MS) > 0) void this.ready();
  }

  /** The addresses as loaded now, for matching; never blocks. */
  current(): KnownAddressIndex {
    return this.index;
  }

  /** Resolves once the first load was tried (screen nothing before it, or declared addresses may still link). */
  ready(): Promise<void> {
    if (!this.first) {
      this.first = this.refresh().catch((error: unknown) =>
        this.options.logger.warn({ err: error }, 'could not load the known company addresses; retrying'),
      );
      void this.first.finally(() => this.schedule());
    }
    return this.first;
  }

  /** Reloads now; concurrent calls share one load. */
  refresh(): Promise<void> {
    this.inFlight ??= this.store
      .list()
      .then((rows) => {
        if (!this.isClosed)
          this.index = KnownAddressIndex.build(
            rows.map((row) => ({ id: row.id, label: row.label, kind: row.kind, address: row })),
          );
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  /** Like refresh(), but never shares a load that started before this call (after a change notice). */
  async reload(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
    return this.refresh();
  }

  async close(): Promise<void> {
    this.isClosed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight?.catch(() => undefined);
  }

  /** Declares an address (audited: who and when are kept with it, and logged); 409 when it is declared already. */
  async add(input: unknown, actor: string): Promise<{ address: KnownAddress; unlinkedCases: number }> {
    const request = parseKnownAddress(input);
    const { address } = request;
    const row: KnownAddressInput = {
      label: request.label,
      kind: request.kind,
      line1: address.line1!,
      line2: address.line2 ?? null,
      city: address.city ?? null,
      region: address.region ?? null,
      postalCode: address.postalCode ?? null,
      country: address.country!,
    };
    const matchKey = addressKey(address)!;
    // The same place in another spelling is declared already too (the unique index only sees the same normalised form).
    const active = await this.store.list();
    const same = KnownAddressIndex.build(
      active.map((known) => ({ id: known.id, label: known.label, kind: known.kind, address: known })),
    ).match(address);
    if (same) throw this.declaredAlready(same.id, same.label);
    // The hashes cases screened before stored for this address (both address kinds that link, both keys in a rotation).
    const fingerprints = this.fingerprinter.lookupFingerprints([
      { kind: 'shipping_address', value: matchKey },
      { kind: 'residential_address', value: matchKey },
    ]);
    const outcome = await this.store.add(row, matchKey, actor, fingerprints);
    if (outcome.kind === 'taken') throw this.declaredAlready(outcome.existing.id, outcome.existing.label);
    this.options.logger.info(
      {
        action: 'known_address.added',
        id: outcome.address.id,
        label: outcome.address.label,
        kind: outcome.address.kind,
        actor,
        unlinkedCases: outcome.unlinkedCases,
      },
      'known company address declared',
    );
    await this.reloadAfterChange();
    return { address: outcome.address, unlinkedCases: outcome.unlinkedCases };
  }

  list(options: { includeRemoved?: boolean } = {}): Promise<KnownAddress[]> {
    return this.store.list(options);
  }

  /** Removes an active address (kept, marked removed by whom and when); 404 when there is none with that id. */
  async remove(id: string, actor: string): Promise<KnownAddress> {
    const removed = isUuid(id) ? await this.store.remove(id, actor) : null;
    if (!removed) throw new AppError('not_found', 'No declared address with this id (or it was removed already)');
    this.options.logger.info(
      { action: 'known_address.removed', id: removed.id, label: removed.label, kind: removed.kind, actor },
      'known company address removed',
    );
    await this.reloadAfterChange();
    return removed;
  }

  private declaredAlready(id: string, label: string): AppError {
    return new AppError('conflict', `This address is already declared as “${label}”`, {
      fields: [{ path: 'address', message: `is already declared (${id})` }],
    });
  }

  // The change is committed whatever happens here: a failed reload is retried by the timer.
  private async reloadAfterChange(): Promise<void> {
    await this.refresh().catch((error: unknown) =>
      this.options.logger.warn(
        { err: error },
        'could not reload the known company addresses after a change; the next reload will',
      ),
    );
  }

  private schedule(): void {
    const interval = this.options.pollIntervalMs ?? DEFAULT_KNOWN_ADDRESSES_POLL_MS;
    if (this.isClosed || interval <= 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh()
        .catch((error: unknown) =>
          this.options.logger.warn(
            { err: error },
            'could not reload the known company addresses; keeping the ones loaded',
          ),
        )
        .finally(() => this.schedule());
    }, interval);
    this.timer.unref();
  }
}
