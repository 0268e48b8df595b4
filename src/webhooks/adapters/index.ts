// The vendor adapters' entry points: a verified, parsed delivery -> WebhookIntent; its event name for intake.
import { ashbyEventOf, mapAshby } from './ashby';
import { genericEventOf, mapGeneric } from './generic';
import { greenhouseEventOf, mapGreenhouse } from './greenhouse';
import { leverEventOf, mapLever } from './lever';
import { mapSmartRecruiters, smartRecruitersEventOf } from './smartrecruiters';
import {
  UnmappableDeliveryError,
  type AdapterSettings,
  type DeliveryContext,
  type Vendor,
  type WebhookIntent,
} from './types';

export { mapLeverOpportunity } from './lever';
export {
  mapSmartRecruitersCandidate,
  smartRecruitersApplicationId,
  smartRecruitersStatusChange,
} from './smartrecruiters';
export { FIELD_TARGETS, FIELD_TARGET_NAMES, fieldMapSchema, type FieldMap, type FieldTarget } from './field-map';
export * from './types';

const mappers: Record<Vendor, (body: unknown, settings: AdapterSettings, context: DeliveryContext) => WebhookIntent> = {
  greenhouse: mapGreenhouse,
  lever: mapLever,
  ashby: mapAshby,
  smartrecruiters: mapSmartRecruiters,
  generic: mapGeneric,
};

const eventReaders: Record<
  Vendor,
  (body: unknown, context: DeliveryContext) => { event?: string; candidateId?: string }
> = {
  greenhouse: greenhouseEventOf,
  lever: leverEventOf,
  ashby: ashbyEventOf,
  smartrecruiters: smartRecruitersEventOf,
  generic: genericEventOf,
};

/**
 * What to do with one verified delivery. Pure: no I/O. Throws only UnmappableDeliveryError (a body no retry can
 * help); anything else escaping a mapper is a bug and is reported as such, not as the sender's fault.
 */
export function mapDelivery(
  vendor: Vendor,
  body: unknown,
  settings: AdapterSettings = {},
  context: DeliveryContext = {},
): WebhookIntent {
  const mapper = Object.hasOwn(mappers, vendor) ? mappers[vendor] : undefined;
  if (!mapper) throw new UnmappableDeliveryError(`Unknown vendor: ${String(vendor).slice(0, 40)}`);
  return mapper(body, settings ?? {}, context ?? {});
}

/**
 * The delivery's event name ("unknown" when it has none) and the candidate it is about, if it names one. Cheap and
 * never throws, whatever the body: intake records the event and serialises a candidate's jobs with it. `headerEvent`:
 * the event name a vendor sends as a header (SmartRecruiters' event-name), when it does.
 */
export function eventOf(vendor: Vendor, body: unknown, headerEvent?: string): { event: string; candidateId?: string } {
  try {
    const reader = Object.hasOwn(eventReaders, vendor) ? eventReaders[vendor] : undefined;
    const event = headerEvent?.trim().slice(0, 100);
    const found = reader?.(body, event ? { event } : {}) ?? {};
    return found.candidateId
      ? { event: found.event ?? 'unknown', candidateId: found.candidateId }
      : { event: found.event ?? 'unknown' };
  } catch {
    return { event: 'unknown' };
  }
}
