// Lever's API, read-only: Lever's webhooks carry ids only, so the worker fetches the opportunity they name; and since
// Lever signs only token + triggeredAt (not the data), a deletion is confirmed here before anything is erased.
import type { OutboundClient } from '../outbound/outbound-client';
import type { SourceApi } from './webhook-sources';
export class PermanentDeliveryError extends Error {}

const DEFAULT_BASE_URL = 'https://api.lever.co';
const TIMEOUT_MS = 10_000;

function requireKey(apiKey: string | undefined, purpose: string): string {
  if (!apiKey)
    throw new PermanentDeliveryError(
      `this Lever source has no API key ${purpose}: set one with \`webhook-source update NAME --api-key\``,
    );
  return apiKey;
}

/** `purpose`: what the key is needed for, in the error a source without one gets. */
async function get(
  outbound: OutboundClient,
  source: SourceApi,
  purpose: string,
  path: string,
  query: Record<string, string> = {},
): Promise<Response> {
  const apiKey = requireKey(source.apiKey, purpose);
  const url = new URL(path, source.apiBaseUrl ?? DEFAULT_BASE_URL);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return outbound.fetch(url, {
    headers: { Authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`, Accept: 'application/json' },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
}

const opportunityPath = (id: string) => `/v1/opportunities/${encodeURIComponent(id)}`;

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** GET /v1/opportunities/:id with the source's API key (HTTP Basic, key as user name); returns its `data`. */
export async function fetchLeverOpportunity(
  outbound: OutboundClient,
  source: SourceApi,
  opportunityId: string,
): Promise<unknown> {
  const response = await get(outbound, source, 'to fetch candidates with', opportunityPath(opportunityId));
  // 401/403/404: retrying cannot help; 429 and 5xx: the queue retries with backoff.
  if ([400, 401, 403, 404, 410].includes(response.status)) {
    throw new PermanentDeliveryError(`Lever answered ${response.status} for opportunity ${opportunityId}`);
  }
  if (!response.ok) throw new Error(`Lever answered ${response.status} for opportunity ${opportunityId}`);
  const body = (await response.json()) as { data?: unknown };
  if (!body || typeof body !== 'object' || !body.data)
    throw new PermanentDeliveryError('Lever answered without an opportunity');
  return body.data;
}

/** What Lever says of one opportunity: gone (404/410), anonymised (isAnonymized), or still there. */
export type LeverPresence = 'gone' | 'anonymized' | 'present';

function isAnonymized(opportunity: unknown): boolean {
  return (
    typeof opportunity === 'object' &&
    opportunity !== null &&
    (opportunity as Record<string, unknown>).isAnonymized === true
  );
}

// Answers that say the key cannot read Lever (retrying will not help until someone fixes it) and those a retry may cure.
function refuseUnusable(response: Response, what: string): void {
  if ([400, 401, 403].includes(response.status))
    throw new PermanentDeliveryError(`Lever answered ${response.status} for ${what}: the deletion cannot be confirmed`);
  if (!response.ok) throw new Error(`Lever answered ${response.status} for ${what}`);
}

/**
 * Whether Lever still has this opportunity: GET /v1/opportunities/:id answering 404 or 410 means it was deleted; a
 * 200 whose opportunity has `isAnonymized: true` means it was anonymised; any other 200 means it is still there.
 */
export async function leverOpportunityPresence(
  outbound: OutboundClient,
  source: SourceApi,
  opportunityId: string,
): Promise<LeverPresence> {
  const response = await get(outbound, source, 'to confirm the deletion with', opportunityPath(opportunityId));
  if (response.status === 404 || response.status === 410) return 'gone';
  refuseUnusable(response, `opportunity ${opportunityId}`);
  const body = (await readJson(response)) as { data?: unknown } | undefined;
  if (!body || typeof body !== 'object' || !body.data)
    throw new Error(`Lever answered without opportunity ${opportunityId}`);
  return isAnonymized(body.data) ? 'anonymized' : 'present';
}

/**
 * Whether the contact (Lever's candidateId) still has an opportunity that is not anonymised: GET
 * /v1/opportunities?contact_id=ID (archived ones included). Only an answer that lists none is "gone"; more pages
 * than the first count as "still there".
 */
export async function leverContactHasOpportunities(
  outbound: OutboundClient,
  source: SourceApi,
  contactId: string,
): Promise<boolean> {
  const response = await get(outbound, source, 'to confirm the deletion with', '/v1/opportunities', {
    contact_id: contactId,
    limit: '100',
  });
  refuseUnusable(response, `the opportunities of contact ${contactId}`);
  const body = (await readJson(response)) as { data?: unknown; hasNext?: unknown } | undefined;
  if (!body || typeof body !== 'object' || !Array.isArray(body.data))
    throw new Error(`Lever answered without a list of the opportunities of contact ${contactId}`);
  return body.hasNext === true || body.data.some((opportunity) => !isAnonymized(opportunity));
}
