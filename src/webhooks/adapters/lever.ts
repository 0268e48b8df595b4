// Lever webhooks ({event, triggeredAt, token, signature, data}: ids only) and Lever opportunities -> the contract.
import type { ApplicantInput } from '../../applicants/applicant-schema';
import { fitToContract } from './fit-to-contract';
import { parseLocationText, pickEmail, pickPhone, profilesFrom, typedValues } from './normalise';
import { asArray, asId, asObject, asText, at, eventEnvelope } from './read';
import { UnmappableDeliveryError, type AdapterSettings, type CandidateRef, type WebhookIntent } from './types';

const fetchTriggers = {
  applicationCreated: 'application',
  candidateStageChange: 'update',
  candidateHired: 'hired',
} as const;

const TEST_DELIVERY = 'test delivery without ids';

export function mapLever(body: unknown, _settings: AdapterSettings): WebhookIntent {
  const { envelope, event } = eventEnvelope(body, 'event');
  const data = asObject(envelope.data) ?? {};
  const opportunityId = asId(data.opportunityId);
  // Since Lever's move to opportunities, candidateId is the contact (person) id; contactId says the same.
  const candidateId = asId(data.candidateId) ?? asId(data.contactId);
  const known =
    Object.hasOwn(fetchTriggers, event) || event === 'candidateArchiveChange' || event === 'candidateDeleted';
  if (!known) return { kind: 'ignore', reason: `event not acted on: ${event}` };
  // Lever's "test" POST from the settings page carries `data: {}`.
  if (!opportunityId && !candidateId) return { kind: 'ignore', reason: TEST_DELIVERY };

  if (event === 'candidateDeleted') {
    if (!candidateId) throw new UnmappableDeliveryError('data.candidateId is missing');
    const ref: CandidateRef = opportunityId ? { candidateId, applicationIds: [opportunityId] } : { candidateId };
    return { kind: 'erase', candidate: ref, reason: 'deleted in Lever', withdraw: true };
  }
  if (!opportunityId) throw new UnmappableDeliveryError('data.opportunityId is missing');
  if (!candidateId) throw new UnmappableDeliveryError('data.candidateId is missing');
  const ref = { candidateId, applicationIds: [opportunityId] };

  if (event === 'candidateArchiveChange') {
    // Assumed from Lever's archive model (not in the documentation we could read): `toArchived` is the new archived
    // state, null when the opportunity was unarchived. Without it, the event is read as an archiving.
    if (Object.hasOwn(data, 'toArchived') && data.toArchived === null)
      return { kind: 'status', candidate: ref, change: 'unrejected' };
    return { kind: 'status', candidate: ref, change: 'archived' };
  }
  return {
    kind: 'fetch_lever',
    candidate: ref,
    opportunityId,
    trigger: fetchTriggers[event as keyof typeof fetchTriggers],
  };
}

/**
 * Lever's GET /v1/opportunities/:id answer (its `data` object, or the whole `{ data }` answer) as contract input:
 * name, the first valid e-mail, a phone (mobile first), the free-text location as the claimed place, and links as
 * profiles. Opportunities carry no custom fields, so `settings.fieldMap` has nothing to map here.
 */
export function mapLeverOpportunity(opportunity: unknown, _settings: AdapterSettings): ApplicantInput {
  let record = asObject(opportunity);
  if (record && !Object.hasOwn(record, 'id') && asObject(record.data)) record = asObject(record.data);
  if (!record) throw new UnmappableDeliveryError('The Lever opportunity is not a JSON object');
  const externalId = asId(record.id);
  if (!externalId) throw new UnmappableDeliveryError('The Lever opportunity has no id');
  const legalName = asText(record.name, 1000)?.replace(/\s+/g, ' ');
  if (!legalName) throw new UnmappableDeliveryError('The Lever opportunity has no name');

  const applicant: ApplicantInput = { source: 'lever', externalId, person: { legalName } };
  const email = pickEmail(typedValues(record.emails));
  if (email) applicant.person.email = email;
  const claimedLocation = parseLocationText(record.location);
  if (claimedLocation) applicant.claimedLocation = claimedLocation;
  const phone = pickPhone(typedValues(record.phones), claimedLocation?.country);
  if (phone) applicant.person.phone = phone;
  const profiles = profilesFrom(asArray(record.links), []);
  if (profiles) applicant.profiles = profiles;
  return fitToContract(applicant).applicant;
}

export function leverEventOf(body: unknown): { event?: string; candidateId?: string } {
  return {
    event: asText(at(body, 'event'), 100),
    candidateId: asId(at(body, 'data', 'candidateId')) ?? asId(at(body, 'data', 'contactId')),
  };
}
