// The use case every way in ends in: applicant -> context -> score -> case, screening and audit event stored.
import type { Applicant } from '../applicants/applicant-schema';
import { minimiseApplicant } from '../applicants/snapshot';
import type { ScreeningStore } from '../cases/screening-store';
import { AppError } from '../errors';
import { applyDispositions } from '../scoring/dispositions';
import type { Band, ScoreResult } from '../scoring/types';
import type { LinkService } from '../links/link-service';
import { livesAndIsPaidAsDeclared } from '../applicants/household-evidence';
import { nameKey } from '../applicants/names';
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
    if (document && (document.result === 'agrees' || document.result === 'contradicts'))
      checks[match.uid] = document.result;
  }
  return checks;
}

/** What the use case reports beyond its answer: every screening stored (the metric). */
export interface ScreeningObserver {
  stored(band: Band): void;
}

export class ScreeningService {
  constructor(
    private readonly store: ScreeningStore,
    private readonly scorer: Scorer,
    private readonly links: LinkService,
    private readonly observer: ScreeningObserver = { stored: () => undefined },
  ) {}

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
    // One read: the links of this applicant (counted per group, a few named) and the reviewers' dispositions of
    // its own case, if it has one. The cases it links to are rescored later by a queued job (the trigger on
    // identifiers queues it in this screening's own statement), so this work does not grow with the cluster.
    const { links, dispositions } = await this.links.linkContext(applicant, fingerprints.lookup);
    const scored = this.scorer.scoreWith(applicant, { ...context, links });
    const result = dispositions.length ? applyDispositions(scored, dispositions, this.scorer.ruleSet) : scored;
    const written = await this.store.record(
      {
        source: applicant.source,
        externalId: applicant.externalId ?? null,
        subjectName: applicant.person.legalName,
        nameKey: nameKey(applicant.person.legalName),
        householdEvidence: livesAndIsPaidAsDeclared(applicant, context.knownAddresses.shipping !== null),
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
    );
    if (written.kind === 'key_taken') return this.replayTakenKey(options.idempotency!);
    this.observer.stored(result.band);
    return { status: written.status, body: written.body as ScreeningAnswer, isReplay: false };
  }

  // The same Idempotency-Key sent twice at once: the first transaction won; answer as it did.
  private async replayTakenKey(idempotency: NonNullable<ScreenOptions['idempotency']>): Promise<ScreenOutcome> {
    const replay = await this.replay(idempotency);
    if (!replay) throw new Error('idempotency key taken by a concurrent request, and its answer is no longer stored');
    return replay;
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
