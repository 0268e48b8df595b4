// Cross-applicant linking: fingerprints in, link summaries out; and the backward rescoring of the cases holding a
// value a newcomer shares (a queued job, see the identifiers_queue_link_rescoring trigger).
import type { Applicant } from '../applicants/applicant-schema';
import { nameKey } from '../applicants/names';
import type { RescoringBasis, RescoringPlan, RescoringStore } from '../cases/rescoring-store';
import type { DbSession } from '../db/session';
import { gatherContext, type LinkContext, type ScreeningContext } from '../intel/gather-context';
import {
  linkIndicatorOfKind,
  linkIndicators,
  referredByFlaggedCase,
  SATURATED_NAMES,
} from '../scoring/indicators/links';
import type { Disposition } from '../scoring/dispositions';
import type { Fingerprint, Fingerprinter } from './fingerprint-keys';
import { MicroBatcher } from '../db/micro-batcher';
import type { LinkLookup, LinksAndDispositions } from './link-lookup-store';
import type { LinkStore } from './link-store';
import { collectIdentifiers, identifierKinds, type IdentifierKind, type IpLinkFilter } from './normalise-identifiers';

// Identifier links are recomputed when a linked case is rescored; the referral finding stays as it was.
const identifierLinkIndicators = linkIndicators.filter((indicator) => indicator !== referredByFlaggedCase);
// Lookups are reads: a few statements may run at once, each carrying what arrived while the others ran.
const LOOKUP_BATCH = 50;
const LOOKUPS_IN_FLIGHT = 3;
// A farm's members are rescored this many at a time: one statement per question for all of them.
const MEMBERS_PER_BATCH = 100;

// The link contexts of cases being rescored: their stored fingerprints, looked up together in one statement. Only the
// links are read by the indicators recomputed; the rest of the context is the snapshot's own.
async function linkContexts(
  store: LinkStore,
  session: DbSession,
  applicants: Applicant[],
  bases: RescoringBasis[],
): Promise<ScreeningContext[]> {
  const fingerprints = await store.findFingerprintsOfCases(
    bases.map((basis) => basis.caseId),
    session,
  );
  const answers = await store.findLinksAndDispositionsOfMany(
    bases.map((basis, index) => ({
      fingerprints: fingerprints.get(basis.caseId) ?? [],
      ownNames: ownNameKeys(applicants[index]!.person),
      caseId: basis.caseId,
    })),
    session,
  );
  return bases.map((basis, index) => ({
    ...gatherContext(applicants[index]!, { now: basis.snapshotAt }),
    links: { isChecked: true, groups: answers[index]!.groups, referrer: null },
  }));
}

export interface CollectedFingerprints {
  stored: Fingerprint[];
  lookup: Fingerprint[];
}

/** The names under which links are not links: the applicant's own (the same person applying again). */
export function ownNameKeys(person: Applicant['person']): string[] {
  return [...new Set([person.legalName, ...(person.otherNames ?? [])].map(nameKey).filter(Boolean))];
}

export interface PropagationOutcome {
  members: number;
  /** Members whose finding for the value could still change. */
  examined: number;
  rescored: number;
}

export class LinkService {
  // The lookups of screenings arriving together go in one statement (one round trip for many).
  private readonly lookups: MicroBatcher<LinkLookup, LinksAndDispositions>;

  constructor(
    private readonly store: LinkStore,
    private readonly fingerprinter: Fingerprinter,
    private readonly isLinkableIp: IpLinkFilter,
    private readonly rescoring: RescoringStore,
  ) {
    this.lookups = new MicroBatcher((items) => this.store.findLinksAndDispositionsOfMany(items), {
      maxBatch: LOOKUP_BATCH,
      maxInFlight: LOOKUPS_IN_FLIGHT,
      // More than one lookup at a time only once a few wait (as the writes): fewer, larger statements while one keeps
      // up, and no screening held for long behind one slow lookup (a large farm's).
      waitingForAnotherStatement: 8,
    });
  }

  get keyId(): string {
    return this.fingerprinter.keyId;
  }

  fingerprints(applicant: Applicant, context: Parameters<typeof collectIdentifiers>[1]): CollectedFingerprints {
    const identifiers = collectIdentifiers(applicant, context, this.isLinkableIp);
    const stored = identifiers.map((identifier) => this.fingerprinter.fingerprint(identifier));
    return { stored, lookup: this.fingerprinter.lookupFingerprints(identifiers, stored) };
  }

  /**
   * Other cases sharing the fingerprints (the applicant's own case excluded), counted per group with a few named,
   * the referrer's standing, and the reviewers' dispositions of the applicant's own case (same source + externalId),
   * which its new screening honours.
   */
  async linkContext(
    applicant: Applicant,
    lookup: Fingerprint[],
  ): Promise<{ links: LinkContext; dispositions: Disposition[] }> {
    const { groups, dispositions } = await this.lookups.submit({
      fingerprints: lookup,
      ownNames: ownNameKeys(applicant.person),
      source: applicant.source,
      externalId: applicant.externalId ?? null,
    });
    const referrerId = applicant.referral?.referrerCaseId;
    const referrer = referrerId ? await this.store.findCaseScore(referrerId) : null;
    return { links: { isChecked: true, groups, referrer }, dispositions };
  }

  /** The fingerprints as the screening write stores them. */
  storedIdentifiers(stored: Fingerprint[]): { kinds: string[]; hashes: string[]; keyId: string } {
    return { kinds: stored.map((f) => f.kind), hashes: stored.map((f) => f.hash.toString('hex')), keyId: this.keyId };
  }

  /** How a case's links are rescored: the link family from its snapshot and the link tables as they stand. */
  linkPlan(triggeredBy: string | null): RescoringPlan {
    return {
      recompute: identifierLinkIndicators,
      context: async (applicant, basis, session) => (await linkContexts(this.store, session, [applicant], [basis]))[0]!,
      contexts: (applicants, bases, session) => linkContexts(this.store, session, applicants, bases),
      requestedBy: 'system:links',
      action: 'case.linked',
      why: () => ({ snapshot: { reason: 'links', triggeredBy }, data: { linkedCaseId: triggeredBy } }),
    };
  }

  /**
   * The queued job: every case holding the value is rescored, each in a transaction of its own, and gets a new
   * screening only when its points, score or band change. Many newcomers queued while it waited are one run.
   */
  async propagate(payload: unknown): Promise<PropagationOutcome> {
    const value = parseValue(payload);
    if (!value) return { members: 0, examined: 0, rescored: 0 };
    // Members already at the finding's most are left alone: a big farm's run costs what its new members cost.
    const { members, caseIds } = await this.store.findCasesToRelink(
      value.kind,
      value.hash,
      linkIndicatorOfKind[value.kind]!,
      SATURATED_NAMES,
    );
    const plan = this.linkPlan(value.caseId);
    let rescored = 0;
    for (let start = 0; start < caseIds.length; start += MEMBERS_PER_BATCH) {
      rescored += await this.rescoring.rescoreMany(
        caseIds.slice(start, start + MEMBERS_PER_BATCH),
        plan,
        'system:links',
      );
    }
    return { members, examined: caseIds.length, rescored };
  }
}

function parseValue(payload: unknown): { kind: IdentifierKind; hash: Buffer; caseId: string | null } | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { kind, hash, caseId } = payload as Record<string, unknown>;
  if (
    typeof kind !== 'string' ||
    !(identifierKinds as readonly string[]).includes(kind) ||
    typeof hash !== 'string' ||
    !/^[0-9a-f]{32}$/.test(hash)
  )
    return null;
  return {
    kind: kind as IdentifierKind,
    hash: Buffer.from(hash, 'hex'),
    caseId: typeof caseId === 'string' ? caseId : null,
  };
}
