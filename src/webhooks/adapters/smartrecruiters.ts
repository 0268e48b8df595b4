// SmartRecruiters webhooks (thin bodies; the event name is a signed header) -> what the worker does; its candidates ->
// the applicant contract.
import type { ApplicantInput } from '../../applicants/applicant-schema';
import { fitToContract } from './fit-to-contract';
import {
  countryFromValue,
  joinName,
  parseLocationText,
  pickEmail,
  pickPhone,
  profilesFrom,
  type TypedValue,
} from './normalise';
import { asId, asObject, asText, at } from './read';
import { UnmappableDeliveryError, type AdapterSettings, type DeliveryContext, type WebhookIntent } from './types';

const applicationTriggers = {
  'application.created': 'application',
  'application.status.updated': 'status',
} as const;

/** A case's externalId: SmartRecruiters names an application by its candidate and its job. */
export function smartRecruitersApplicationId(candidateId: string, jobId: string): string {
  return `${candidateId}:${jobId}`;
}

/**
 * The candidate and job a body names. SmartRecruiters documents its bodies as ids only: `{"id": …}` (the changed
 * resource: the candidate for candidate.* events) and, in its signature example, `{"job_id", "candidate_id"}`; the
 * camelCase and nested spellings are read too, since which one each event uses is not documented.
 */
function idsOf(body: unknown, event: string | undefined): { candidateId?: string; jobId?: string } {
  const candidateId =
    asId(at(body, 'candidateId')) ??
    asId(at(body, 'candidate_id')) ??
    asId(at(body, 'candidate', 'id')) ??
    (event?.startsWith('candidate.') ? asId(at(body, 'id')) : undefined);
  const jobId = asId(at(body, 'jobId')) ?? asId(at(body, 'job_id')) ?? asId(at(body, 'job', 'id'));
  return { candidateId, jobId };
}

export function mapSmartRecruiters(
  body: unknown,
  _settings: AdapterSettings,
  context: DeliveryContext = {},
): WebhookIntent {
  if (!asObject(body)) throw new UnmappableDeliveryError('The body is not a JSON object');
  const event = context.event;
  if (!event || event === 'unknown') throw new UnmappableDeliveryError('The delivery has no event-name header');
  const { candidateId, jobId } = idsOf(body, event);

  if (Object.hasOwn(applicationTriggers, event)) {
    if (!candidateId)
      throw new UnmappableDeliveryError('The body names no candidate (candidateId, candidate_id or candidate.id)');
    if (!jobId) throw new UnmappableDeliveryError('The body names no job (jobId, job_id or job.id)');
    const candidate = { candidateId, applicationIds: [smartRecruitersApplicationId(candidateId, jobId)] };
    return {
      kind: 'fetch_smartrecruiters',
      candidate,
      jobId,
      trigger: applicationTriggers[event as keyof typeof applicationTriggers],
    };
  }
  if (event === 'candidate.updated') {
    if (!candidateId) throw new UnmappableDeliveryError('The body names no candidate (id)');
    return { kind: 'fetch_smartrecruiters', candidate: { candidateId }, trigger: 'update' };
  }
  if (event === 'candidate.deleted') {
    if (!candidateId) throw new UnmappableDeliveryError('The body names no candidate (id)');
    // Unlike Lever's, this body and event name are covered by the signature: no confirmation through the API is needed.
    return { kind: 'erase', candidate: { candidateId }, reason: 'deleted in SmartRecruiters', withdraw: true };
  }
  return { kind: 'ignore', reason: `event not acted on: ${event.slice(0, 100)}` };
}

/** What a SmartRecruiters application's status means for its case (GET /candidates/:id/jobs/:jobId → `status`). */
export type SmartRecruitersStatusChange = 'hired' | 'rejected' | 'active' | 'none';

export function smartRecruitersStatusChange(application: unknown): SmartRecruitersStatusChange {
  const status = asText(at(application, 'status'), 40)?.toUpperCase();
  if (status === 'HIRED') return 'hired';
  if (status === 'REJECTED' || status === 'WITHDRAWN') return 'rejected';
  // Back in the process (e.g. a rejection undone): a case withdrawn by the rejection reopens.
  if (status === 'NEW' || status === 'IN_REVIEW' || status === 'INTERVIEW' || status === 'OFFER') return 'active';
  // LEAD, TRANSFERRED and statuses we do not know leave the case as it is.
  return 'none';
}

function claimedLocationOf(candidate: unknown): ApplicantInput['claimedLocation'] {
  const location = asObject(at(candidate, 'location'));
  if (!location) return undefined;
  const structured = {
    city: asText(location.city, 120),
    region: asText(location.region, 120) ?? asText(location.regionCode, 120),
    country: countryFromValue(location.countryCode) ?? countryFromValue(location.country),
  };
  if (structured.city || structured.region || structured.country) {
    return Object.fromEntries(Object.entries(structured).filter(([, value]) => value !== undefined));
  }
  return parseLocationText(location.country);
}

/**
 * A SmartRecruiters candidate (GET /candidates/:id) as contract input for the case of one application (`jobId`), or
 * for a candidate-level update (no `jobId`: the worker applies it to each case of the candidate). Read: firstName and
 * lastName, email, phoneNumber, location {city, region, country, countryCode}, web {linkedin, website, …}. Custom
 * fields sit on the application in SmartRecruiters, which this does not read, so `settings.fieldMap` maps nothing.
 */
export function mapSmartRecruitersCandidate(
  candidate: unknown,
  jobId: string | undefined,
  _settings: AdapterSettings,
): ApplicantInput {
  const record = asObject(candidate);
  if (!record) throw new UnmappableDeliveryError('The SmartRecruiters candidate is not a JSON object');
  const candidateId = asId(record.id);
  if (!candidateId) throw new UnmappableDeliveryError('The SmartRecruiters candidate has no id');
  const legalName = joinName(record.firstName, record.lastName);
  if (!legalName) throw new UnmappableDeliveryError('The SmartRecruiters candidate has no firstName or lastName');

  const applicant: ApplicantInput = { source: 'smartrecruiters', person: { legalName } };
  if (jobId) applicant.externalId = smartRecruitersApplicationId(candidateId, jobId);
  const emails: TypedValue[] = [{ value: record.email }];
  const email = pickEmail(emails);
  if (email) applicant.person.email = email;
  const claimedLocation = claimedLocationOf(record);
  if (claimedLocation) applicant.claimedLocation = claimedLocation;
  const claimedCountry = typeof claimedLocation?.country === 'string' ? claimedLocation.country : undefined;
  const phones: TypedValue[] = [{ value: record.phoneNumber }];
  const phone = pickPhone(phones, claimedCountry);
  if (phone) applicant.person.phone = phone;
  const web = asObject(record.web) ?? {};
  const profiles = profilesFrom([web.website], [web.linkedin, web.twitter, web.facebook]);
  if (profiles) applicant.profiles = profiles;
  return fitToContract(applicant).applicant;
}

export function smartRecruitersEventOf(
  body: unknown,
  context: DeliveryContext = {},
): { event?: string; candidateId?: string } {
  return { event: context.event, candidateId: idsOf(body, context.event).candidateId };
}
