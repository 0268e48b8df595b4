// The use case every way in ends in: applicant -> context -> score -> case, screening and audit event stored.
import type { Applicant } from '../applicants/applicant-schema';
import { minimiseApplicant } from '../applicants/snapshot';
import type { ScreeningStore } from '../cases/screening-store';
import { AppError } from '../errors';
import { applyDispositions } from '../scoring/dispositions';
import type { Band, ScoreResult } from '../scoring/types';
import type { Fingerprint } from '../links/fingerprint-keys';
import type { LinkService, RelinkedScreening } from '../links/link-service';
import type { SanctionsMatch } from '../sanctions/types';
import type { Scorer } from './scorer';

export interface ScreeningAnswer extends ScoreResult {
  caseId: string;
  screeningId: string;
}

export interface ScreenOptions {
  actor: string;
  /** Recruiters may add screenings only to the cases they created; reviewers, admins and integrations to any. */
  mayAppendToAnyCase: boolean;
  idempotency?: { apiKeyId: string; key: string; requestHash: string };
}

export interface ScreenOutcome {
  status: number;
  body: ScreeningAnswer;
  isReplay: boolean;
}

// What the document number said about each listed entry (the number itself is not kept): for re-screens.
function documentChecksOf(matches: readonly SanctionsMatch[]): Record<string, 'agrees' | 'contradicts'> {
  const checks: Record<string, 'agrees' | 'contradicts'> = {};
  for (const match of matches) {
    const document = match.comparison?.attributes.find((attribute) => attribute.attribute === 'identity document');
    if (document && (document.result === 'agrees' || document.result === 'contradicts')) checks[match.uid] = document.result;
  }
  return checks;
}

// 23505: PostgreSQL's unique_violation (the write path is plain SQL); P2002: Prisma's name for it.
function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === '23505' || code === 'P2002';
}

/** What the use case reports beyond its answer: every screening stored (the metric), and a failed relink (a log line). */
export interface ScreeningObserver {
  stored(band: Band): void;
  relinkFailed(error: unknown, caseId: string): void;
}

interface InFlightScreening {
  keys: Set<string>;
  peers: Set<InFlightScreening>;
  /** Set once its screening is committed. */
  caseId?: string;
}

export class ScreeningService {
  constructor(
    private readonly store: ScreeningStore,
    private readonly scorer: Scorer,
    private readonly links: LinkService,
    private readonly observer: ScreeningObserver = { stored: () => undefined, relinkFailed: () => undefined },
  ) {}

  // Screenings between their link lookup and their commit, to find those that could not see each other.
  private readonly inFlight = new Set<InFlightScreening>();

  /** Forgets Idempotency-Key answers past their time to live. */
  purgeExpiredIdempotency(): Promise<number> {
    return this.store.purgeExpiredIdempotency();
  }

  /** Scores without saving (the CLI's dry path). */
  evaluate(applicant: Applicant): ScoreResult {
    return this.scorer.score(applicant);
  }

  async screen(applicant: Applicant, options: ScreenOptions): Promise<ScreenOutcome> {
    if (options.idempotency) {
      const replay = await this.replay(options.idempotency);
      if (replay) return replay;
    }
    const context = this.scorer.context(applicant);
    const fingerprints = this.links.fingerprints(applicant, context);
    const me = this.enter(fingerprints.stored);
    try {
      // One read: the cases this applicant links to and the reviewers' dispositions of its own case, if it has one.
      const { links, linkedCaseIds, dispositions } = await this.links.linkContext(applicant, fingerprints.lookup);
      const scored = this.scorer.scoreWith(applicant, { ...context, links });
      const result = dispositions.length ? applyDispositions(scored, dispositions, this.scorer.ruleSet) : scored;
      const written = await this.store.record(
        {
          source: applicant.source,
          externalId: applicant.externalId ?? null,
          subjectName: applicant.person.legalName,
          result,
          inputSnapshot: minimiseApplicant(applicant, documentChecksOf(context.sanctions.matches)),
          actor: options.actor,
          mayAppendToAnyCase: options.mayAppendToAnyCase,
          identifiers: this.links.storedIdentifiers(fingerprints.stored),
          idempotency: options.idempotency,
        },
        (stored) => ({
          status: 201,
          body: { caseId: stored.caseId, screeningId: stored.screeningId, ...result },
        }),
        // Most applicants link to nobody: then the write is a single statement.
        linkedCaseIds.length > 0 ? (tx, stored) => this.links.propagate(tx, stored.caseId, linkedCaseIds, options.actor) : undefined,
      );
      me.caseId = written.stored.caseId;
      this.observer.stored(result.band);
      const relinked = await this.relinkMissedPeers(me, linkedCaseIds, options.actor);
      const body = relinked ? { ...(written.body as ScreeningAnswer), screeningId: relinked.screeningId, ...relinked.result } : (written.body as ScreeningAnswer);
      return { status: written.status, body, isReplay: false };
    } catch (error) {
      // The same Idempotency-Key sent twice at once: the first transaction won; answer as it did.
      if (options.idempotency && isUniqueViolation(error)) {
        const replay = await this.replay(options.idempotency);
        if (replay) return replay;
      }
      throw error;
    } finally {
      this.inFlight.delete(me);
    }
  }

  // Joins the screenings in flight; those sharing a fingerprint with it become its peers, and it theirs.
  private enter(stored: Fingerprint[]): InFlightScreening {
    const me: InFlightScreening = { keys: new Set(stored.map((f) => `${f.kind}:${f.hash.toString('hex')}`)), peers: new Set() };
    for (const other of this.inFlight) {
      if ([...other.keys].some((key) => me.keys.has(key))) {
        other.peers.add(me);
        me.peers.add(other);
      }
    }
    this.inFlight.add(me);
    return me;
  }

  /**
   * Peers already stored that this screening's lookup did not see (they were written after it looked) have not seen
   * it either: the last of them to commit recomputes their links together. Its answer is then the relinked case. The
   * screening itself is committed whatever happens here; a failure leaves the links to the next screening or rescore.
   */
  private async relinkMissedPeers(me: InFlightScreening, seen: string[], actor: string): Promise<RelinkedScreening | null> {
    const missed = [...me.peers].map((peer) => peer.caseId).filter((id): id is string => id !== undefined && id !== me.caseId && !seen.includes(id));
    if (missed.length === 0) return null;
    try {
      return await this.links.relink(me.caseId!, missed, actor);
    } catch (error) {
      this.observer.relinkFailed(error, me.caseId!);
      return null;
    }
  }

  private async replay(idempotency: NonNullable<ScreenOptions['idempotency']>): Promise<ScreenOutcome | null> {
    const previous = await this.store.findIdempotentResponse(idempotency.apiKeyId, idempotency.key);
    if (!previous) return null;
    if (previous.requestHash !== idempotency.requestHash) {
      throw new AppError('idempotency_conflict', 'This Idempotency-Key was already used with a different request body');
    }
    return { status: previous.status, body: previous.body as ScreeningAnswer, isReplay: true };
  }
}
