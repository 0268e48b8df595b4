// Ashby webhooks ({webhookActionId, action, data}) -> what the worker does; applications -> the applicant contract.
import type { ApplicantInput } from '../../applicants/applicant-schema';
import { applyFieldMap, type CustomFieldValue } from './field-map';
import { fitToContract } from './fit-to-contract';
import {
  countryFromValue,
  parseLocationText,
  pickEmail,
  pickPhone,
  profilesFrom,
  typedValues,
  unusedContacts,
  type TypedValue,
} from './normalise';
import { asArray, asId, asObject, asText, at, type JsonObject, eventEnvelope } from './read';
import { UnmappableDeliveryError, type AdapterSettings, type WebhookIntent } from './types';

const screenTriggers = {
  applicationSubmit: 'application',
  applicationUpdate: 'update',
  candidateStageChange: 'update',
  candidateHire: 'hired',
} as const;

/** Ashby custom fields: `[{ id, title, value }]`, mapped by id or by title. */
function customFields(value: unknown): CustomFieldValue[] {
  return asArray(value)
    .map(asObject)
    .flatMap((field) => {
      if (!field) return [];
      const names = [asText(field.id, 200), asText(field.title, 200)].filter(
        (name): name is string => name !== undefined,
      );
      return names.length > 0 ? [{ names, value: field.value }] : [];
    });
}

/** The primary entry first, then the others: Ashby marks the one the candidate or recruiter chose. */
function primaryFirst(primary: unknown, all: unknown): TypedValue[] {
  const first = asObject(primary);
  return [...(first ? [{ value: first.value }] : []), ...typedValues(all)];
}

function claimedLocationOf(candidate: JsonObject): ApplicantInput['claimedLocation'] {
  const components = asArray(at(candidate, 'primaryLocation', 'locationComponents')).map(asObject);
  const part = (type: string) => asText(components.find((component) => component?.type === type)?.name, 120);
  const structured = { city: part('City'), region: part('Region'), country: countryFromValue(part('Country')) };
  if (structured.city || structured.region || structured.country) {
    return Object.fromEntries(Object.entries(structured).filter(([, value]) => value !== undefined));
  }
  return parseLocationText(candidate.locationSummary ?? at(candidate, 'primaryLocation', 'locationSummary'));
}

/**
 * An Ashby application as contract input. The webhook's application documents `candidate {id, name}`; the
 * candidate object's contact fields (primaryEmailAddress, phoneNumbers, socialLinks, …) are mapped when present.
 */
function applicantFrom(
  application: JsonObject,
  applicationId: string,
  candidate: JsonObject,
  settings: AdapterSettings,
) {
  const legalName = asText(candidate.name, 1000)?.replace(/\s+/g, ' ');
  if (!legalName) throw new UnmappableDeliveryError('data.application.candidate.name is missing');
  const applicant: ApplicantInput = { source: 'ashby', externalId: applicationId, person: { legalName } };

  const jobTitle = asText(at(application, 'job', 'title'), 200);
  if (jobTitle) applicant.position = { title: jobTitle };

  const emails = primaryFirst(candidate.primaryEmailAddress, candidate.emailAddresses);
  const email = pickEmail(emails.slice(0, 1)) ?? pickEmail(emails);
  if (email) applicant.person.email = email;

  const claimedLocation = claimedLocationOf(candidate);
  if (claimedLocation) applicant.claimedLocation = claimedLocation;

  const links = typedValues(candidate.socialLinks, 'url');
  const isWebsite = (entry: TypedValue) =>
    typeof entry.type === 'string' && /^(website|portfolio|personal)$/i.test(entry.type);
  const profiles = profilesFrom(
    [candidate.websiteUrl, ...links.filter(isWebsite).map((entry) => entry.value)],
    [
      candidate.linkedInUrl,
      candidate.githubUrl,
      ...links.filter((entry) => !isWebsite(entry)).map((entry) => entry.value),
    ],
  );
  if (profiles) applicant.profiles = profiles;

  const createdAt = asText(application.createdAt, 40);
  const mappingSkipped = applyFieldMap(
    applicant,
    [...customFields(candidate.customFields), ...customFields(application.customFields)],
    settings.fieldMap,
    createdAt && !Number.isNaN(Date.parse(createdAt)) ? createdAt : undefined,
  );

  const claimedCountry =
    typeof applicant.claimedLocation?.country === 'string' ? applicant.claimedLocation.country : undefined;
  const phones = primaryFirst(candidate.primaryPhoneNumber, candidate.phoneNumbers);
  const phone = pickPhone(phones.slice(0, 1), claimedCountry) ?? pickPhone(phones, claimedCountry);
  if (phone) applicant.person.phone = phone;

  const fitted = fitToContract(applicant);
  return {
    applicant: fitted.applicant,
    skipped: [...unusedContacts(emails, email, phones, phone), ...mappingSkipped, ...fitted.skipped],
  };
}

export function mapAshby(body: unknown, settings: AdapterSettings): WebhookIntent {
  const { envelope, event: action } = eventEnvelope(body, 'action');
  const data = asObject(envelope.data);

  if (action === 'ping') return { kind: 'ignore', reason: 'ping' };

  if (Object.hasOwn(screenTriggers, action)) {
    const application = asObject(data?.application);
    const applicationId = asId(application?.id);
    if (!application || !applicationId) throw new UnmappableDeliveryError('data.application.id is missing');
    const candidate = asObject(application.candidate);
    const candidateId = asId(candidate?.id);
    if (!candidate || !candidateId) throw new UnmappableDeliveryError('data.application.candidate.id is missing');
    const ref = { candidateId, applicationIds: [applicationId] };
    if (action !== 'applicationSubmit' && action !== 'candidateHire' && application.status === 'Archived') {
      return { kind: 'status', candidate: ref, change: 'archived' };
    }
    const { applicant, skipped } = applicantFrom(application, applicationId, candidate, settings);
    return {
      kind: 'screen',
      candidate: ref,
      applicant,
      trigger: screenTriggers[action as keyof typeof screenTriggers],
      skipped,
    };
  }

  switch (action) {
    case 'candidateDelete': {
      const candidateId = asId(at(data, 'candidate', 'id'));
      if (!candidateId) throw new UnmappableDeliveryError('data.candidate.id is missing');
      return { kind: 'erase', candidate: { candidateId }, reason: 'deleted in Ashby', withdraw: true };
    }
    case 'candidateMerge':
      return {
        kind: 'ignore',
        reason: 'candidateMerge: cases stay keyed by application, and later events name the surviving candidate',
      };
    default:
      return { kind: 'ignore', reason: `event not acted on: ${action}` };
  }
}

export function ashbyEventOf(body: unknown): { event?: string; candidateId?: string } {
  return {
    event: asText(at(body, 'action'), 100),
    candidateId: asId(at(body, 'data', 'application', 'candidate', 'id')) ?? asId(at(body, 'data', 'candidate', 'id')),
  };
}
