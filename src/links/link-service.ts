// Cross-applicant linking: fingerprints in, linked cases out; and the backward rescoring of cases a newcomer links to.
import type { Applicant } from '../applicants/applicant-schema';
import type { Db, Prisma } from '../db/prisma-client';
import type { LinkContext, LinkedCase, ScreeningContext } from '../intel/gather-context';
import { catalogue } from '../scoring/catalogue';
import { linkIndicators, referredByFlaggedCase } from '../scoring/indicators/links';
import type { RuleSet } from '../scoring/rule-set';
import { evaluateIndicators, summarise } from '../scoring/score-applicant';
import type { Finding } from '../scoring/types';
import type { Fingerprint, Fingerprinter } from './fingerprint-keys';
import { findCaseScore, findLinkedCases, fingerprintsOfCase, insertIdentifiers, type LinkedCaseRow } from './link-repository';
import { collectIdentifiers, type IpLinkFilter } from './normalise-identifiers';

// Identifier links are recomputed when a linked case is rescored; the referral finding stays as it was.
const identifierLinkIndicators = linkIndicators.filter((indicator) => indicator !== referredByFlaggedCase);
const identifierLinkIds = new Set(identifierLinkIndicators.map((indicator) => indicator.id));
const decisiveIds = new Set(catalogue.filter((indicator) => indicator.isDecisive).map((indicator) => indicator.id));
// Rescoring a whole farm in one transaction is fine; a value shared by hundreds is a filter gap, not a farm.
const MAX_RESCORED_CASES = 200;

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
  constructor(
    private readonly db: Db,
    private readonly fingerprinter: Fingerprinter,
    private readonly isLinkableIp: IpLinkFilter,
    private readonly ruleSet: RuleSet,
  ) {}

  get keyId(): string {
    return this.fingerprinter.keyId;
  }

  fingerprints(applicant: Applicant, context: ScreeningContext): CollectedFingerprints {
    const identifiers = collectIdentifiers(applicant, context, this.isLinkableIp);
    return { stored: identifiers.map((identifier) => this.fingerprinter.fingerprint(identifier)), lookup: this.fingerprinter.lookupFingerprints(identifiers) };
  }

  /** Other cases sharing the fingerprints (the applicant's own case excluded) and the referrer's standing. */
  async linkContext(applicant: Applicant, lookup: Fingerprint[]): Promise<{ links: LinkContext; linkedCaseIds: string[] }> {
    const rows = await findLinkedCases(this.db, lookup, { source: applicant.source, externalId: applicant.externalId ?? null });
    const referrerId = applicant.referral?.referrerCaseId;
    const referrer = referrerId ? await findCaseScore(this.db, referrerId) : null;
    return { links: toLinkContext(rows, referrer), linkedCaseIds: [...new Set(rows.map((row) => row.caseId))] };
  }

  /** In the screening's transaction: store the fingerprints and rescore every case they link to. */
  async recordAndPropagate(tx: Prisma.TransactionClient, caseId: string, screeningId: string, stored: Fingerprint[], linkedCaseIds: string[], actor: string): Promise<void> {
    await insertIdentifiers(tx, caseId, screeningId, stored, this.keyId);
    const targets = linkedCaseIds.filter((id) => id !== caseId).sort().slice(0, MAX_RESCORED_CASES);
    if (targets.length === 0) return;
    // Locks in id order, so that two newcomers linking to the same cases cannot deadlock.
    await tx.$queryRaw`SELECT id FROM cases WHERE id = ANY(${targets}::uuid[]) ORDER BY id FOR UPDATE`;
    for (const target of targets) await this.rescoreLinks(tx, target, caseId, actor);
  }

  private async rescoreLinks(tx: Prisma.TransactionClient, caseId: string, triggeredBy: string, actor: string): Promise<void> {
    const latest = await tx.screening.findFirst({ where: { caseId }, orderBy: { createdAt: 'desc' } });
    if (!latest) return;
    const snapshot = latest.inputSnapshot as { person?: Applicant['person'] };
    const rows = await findLinkedCases(tx, await fingerprintsOfCase(tx, caseId), { caseId });
    const applicant = { person: snapshot.person ?? { legalName: '' } } as Applicant;
    const context = { links: toLinkContext(rows, null) } as ScreeningContext;
    const fresh = evaluateIndicators(applicant, context, this.ruleSet, identifierLinkIndicators).findings;
    const previous = latest.findings as unknown as Finding[];
    const kept = previous.filter((finding) => !identifierLinkIds.has(finding.indicator));
    // The newcomer may be the same person again, or change nothing this case's links say: no new screening.
    const linkPart = (findings: Finding[]) => JSON.stringify(findings.filter((f) => identifierLinkIds.has(f.indicator)).map((f) => [f.indicator, f.points, f.evidence]).sort());
    if (linkPart(fresh) === linkPart(previous)) return;
    const result = summarise([...kept, ...fresh], this.ruleSet, kept.some((finding) => decisiveIds.has(finding.indicator)));
    const screening = await tx.screening.create({
      data: {
        caseId,
        score: result.score,
        band: result.band,
        ruleSetVersion: result.ruleSetVersion,
        findings: result.findings as unknown as Prisma.InputJsonValue,
        inputSnapshot: { rescoredFrom: latest.id, reason: 'links', triggeredBy },
        requestedBy: 'system:links',
      },
    });
    const before = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { score: true, band: true } });
    await tx.case.update({ where: { id: caseId }, data: { score: result.score, band: result.band, ruleSetVersion: result.ruleSetVersion } });
    await tx.caseEvent.create({
      data: {
        caseId,
        actor,
        action: 'case.linked',
        data: { linkedCaseId: triggeredBy, before: { score: before.score, band: before.band }, after: { score: result.score, band: result.band, screeningId: screening.id } },
      },
    });
  }
}
