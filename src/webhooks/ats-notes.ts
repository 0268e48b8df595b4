// Results back where recruiters work: a note with the band, the top findings and the case link, on the candidate
// in Greenhouse (Harvest API) or Lever. Sent by the `ats_note` job, so it is retried like any other job.
import { redactFindingsForRecruiter } from '../cases/recruiter-view';
import type { AppMetrics } from '../metrics/metrics';
import type { OutboundClient } from '../outbound/outbound-client';
import { findingHeadline, plainAdvice } from '../presentation/plain-language';
import { COLLECT_IDENTIFIERS } from '../scoring/indicators/sanctions';
import { sanctionsStatusLabels } from '../scoring/sanctions-status';
import type { Finding, SanctionsStatus } from '../scoring/types';
import { PermanentDeliveryError } from './lever-client';
import type { UsableSource } from './webhook-sources';

const DEFAULT_BASE_URLS = { greenhouse: 'https://harvest.greenhouse.io', lever: 'https://api.lever.co' } as const;
const TIMEOUT_MS = 10_000;
const TOP_FINDINGS = 5;

export interface NoteSubject {
  caseId: string;
  band: string;
  sanctionsStatus?: SanctionsStatus;
  score: number;
  findings: Finding[];
}

/**
 * The note's text. Link findings are reduced as for recruiters (counts, never other applicants' cases): ATS users
 * are recruiters. The link opens the case for whoever may see it (PUBLIC_BASE_URL), else the case id is given.
 */
export function composeNote(subject: NoteSubject, publicBaseUrl?: string): string {
  const top = redactFindingsForRecruiter(
    [...subject.findings].sort((a, b) => b.points - a.points).slice(0, TOP_FINDINGS),
  );
  const lines = [`Hiring-fraud risk check: ${subject.band.toUpperCase()} (score ${subject.score}/100).`];
  // Recruiters are who can collect the missing identifier: the open sanctions check says so first.
  if (subject.sanctionsStatus && subject.sanctionsStatus !== 'clear') {
    lines.push(
      `Sanctions check: ${sanctionsStatusLabels[subject.sanctionsStatus]}.${subject.sanctionsStatus === 'potential_match' ? ` ${COLLECT_IDENTIFIERS}` : ''}`,
    );
  }
  if (top.length === 0) lines.push('No risk indicators found.');
  else {
    lines.push('Top findings:');
    // Recruiters read this in their ATS: the same plain words as the pages (no indicator ids, field names or list tags).
    for (const finding of top)
      lines.push(`- ${findingHeadline(finding)} (check: ${plainAdvice(finding.recommendedAction)})`);
  }
  lines.push(
    publicBaseUrl ? `Case: ${publicBaseUrl.replace(/\/$/, '')}/cases/${subject.caseId}` : `Case id: ${subject.caseId}`,
  );
  lines.push('The security team decides; this note is not a decision.');
  return lines.join('\n');
}

async function send(
  outbound: OutboundClient,
  url: URL,
  init: { method: string; headers: Record<string, string>; body: string },
  what: string,
): Promise<void> {
  const response = await outbound.fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  await response.body?.cancel().catch(() => undefined);
  // Refused for good (credentials, permissions, unknown candidate, invalid body): retrying cannot help.
  if ([400, 401, 403, 404, 410, 422].includes(response.status))
    throw new PermanentDeliveryError(`${what}: answered ${response.status}`);
  if (!response.ok) throw new Error(`${what}: answered ${response.status}`);
}

/** Writes the note on the candidate (Greenhouse: the candidate id; Lever: the opportunity id), counting the outcome. */
export async function writeAtsNote(
  outbound: OutboundClient,
  source: UsableSource,
  atsId: string,
  text: string,
  metrics?: Pick<AppMetrics, 'observeAtsNote'>,
): Promise<void> {
  try {
    await writeNoteOnce(outbound, source, atsId, text);
    metrics?.observeAtsNote(source.vendor, 'sent');
  } catch (error) {
    metrics?.observeAtsNote(source.vendor, error instanceof PermanentDeliveryError ? 'refused' : 'failed');
    throw error;
  }
}

async function writeNoteOnce(
  outbound: OutboundClient,
  source: UsableSource,
  atsId: string,
  text: string,
): Promise<void> {
  const writeBack = source.settings.writeBack;
  if (!writeBack) throw new PermanentDeliveryError('write-back is off for this source');
  if (!source.apiKey) throw new PermanentDeliveryError('this source has no API key to write notes with');
  const authorization = `Basic ${Buffer.from(`${source.apiKey}:`).toString('base64')}`;
  if (source.vendor === 'greenhouse') {
    // Harvest: POST /v1/candidates/{id}/activity_feed/notes, acting as a Greenhouse user (On-Behalf-Of).
    const url = new URL(
      `/v1/candidates/${encodeURIComponent(atsId)}/activity_feed/notes`,
      source.apiBaseUrl ?? DEFAULT_BASE_URLS.greenhouse,
    );
    await send(
      outbound,
      url,
      {
        method: 'POST',
        headers: { Authorization: authorization, 'On-Behalf-Of': writeBack.asUser, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user_id: Number(writeBack.asUser), body: text, visibility: 'private' }),
      },
      'Greenhouse note',
    );
    return;
  }
  if (source.vendor === 'lever') {
    const url = new URL(
      `/v1/opportunities/${encodeURIComponent(atsId)}/notes`,
      source.apiBaseUrl ?? DEFAULT_BASE_URLS.lever,
    );
    url.searchParams.set('perform_as', writeBack.asUser);
    await send(
      outbound,
      url,
      {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/json' },
        body: JSON.stringify({ value: text }),
      },
      'Lever note',
    );
    return;
  }
  throw new PermanentDeliveryError(`notes cannot be written back to ${source.vendor}`);
}
