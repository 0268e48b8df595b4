// Cross-applicant linking: fingerprints in, linked cases out; and the backward rescoring of cases a newcomer links to.
import type { Applicant } from '../applicants/applicant-schema';
import { withCaseDispositions } from '../cases/finding-dispositions';
import { writeRescoredScreening } from '../cases/rescored-screening';
import type pg from 'pg';
import { inTransaction } from '../db/prisma-client';
import type { LinkContext, LinkedCase, ScreeningContext } from '../intel/gather-context';
import { catalogue } from '../scoring/catalogue';
import { linkIndicators, referredByFlaggedCase } from '../scoring/indicators/links';
import type { Disposition } from '../scoring/dispositions';
import type { RuleSet } from '../scoring/rule-set';
import { evaluateIndicators, summarise } from '../scoring/score-applicant';
import type { Finding, ScoreResult } from '../scoring/types';
import type { Fingerprint, Fingerprinter } from './fingerprint-keys';
import { MicroBatcher } from '../db/micro-batcher';
import { findCaseScore, findLinkedCases, findLinksAndDispositionsOfMany, fingerprintsOfCase, recordSharedValues, type LinkedCaseRow, type LinkLookup, type LinksAndDispositions } from './link-repository';
import { collectIdentifiers, type IpLinkFilter } from './normalise-identifiers';

// Identifier links are recomputed when a linked case is rescored; the referral finding stays as it was.
const identifierLinkIndicators = linkIndicators.filter((indicator) => indicator !== referredByFlaggedCase);
const identifierLinkIds = new Set(identifierLinkIndicators.map((indicator) => indicator.id));
const decisiveIds = new Set(catalogue.filter((indicator) => indicator.isDecisive).map((indicator) => indicator.id));
// Rescoring a whole farm in one transaction is fine; a value shared by hundreds is a filter gap, not a farm.
const MAX_RESCORED_CASES = 200;
// Lookups are reads: a few statements may run at once, each carrying what arrived while the others ran.
const LOOKUP_BATCH = 50;
const LOOKUPS_IN_FLIGHT = 3;

export interface RelinkedScreening {
  screeningId: string;
  result: ScoreResult;
}

export interface CollectedFingerprints {
  stored: Fingerprint[];
  lookup: Fingerprint[];
}

function toLinkContext(rows: LinkedCaseRow[], referrer: LinkContext['referrer']): LinkContext {
  const byKind: Partial<Record<string, LinkedCase[]>> = {};
  for (const row of rows) {
    (byKind[row.kind] ??= []).push({ caseId: row.caseId, subjectName: row.subjectName, band: row.band, score: row.score, sharedCount: row.sharedCount });
  }
  return { isChecked: true, byKind, referrer };
}

export class LinkService {
  // The lookups of screenings arriving together go in one statement (one round trip for many).
  private readonly lookups: MicroBatcher<LinkLookup, LinksAndDispositions>;

  constructor(
    private readonly pool: pg.Pool,
    private readonly fingerprinter: Fingerprinter,
    private readonly isLinkableIp: IpLinkFilter,
    private readonly ruleSet: RuleSet,
  ) {
    this.lookups = new MicroBatcher((items) => findLinksAndDispositionsOfMany(this.pool, items), { maxBatch: LOOKUP_BATCH, maxInFlight: LOOKUPS_IN_FLIGHT });
  }

  get keyId(): string {
    return this.fingerprinter.keyId;
  }

  fingerprints(applicant: Applicant, context: ScreeningContext): CollectedFingerprints {
    const identifiers = collectIdentifiers(applicant, context, this.isLinkableIp);
    const stored = identifiers.map((identifier) => this.fingerprinter.fingerprint(identifier));
    return { stored, lookup: this.fingerprinter.lookupFingerprints(identifiers, stored) };
  }

  /**
   * Other cases sharing the fingerprints (the applicant's own case excluded), the referrer's standing, and the
   * reviewers' dispositions of the applicant's own case (same source + externalId), which its new screening honours.
   */
  async linkContext(applicant: Applicant, lookup: Fingerprint[]): Promise<{ links: LinkContext; linkedCaseIds: string[]; dispositions: Disposition[] }> {
    const { linked, dispositions } = await this.lookups.submit({ fingerprints: lookup, source: applicant.source, externalId: applicant.externalId ?? null });
    const referrerId = applicant.referral?.referrerCaseId;
    const referrer = referrerId ? await findCaseScore(this.pool, referrerId) : null;
    return { links: toLinkContext(linked, referrer), linkedCaseIds: [...new Set(linked.map((row) => row.caseId))], dispositions };
  }

  /** The fingerprints as the screening write stores them. */
  storedIdentifiers(stored: Fingerprint[]): { kinds: string[]; hashes: string[]; keyId: string } {
    return { kinds: stored.map((f) => f.kind), hashes: stored.map((f) => f.hash.toString('hex')), keyId: this.keyId };
  }

  /** In the screening's transaction, after its identifiers are stored: rescore every case they link to. */
  async propagate(tx: pg.PoolClient, caseId: string, linkedCaseIds: string[], actor: string): Promise<void> {
    const linked = linkedCaseIds.filter((id) => id !== caseId);
    if (linked.length === 0) return;
    await recordSharedValues(tx, caseId, linked);
    const targets = linked.sort().slice(0, MAX_RESCORED_CASES);
    // Locks in id order, so that two newcomers linking to the same cases cannot deadlock.
    await tx.query(`SELECT id FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [targets]);
    for (const target of targets) await this.rescoreLinks(tx, target, caseId, actor);
  }

  /**
   * Cases screened at the same moment whose identifiers overlap: each looked its links up before the others were
   * stored, so none saw the others. Once all are stored, their links are recomputed together in one transaction, as
   * the backward rescoring does (case.linked events). Returns `caseId`'s rescored screening when its links changed.
   */
  async relink(caseId: string, peerCaseIds: string[], actor: string): Promise<RelinkedScreening | null> {
    const ids = [...new Set([caseId, ...peerCaseIds])].sort();
    return inTransaction(this.pool, async (tx) => {
      await tx.query(`SELECT id FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
      let mine: RelinkedScreening | null = null;
      for (const id of ids) {
        await recordSharedValues(tx, id, ids.filter((other) => other !== id));
        const rescored = await this.rescoreLinks(tx, id, id === caseId ? peerCaseIds[0]! : caseId, actor);
        if (id === caseId) mine = rescored;
      }
      return mine;
    });
  }

  private async rescoreLinks(tx: pg.PoolClient, caseId: string, triggeredBy: string, actor: string): Promise<RelinkedScreening | null> {
    const { rows: latestRows } = await tx.query<{ id: string; findings: Finding[]; input_snapshot: { person?: Applicant['person'] } }>(
      `SELECT id::text AS id, findings, input_snapshot FROM screenings WHERE case_id = $1 AND requested_by NOT LIKE 'system:%' ORDER BY created_at DESC LIMIT 1`,
      [caseId],
    );
    const { rows: currentRows } = await tx.query<{ findings: Finding[]; score: number; band: string }>(
      `SELECT s.findings, c.score, c.band::text AS band FROM cases c JOIN screenings s ON s.case_id = c.id WHERE c.id = $1 ORDER BY s.created_at DESC LIMIT 1`,
      [caseId],
    );
    const source = latestRows[0];
    const current = currentRows[0];
    if (!source || !current) return null;
    const rows = await findLinkedCases(tx, await fingerprintsOfCase(tx, caseId), { caseId });
    const applicant = { person: source.input_snapshot.person ?? { legalName: '' } } as Applicant;
    const context = { links: toLinkContext(rows, null) } as ScreeningContext;
    const fresh = evaluateIndicators(applicant, context, this.ruleSet, identifierLinkIndicators).findings;
    const kept = current.findings.filter((finding) => !identifierLinkIds.has(finding.indicator));
    // The newcomer may be the same person again, or change nothing this case's links say: no new screening.
    const linkPart = (findings: Finding[]) => canonicalJson(findings.filter((f) => identifierLinkIds.has(f.indicator)).map((f) => [f.indicator, f.points, f.evidence]).sort());
    if (linkPart(fresh) === linkPart(current.findings)) return null;
    // Reviewers' dispositions (a link marked false positive) are honoured: a link judged so stays at 0 points.
    const result = await withCaseDispositions(tx, caseId, summarise([...kept, ...fresh], this.ruleSet, kept.some((finding) => decisiveIds.has(finding.indicator))), this.ruleSet);
    if (result.score === current.score && result.band === current.band && linkPart(result.findings) === linkPart(current.findings)) return null;
    const screeningId = await writeRescoredScreening(tx, {
      caseId,
      result,
      snapshot: { rescoredFrom: source.id, reason: 'links', triggeredBy },
      requestedBy: 'system:links',
      actor,
      action: 'case.linked',
      before: { score: current.score, band: current.band },
      data: { linkedCaseId: triggeredBy },
    });
    return { screeningId, result };
  }
}

// JSON with object keys sorted: findings read back from jsonb come with their keys reordered, so a plain
// JSON.stringify made unchanged links look changed (and wrote a needless system screening).
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
