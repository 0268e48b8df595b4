// One HTTP attempt at a notification: a Standard Webhooks-signed JSON POST, or Slack's {"text"} to an incoming webhook.
import { describeOutboundFailure, type OutboundClient } from '../outbound/outbound-client';
import type { UsableEndpoint } from './notification-endpoints';
import type { NotificationPayload } from './notification-store';
import { familyLabel, indicatorLabel } from '../presentation/plain-language';
import { sanctionsStatusLabels } from '../scoring/sanctions-status';
import type { SanctionsStatus } from '../scoring/types';
import { signLike } from '../crypto/signatures';

export const NOTIFICATION_TIMEOUT_MS = 10_000;
const USER_AGENT = 'hiring-fraud-risk-checker-notifications/1';

export type SendResult =
  | { ok: true; status: number }
  /** `isGone`: the receiver answered 410 Gone (it asks us to stop: the endpoint is disabled). */
  | { ok: false; status: number | null; error: string; isGone: boolean };

/** Slack mrkdwn: &, < and > are control characters. */
function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** The Slack message for a payload: what the payload holds, nothing more (no applicant data is in it). */
export function slackText(payload: NotificationPayload, publicBaseUrl?: string): string {
  const data = payload.data;
  if (payload.type !== 'case.band_raised') {
    return escapeSlack(
      `Test notification from the hiring-fraud risk checker (endpoint "${text(data.endpoint)}"). Nothing to do.`,
    );
  }
  const band = text(data.band).toUpperCase();
  const previous = text(data.previousBand);
  const indicators = Array.isArray(data.topIndicators) ? (data.topIndicators as Record<string, unknown>[]) : [];
  const lines = [
    `*Case raised to ${band}* (score ${text(data.score)}${previous ? `, was ${previous}` : ', new case'})`,
    ...(data.sanctionsStatus && data.sanctionsStatus !== 'clear'
      ? [
          `Sanctions check: ${sanctionsStatusLabels[data.sanctionsStatus as SanctionsStatus] ?? text(data.sanctionsStatus)}`,
        ]
      : []),
    indicators.length
      ? `Top indicators: ${indicators.map((indicator) => `${indicatorLabel(text(indicator.id))} (${familyLabel(text(indicator.family))}, ${text(indicator.severity)}, ${text(indicator.points)} points)`).join('; ')}`
      : 'No findings recorded.',
  ];
  const link = text(data.link);
  // An absolute link is sent as Slack's <url|label> (the angle brackets are Slack syntax, the parts escaped).
  const review = publicBaseUrl
    ? `Review: <${escapeSlack(`${publicBaseUrl.replace(/\/$/, '')}${link}`)}|case ${escapeSlack(text(data.caseId))}>`
    : escapeSlack(`Review: ${link} (case ${text(data.caseId)})`);
  return `${escapeSlack(lines.join('\n'))}\n${review}`;
}

/**
 * POSTs the notification once. webhook: the payload as JSON, signed with the endpoint's whsec_ secret over
 * "{webhook-id}.{webhook-timestamp}.{body}"; webhook-id is the delivery id (the same on every retry, so receivers can
 * drop duplicates), the timestamp is this attempt's. slack: {"text": ...}. Redirects are not followed.
 */
export async function sendNotification(
  outbound: OutboundClient,
  endpoint: UsableEndpoint,
  delivery: { id: string; payload: NotificationPayload },
  options: { timeoutMs?: number; now?: number; publicBaseUrl?: string } = {},
): Promise<SendResult> {
  const timeoutMs = options.timeoutMs ?? NOTIFICATION_TIMEOUT_MS;
  const body = Buffer.from(
    JSON.stringify(
      endpoint.kind === 'slack' ? { text: slackText(delivery.payload, options.publicBaseUrl) } : delivery.payload,
    ),
  );
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': USER_AGENT };
  if (endpoint.kind === 'webhook') {
    Object.assign(
      headers,
      signLike('generic', endpoint.signingSecret!, body, {
        id: delivery.id,
        timestamp: Math.floor((options.now ?? Date.now()) / 1000),
      }),
    );
  }
  let response: Response;
  try {
    // The policy is checked again here (and each address connected to): the URL was checked when saved, DNS may differ now.
    response = await outbound.fetch(endpoint.targetUrl, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    // Fixed wording only: never the URL (a Slack URL's path is its credential) nor what the network said.
    return { ok: false, status: null, error: describeOutboundFailure(error, timeoutMs), isGone: false };
  }
  // The receiver's answer is never read: what an internal service says must not reach reviewers through lastError.
  await response.body?.cancel().catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
  return {
    ok: false,
    status: response.status,
    error: `the receiver answered ${response.status}`,
    isGone: response.status === 410,
  };
}
