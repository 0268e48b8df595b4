// Screening what a webhook event carries, into new cases or the ones its source created, idempotently per delivery;
// with write-back on, a note job for each screened case.
import type { Applicant } from '../applicants/applicant-schema';
import { parseApplicant } from '../applicants/parse-applicant';
import { AppError } from '../errors';
import { ATS_NOTE_TASK } from '../queue/task-names';
import type { ScreeningService } from '../screening/screen-applicant';
import type { CandidateRef } from './adapters/types';
import { RefusedDeliveryError, webhookActor, type CandidateCases, type Result } from './delivery-cases';
import type { DeliveryStore } from './delivery-store';
import type { UsableSource } from './webhook-sources';

export class DeliveryScreening {
  constructor(
    private readonly deps: { deliveries: DeliveryStore; screening: ScreeningService },
    private readonly candidateCases: CandidateCases,
  ) {}

  private actor(source: UsableSource): string {
    return webhookActor(source);
  }

  private async screenOne(
    source: UsableSource,
    deliveryId: string,
    input: Record<string, unknown>,
  ): Promise<{ caseId: string; band: string; score: number; isNew: boolean }> {
    const applicant: Applicant = parseApplicant({ source: source.vendor, ...input });
    if (applicant.externalId) {
      const existing = await this.deps.deliveries.casesOfCandidate(
        source.id,
        this.actor(source),
        applicant.source,
        applicant.externalId,
        [applicant.externalId],
      );
      this.candidateCases.refuseOthersCases(source, applicant.source, existing);
    }
    const outcome = await this.screenOwn(source, applicant, deliveryId);
    return {
      caseId: outcome.body.caseId,
      band: outcome.body.band,
      score: outcome.body.score,
      isNew: outcome.status === 201,
    };
  }

  /** Screens into a new case or one this source created; the write itself refuses another's case (a race past the check above). */
  private async screenOwn(source: UsableSource, applicant: Applicant, deliveryId: string) {
    try {
      return await this.screenWith(source, applicant, deliveryId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') {
        throw new RefusedDeliveryError(
          `the event names a case this webhook source did not create (source "${applicant.source}", externalId "${String(applicant.externalId)}"); nothing was changed`,
        );
      }
      throw error;
    }
  }

  private screenWith(source: UsableSource, applicant: Applicant, deliveryId: string) {
    return this.deps.screening.screen(applicant, {
      actor: this.actor(source),
      // Like a recruiter: only into the cases this source created itself (ScreeningStore checks created_by).
      mayAppendToAnyCase: false,
      // Stored with the screening in its transaction: an attempt re-run after a crash (the screening committed, the
      // job not yet marked done) replays the first answer instead of screening the delivery twice.
      idempotency: {
        apiKeyId: source.id,
        key: `webhook:${deliveryId}:${String(applicant.externalId ?? '')}`,
        requestHash: 'webhook-delivery',
      },
    });
  }

  /** With write-back on, a note job for the screened case (Greenhouse: on the candidate; Lever: on the opportunity). */
  private async queueNote(source: UsableSource, deliveryId: string, caseId: string, atsId: string): Promise<void> {
    if (!source.settings.writeBack || (source.vendor !== 'greenhouse' && source.vendor !== 'lever')) return;
    await this.deps.deliveries.queueJob(
      ATS_NOTE_TASK,
      { sourceId: source.id, caseId, atsId },
      `note:${deliveryId}:${caseId}`,
    );
  }

  async screen(
    source: UsableSource,
    deliveryId: string,
    candidate: CandidateRef,
    input: Record<string, unknown>,
    trigger: string,
  ): Promise<Result> {
    const when = trigger === 'hired' ? ' on hire' : '';
    // Greenhouse notes go on the candidate (person); Lever's on the opportunity, which is the case's external id.
    const atsIdOf = (externalId: string) => (source.vendor === 'lever' ? externalId : candidate.candidateId);
    if (input.externalId) {
      const result = await this.screenOne(source, deliveryId, input);
      await this.queueNote(source, deliveryId, result.caseId, atsIdOf(String(input.externalId)));
      return {
        status: 'processed',
        outcome: `screened${when}: ${result.band} (${result.score})`,
        caseId: result.caseId,
      };
    }
    // A candidate-level update (no application named) rescreens each case the candidate already has.
    const cases = await this.candidateCases.casesOf(source, candidate);
    if (cases.length === 0) return { status: 'ignored', outcome: 'candidate update without any case to rescreen' };
    const results = [];
    for (const existing of cases) {
      if (!existing.externalId) continue;
      const result = await this.screenOne(source, deliveryId, { ...input, externalId: existing.externalId });
      await this.queueNote(source, deliveryId, result.caseId, atsIdOf(existing.externalId));
      results.push(result);
    }
    const last = results[results.length - 1];
    return {
      status: 'processed',
      outcome: `rescreened ${results.length} case(s)${when}`,
      caseId: last?.caseId ?? null,
    };
  }
}
