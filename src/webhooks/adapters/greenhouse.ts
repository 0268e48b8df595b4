// Greenhouse Recruiting webhooks ({action, payload}) -> what the worker does; candidates -> the applicant contract.
import type { ApplicantInput } from '../../applicants/applicant-schema';
import { applyFieldMap, type CustomFieldValue } from './field-map';
import { fitToContract } from './fit-to-contract';
import {
  joinName,
  parseAddressText,
  partialDate,
  pickEmail,
  pickPhone,
  profilesFrom,
  typedValues,
  unusedContacts,
} from './normalise';
import { asArray, asId, asObject, asText, at, idList, type JsonObject, eventEnvelope } from './read';
import { UnmappableDeliveryError, type AdapterSettings, type WebhookIntent } from './types';

const screenTriggers = {
  new_candidate_application: 'application',
  new_prospect_application: 'application',
  application_updated: 'update',
  candidate_stage_change: 'update',
  hire_candidate: 'hired',
} as const;

const statusChanges = { reject_candidate: 'rejected', unreject_candidate: 'unrejected' } as const;

/** Greenhouse custom fields: `{ key: { name, type, value } }`, mapped by their immutable key. */
function customFields(value: unknown): CustomFieldValue[] {
  const fields = asObject(value);
  if (!fields) return [];
  return Object.entries(fields).map(([key, field]) => ({ names: [key], value: asObject(field)?.value }));
}

function isoDateTime(value: unknown): string | undefined {
  const text = asText(value, 40);
  return text &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) &&
    !Number.isNaN(Date.parse(text))
    ? text
    : undefined;
}

/**
 * A Greenhouse candidate (and the application it came with, if any) as contract input. Custom fields of the
 * candidate, then the application, then the offer (post-hire) are mapped by `settings.fieldMap`, later ones winning.
 */
function applicantFrom(candidate: JsonObject, application: JsonObject | undefined, settings: AdapterSettings) {
  const legalName = joinName(candidate.first_name, candidate.last_name);
  if (!legalName) throw new UnmappableDeliveryError('The candidate has neither a first nor a last name');
  const applicant: ApplicantInput = { source: 'greenhouse', person: { legalName } };
  const externalId = asId(application?.id);
  if (externalId) applicant.externalId = externalId;

  const jobTitle = asText(at(application, 'jobs', 0, 'name'), 200) ?? asText(at(application, 'job', 'name'), 200);
  if (jobTitle) applicant.position = { title: jobTitle };

  const emails = typedValues(candidate.email_addresses);
  const email = pickEmail(emails);
  if (email) applicant.person.email = email;

  const addresses = typedValues(candidate.addresses);
  const home =
    addresses.find((entry) => typeof entry.type === 'string' && entry.type.trim().toLowerCase() === 'home') ??
    addresses[0];
  const residentialAddress = parseAddressText(home?.value);
  if (residentialAddress) applicant.residentialAddress = residentialAddress;

  const employment = asArray(candidate.employments)
    .map(asObject)
    .flatMap((entry) => {
      const employer = asText(entry?.company_name, 200);
      if (!entry || !employer) return [];
      return [
        {
          employer,
          title: asText(entry.title, 200),
          start: partialDate(entry.start_date),
          end: partialDate(entry.end_date),
        },
      ];
    })
    .slice(0, 50);
  if (employment.length > 0) applicant.employment = employment;

  const education = asArray(candidate.educations)
    .map(asObject)
    .flatMap((entry) => {
      const institution = asText(entry?.school_name, 200);
      if (!entry || !institution) return [];
      const degree = [asText(entry.degree, 200), asText(entry.discipline, 200)].filter(Boolean).join(', ') || undefined;
      return [{ institution, degree, start: partialDate(entry.start_date), end: partialDate(entry.end_date) }];
    })
    .slice(0, 30);
  if (education.length > 0) applicant.education = education;

  const profiles = profilesFrom(
    typedValues(candidate.website_addresses).map((entry) => entry.value),
    typedValues(candidate.social_media_addresses).map((entry) => entry.value),
  );
  if (profiles) applicant.profiles = profiles;

  const fields = [
    ...customFields(candidate.custom_fields),
    ...customFields(application?.custom_fields),
    ...customFields(at(application, 'offer', 'custom_fields')),
  ];
  const mappingSkipped = applyFieldMap(applicant, fields, settings.fieldMap, isoDateTime(application?.applied_at));

  // After the field map: a number without a country code is read in the claimed country's numbering plan.
  const claimedCountry =
    typeof applicant.claimedLocation?.country === 'string' ? applicant.claimedLocation.country : undefined;
  const phones = typedValues(candidate.phone_numbers);
  const phone = pickPhone(phones, claimedCountry);
  if (phone) applicant.person.phone = phone;

  const fitted = fitToContract(applicant);
  return {
    applicant: fitted.applicant,
    skipped: [...unusedContacts(emails, email, phones, phone), ...mappingSkipped, ...fitted.skipped],
  };
}

function requireApplication(payload: JsonObject | undefined): {
  application: JsonObject;
  applicationId: string;
  candidate: JsonObject;
  candidateId: string;
} {
  const application = asObject(payload?.application);
  if (!application) throw new UnmappableDeliveryError('payload.application is missing');
  const applicationId = asId(application.id);
  if (!applicationId) throw new UnmappableDeliveryError('payload.application.id is missing');
  const candidate = asObject(application.candidate);
  const candidateId = asId(candidate?.id);
  if (!candidate || !candidateId) throw new UnmappableDeliveryError('payload.application.candidate.id is missing');
  return { application, applicationId, candidate, candidateId };
}

export function mapGreenhouse(body: unknown, settings: AdapterSettings): WebhookIntent {
  const { envelope, event: action } = eventEnvelope(body, 'action');
  const payload = asObject(envelope.payload);

  if (action === 'ping') return { kind: 'ignore', reason: 'ping' };

  if (Object.hasOwn(screenTriggers, action)) {
    const { application, applicationId, candidate, candidateId } = requireApplication(payload);
    const { applicant, skipped } = applicantFrom(candidate, application, settings);
    return {
      kind: 'screen',
      candidate: { candidateId, applicationIds: [applicationId] },
      applicant,
      trigger: screenTriggers[action as keyof typeof screenTriggers],
      skipped,
    };
  }

  if (Object.hasOwn(statusChanges, action)) {
    const { applicationId, candidateId } = requireApplication(payload);
    return {
      kind: 'status',
      candidate: { candidateId, applicationIds: [applicationId] },
      change: statusChanges[action as keyof typeof statusChanges],
    };
  }

  switch (action) {
    case 'update_candidate': {
      // A candidate-level change names no application: the worker applies it to the candidate's existing cases.
      const candidate = asObject(payload?.candidate);
      const candidateId = asId(candidate?.id);
      if (!candidate || !candidateId) throw new UnmappableDeliveryError('payload.candidate.id is missing');
      const { applicant, skipped } = applicantFrom(candidate, undefined, settings);
      return { kind: 'screen', candidate: { candidateId }, applicant, trigger: 'update', skipped };
    }
    case 'delete_application': {
      // Documented as payload.application {id, candidate_id}; an older revision put the fields on payload itself.
      const application = asObject(payload?.application) ?? payload;
      const applicationId = asId(application?.id);
      const candidateId = asId(application?.candidate_id);
      if (!applicationId || !candidateId)
        throw new UnmappableDeliveryError('payload.application.id or candidate_id is missing');
      return { kind: 'status', candidate: { candidateId, applicationIds: [applicationId] }, change: 'deleted' };
    }
    case 'delete_candidate': {
      const person = asObject(payload?.person);
      const candidateId = asId(person?.id);
      if (!candidateId) throw new UnmappableDeliveryError('payload.person.id is missing');
      // Greenhouse also sends delete_candidate for the candidate merged away in a merge, whose applications move to
      // the surviving candidate. Erasing is therefore scoped to the applications deleted with the candidate; with
      // none listed there is nothing of theirs to erase (a case always belongs to an application).
      const applicationIds = idList(person?.deleted_application_ids);
      if (applicationIds.length === 0)
        return {
          kind: 'ignore',
          reason: `delete_candidate: candidate ${candidateId} was deleted without applications (as in a merge): nothing to erase`,
        };
      return {
        kind: 'erase',
        candidate: { candidateId, applicationIds },
        reason: 'deleted in Greenhouse',
        withdraw: true,
      };
    }
    case 'candidate_anonymized': {
      const candidateId = asId(payload?.candidate_id);
      if (!candidateId) throw new UnmappableDeliveryError('payload.candidate_id is missing');
      const fields = asArray(payload?.anonymized_fields)
        .map((field) => asText(field, 60))
        .filter((field): field is string => field !== undefined && /^[a-z0-9_]+$/.test(field))
        .slice(0, 20);
      return {
        kind: 'erase',
        candidate: { candidateId },
        reason: fields.length > 0 ? `anonymized in Greenhouse (${fields.join(', ')})` : 'anonymized in Greenhouse',
        withdraw: false,
      };
    }
    case 'merge_candidate': {
      const person = asObject(payload?.person);
      const from = asId(person?.id);
      const into = asId(person?.new_candidate_id);
      const detail = from && into ? `: candidate ${from} merged into ${into}` : '';
      return {
        kind: 'ignore',
        reason: `merge_candidate${detail}; cases stay keyed by application, and later events name the surviving candidate`,
      };
    }
    default:
      return { kind: 'ignore', reason: `event not acted on: ${action}` };
  }
}

/** The action and candidate id of a Greenhouse body, without judging it (intake uses it before mapping). */
export function greenhouseEventOf(body: unknown): { event?: string; candidateId?: string } {
  const payload = at(body, 'payload');
  return {
    event: asText(at(body, 'action'), 100),
    candidateId:
      asId(at(payload, 'application', 'candidate', 'id')) ??
      asId(at(payload, 'application', 'candidate_id')) ??
      asId(at(payload, 'candidate', 'id')) ??
      asId(at(payload, 'person', 'id')) ??
      asId(at(payload, 'candidate_id')),
  };
}
