// The vendor adapters' entry points: a verified, parsed delivery -> WebhookIntent; its event name for intake.
import { ashbyEventOf, mapAshby } from './ashby';
import { genericEventOf, mapGeneric } from './generic';
import { greenhouseEventOf, mapGreenhouse } from './greenhouse';
import { leverEventOf, mapLever } from './lever';
import { UnmappableDeliveryError, type AdapterSettings, type Vendor, type WebhookIntent } from './types';

export { mapLeverOpportunity } from './lever';
export { FIELD_TARGETS, FIELD_TARGET_NAMES, fieldMapSchema, type FieldMap, type FieldTarget } from './field-map';
export * from './types';

const mappers: Record<Vendor, (body: unknown, settings: AdapterSettings) => WebhookIntent> = {
  greenhouse: mapGreenhouse,
  lever: mapLever,
  ashby: mapAshby,
  generic: mapGeneric,
};

const eventReaders: Record<Vendor, (body: unknown) => { event?: string; candidateId?: string }> = {
  greenhouse: greenhouseEventOf,
  lever: leverEventOf,
  ashby: ashbyEventOf,
  generic: genericEventOf,
};

/**
 * What to do with one verified delivery. Pure: no I/O. Throws only UnmappableDeliveryError (a body no retry can
 * help); anything else escaping a mapper is a bug and is reported as such, not as the sender's fault.
 */
export function mapDelivery(vendor: Vendor, body: unknown, settings: AdapterSettings = {}): WebhookIntent {
  const mapper = Object.hasOwn(mappers, vendor) ? mappers[vendor] : undefined;
  if (!mapper) throw new UnmappableDeliveryError(`Unknown vendor: ${String(vendor).slice(0, 40)}`);
  return mapper(body, settings ?? {});
}

/**
 * The delivery's event name ("unknown" when it has none) and the candidate it is about, if it names one. Cheap and
 * never throws, whatever the body: intake records the event and serialises a candidate's jobs with it.
 */
export function eventOf(vendor: Vendor, body: unknown): { event: string; candidateId?: string } {
  try {
    const reader = Object.hasOwn(eventReaders, vendor) ? eventReaders[vendor] : undefined;
    const found = reader?.(body) ?? {};
    return found.candidateId ? { event: found.event ?? 'unknown', candidateId: found.candidateId } : { event: found.event ?? 'unknown' };
  } catch {
    return { event: 'unknown' };
  }
}
