// Lever's API, read-only: Lever's webhooks carry ids only, so the worker fetches the opportunity they name.
export class PermanentDeliveryError extends Error {}

const DEFAULT_BASE_URL = 'https://api.lever.co';
const TIMEOUT_MS = 10_000;

/** GET /v1/opportunities/:id with the source's API key (HTTP Basic, key as user name); returns its `data`. */
export async function fetchLeverOpportunity(apiKey: string | undefined, baseUrl: string | null, opportunityId: string): Promise<unknown> {
  if (!apiKey) throw new PermanentDeliveryError('this Lever source has no API key: set one with `webhook-source update NAME --api-key`');
  const url = new URL(`/v1/opportunities/${encodeURIComponent(opportunityId)}`, baseUrl ?? DEFAULT_BASE_URL);
  const response = await fetch(url, {
    headers: { Authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`, Accept: 'application/json' },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  // 401/403/404: retrying cannot help; 429 and 5xx: the queue retries with backoff.
  if ([400, 401, 403, 404, 410].includes(response.status)) {
    throw new PermanentDeliveryError(`Lever answered ${response.status} for opportunity ${opportunityId}`);
  }
  if (!response.ok) throw new Error(`Lever answered ${response.status} for opportunity ${opportunityId}`);
  const body = (await response.json()) as { data?: unknown };
  if (!body || typeof body !== 'object' || !body.data) throw new PermanentDeliveryError('Lever answered without an opportunity');
  return body.data;
}
