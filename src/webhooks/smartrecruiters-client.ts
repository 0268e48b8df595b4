// SmartRecruiters' Customer API, read-only: its webhooks carry ids only, so the worker fetches the candidate (and an
// application's status) they name, with the source's API key (X-SmartToken), through the outbound URL policy.
import type { OutboundClient } from '../outbound/outbound-client';
import { PermanentDeliveryError } from './lever-client';
import type { SourceApi } from './webhook-sources';

const DEFAULT_BASE_URL = 'https://api.smartrecruiters.com';
const TIMEOUT_MS = 10_000;

async function getJson(
  outbound: OutboundClient,
  { apiKey, apiBaseUrl }: SourceApi,
  path: string,
  what: string,
): Promise<Record<string, unknown>> {
  if (!apiKey)
    throw new PermanentDeliveryError(
      'this SmartRecruiters source has no API key to fetch candidates with: set one with `webhook-source update NAME --api-key`',
    );
  const response = await outbound.fetch(new URL(path, apiBaseUrl ?? DEFAULT_BASE_URL), {
    headers: { 'X-SmartToken': apiKey, Accept: 'application/json' },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  // 400/401/403/404/410: retrying cannot help; 429 and 5xx: the queue retries with backoff.
  if ([400, 401, 403, 404, 410].includes(response.status))
    throw new PermanentDeliveryError(`SmartRecruiters answered ${response.status} for ${what}`);
  if (!response.ok) throw new Error(`SmartRecruiters answered ${response.status} for ${what}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new Error(`SmartRecruiters answered ${what} with a body that is not JSON`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new PermanentDeliveryError(`SmartRecruiters answered without ${what}`);
  return body as Record<string, unknown>;
}

/** GET /candidates/:id: the person (name, e-mail, phone, location, web links). */
export function fetchSmartRecruitersCandidate(
  outbound: OutboundClient,
  source: SourceApi,
  candidateId: string,
): Promise<Record<string, unknown>> {
  return getJson(outbound, source, `/candidates/${encodeURIComponent(candidateId)}`, `candidate ${candidateId}`);
}

/** GET /candidates/:id/jobs/:jobId: the candidate's application to one job (its `status`: NEW … HIRED, REJECTED). */
export function fetchSmartRecruitersApplication(
  outbound: OutboundClient,
  source: SourceApi,
  candidateId: string,
  jobId: string,
): Promise<Record<string, unknown>> {
  return getJson(
    outbound,
    source,
    `/candidates/${encodeURIComponent(candidateId)}/jobs/${encodeURIComponent(jobId)}`,
    `the application of candidate ${candidateId} to job ${jobId}`,
  );
}
