// Our own signed generic webhooks (Standard Webhooks body {type, timestamp, data}) -> what the worker does.
import type { ApplicantInput } from '../../applicants/applicant-schema';
import { asId, asObject, asText, at, type JsonObject, eventEnvelope } from './read';
import { UnmappableDeliveryError, type AdapterSettings, type CandidateRef, type WebhookIntent } from './types';

const screenTriggers = {
  'applicant.submitted': 'application',
  'applicant.updated': 'update',
  'applicant.hired': 'hired',
} as const;
const statusChanges = { 'applicant.rejected': 'rejected', 'applicant.withdrawn': 'archived' } as const;
const erasures = {
  'applicant.deleted': 'deleted by the sender',
  'applicant.anonymized': 'anonymized by the sender',
} as const;

const DEFAULT_SOURCE = 'generic';

function candidateOf(data: JsonObject): { ref: CandidateRef; source: string | undefined } {
  const externalId = asId(data.externalId);
  if (!externalId)
    throw new UnmappableDeliveryError('data.externalId is required: it identifies the applicant (the case key)');
  // A malformed source is passed on as sent: the worker's validation of the applicant names it.
  const source = typeof data.source === 'string' && data.source !== DEFAULT_SOURCE ? data.source : undefined;
  const ref: CandidateRef = { candidateId: externalId, applicationIds: [externalId] };
  if (source !== undefined) ref.source = source;
  return { ref, source };
}

/**
 * `applicant.submitted|updated|hired`: `data` is an applicant contract v1 object, passed through unchanged (its
 * `source` defaults to "generic") so that the worker's validation names any wrong field to the sender.
 * `applicant.rejected|withdrawn|deleted|anonymized`: `data` is `{ externalId, source? }`.
 */
export function mapGeneric(body: unknown, _settings: AdapterSettings): WebhookIntent {
  const { envelope, event: type } = eventEnvelope(body, 'type');
  const known =
    Object.hasOwn(screenTriggers, type) || Object.hasOwn(statusChanges, type) || Object.hasOwn(erasures, type);
  if (!known) return { kind: 'ignore', reason: `event not acted on: ${type}` };
  const data = asObject(envelope.data);
  if (!data) throw new UnmappableDeliveryError('data must be a JSON object');
  const { ref } = candidateOf(data);

  if (Object.hasOwn(screenTriggers, type)) {
    const applicant = { ...data, source: data.source ?? DEFAULT_SOURCE } as ApplicantInput;
    return { kind: 'screen', candidate: ref, applicant, trigger: screenTriggers[type as keyof typeof screenTriggers] };
  }
  if (Object.hasOwn(statusChanges, type))
    return { kind: 'status', candidate: ref, change: statusChanges[type as keyof typeof statusChanges] };
  return {
    kind: 'erase',
    candidate: ref,
    reason: erasures[type as keyof typeof erasures],
    withdraw: type === 'applicant.deleted',
  };
}

export function genericEventOf(body: unknown): { event?: string; candidateId?: string } {
  return { event: asText(at(body, 'type'), 100), candidateId: asId(at(body, 'data', 'externalId')) };
}
