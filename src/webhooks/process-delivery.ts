// The webhook job: one stored delivery -> the vendor adapter's intent -> screening (delivery-screening.ts), case status
// (delivery-cases.ts) or erasure (delivery-erasure.ts); and the job that writes a result back to the ATS.
import type { CaseRepository } from '../cases/case-repository';
import { AppError } from '../errors';
import { isNestedDeeperThan, MAX_JSON_DEPTH } from '../http/json-depth';
import type { Logger } from '../logger';
import type { AppMetrics } from '../metrics/metrics';
import type { OutboundClient } from '../outbound/outbound-client';
import type { ScreeningService } from '../screening/screen-applicant';
import { mapDelivery, mapLeverOpportunity, mapSmartRecruitersCandidate, smartRecruitersStatusChange } from './adapters';
import { UnmappableDeliveryError, type WebhookIntent } from './adapters/types';
import { composeNote, writeAtsNote } from './ats-notes';
import { CandidateCases, RefusedDeliveryError, type Result } from './delivery-cases';
import { DeliveryErasure, type CaseEraser } from './delivery-erasure';
import { DeliveryScreening } from './delivery-screening';
import type { DeliveryStore } from './delivery-store';
import { fetchLeverOpportunity, PermanentDeliveryError } from './lever-client';
import { fetchSmartRecruitersApplication, fetchSmartRecruitersCandidate } from './smartrecruiters-client';
import type { UsableSource, WebhookSourceService } from './webhook-sources';

export { RefusedDeliveryError, type CaseEraser };

export interface DeliveryProcessorDeps {
  deliveries: DeliveryStore;
  sources: WebhookSourceService;
  screening: ScreeningService;
  cases: CaseRepository;
  eraseCase: CaseEraser;
  logger: Logger;
  metrics?: AppMetrics;
  /** Every call to an ATS API goes through the outbound URL policy. */
  outbound: OutboundClient;
  /** Where people open a case (PUBLIC_BASE_URL), for the note written back to the ATS. */
  publicBaseUrl?: string;
}

const EARLIER_PENDING_DELAY_SECONDS = 2;

function isPermanent(error: unknown): boolean {
  return (
    error instanceof UnmappableDeliveryError ||
    error instanceof PermanentDeliveryError ||
    (error instanceof AppError && error.httpStatus >= 400 && error.httpStatus < 500)
  );
}

function describe(error: unknown): string {
  if (error instanceof AppError && error.details?.fields?.length) {
    return `${error.message}: ${error.details.fields.map((field) => `${field.path} ${field.message}`).join('; ')}`;
  }
  return error instanceof Error ? error.message : String(error);
}

export class DeliveryProcessor {
  private readonly candidateCases: CandidateCases;
  private readonly screening: DeliveryScreening;
  private readonly erasure: DeliveryErasure;

  constructor(private readonly deps: DeliveryProcessorDeps) {
    this.candidateCases = new CandidateCases(deps);
    this.screening = new DeliveryScreening(deps, this.candidateCases);
    this.erasure = new DeliveryErasure(deps, this.candidateCases);
  }

  /**
   * Runs one attempt. Resolves when the delivery is finished (processed, ignored or dead for good); throws
   * when the attempt failed for a reason a retry may cure (the queue then retries it with backoff).
   */
  async process(deliveryId: string, attempt: number, maxAttempts: number): Promise<void> {
    const { deliveries, sources, logger, metrics } = this.deps;
    // Arrival order per candidate: a later event waits (without spending an attempt) while an earlier one is pending.
    if (await deliveries.hasEarlierPending(deliveryId)) {
      await deliveries.defer(deliveryId, EARLIER_PENDING_DELAY_SECONDS);
      return;
    }
    const delivery = await deliveries.begin(deliveryId, attempt);
    if (!delivery) return;
    const source = await sources.usable(delivery.sourceId);
    const vendor = source?.vendor ?? 'unknown';
    try {
      if (!source) throw new PermanentDeliveryError('its webhook source no longer exists');
      if (!delivery.body) {
        await deliveries.finish(deliveryId, { status: 'ignored', outcome: 'personal data erased before processing' });
        metrics?.observeWebhookJob(vendor, 'ignored');
        return;
      }
      let body: unknown;
      // The API's nesting limit: a signed but hostile [[[[... body would overflow the stack of any recursive walk.
      if (isNestedDeeperThan(delivery.body, MAX_JSON_DEPTH))
        throw new PermanentDeliveryError(
          `the body is nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`,
        );
      try {
        body = JSON.parse(delivery.body.toString('utf8'));
      } catch {
        throw new PermanentDeliveryError('the body is not JSON');
      }
      const result = await this.act(
        mapDelivery(source.vendor, body, source.settings, { event: delivery.event }),
        source,
        deliveryId,
        delivery.candidateId,
      );
      await deliveries.finish(deliveryId, result);
      metrics?.observeWebhookJob(vendor, result.status);
      logger.info({ deliveryId, vendor, event: delivery.event, outcome: result.outcome }, 'webhook delivery processed');
    } catch (error) {
      const message = describe(error);
      if (error instanceof RefusedDeliveryError) {
        await deliveries.finish(deliveryId, {
          status: 'dead',
          outcome: 'refused: names a case this source did not create',
          error: message,
        });
        metrics?.observeWebhookJob(vendor, 'dead');
        logger.warn(
          { deliveryId, vendor, event: delivery.event, error: message },
          'webhook delivery refused: it names a case its source did not create',
        );
        return;
      }
      if (isPermanent(error)) {
        await deliveries.finish(deliveryId, { status: 'dead', outcome: 'failed permanently', error: message });
        metrics?.observeWebhookJob(vendor, 'dead');
        logger.warn(
          { deliveryId, vendor, event: delivery.event, error: message },
          'webhook delivery cannot be processed',
        );
        return;
      }
      const isLast = attempt >= maxAttempts;
      await deliveries.fail(deliveryId, message, isLast).catch(() => undefined);
      metrics?.observeWebhookJob(vendor, isLast ? 'dead' : 'retry');
      logger.warn(
        { deliveryId, vendor, attempt, maxAttempts, error: message },
        isLast ? 'webhook delivery failed for the last time' : 'webhook delivery attempt failed; will retry',
      );
      throw error;
    }
  }

  private async act(
    intent: WebhookIntent,
    source: UsableSource,
    deliveryId: string,
    candidateId: string | null,
  ): Promise<Result> {
    switch (intent.kind) {
      case 'ignore':
        return { status: 'ignored', outcome: intent.reason };
      case 'screen':
        return this.screening.screen(
          source,
          deliveryId,
          intent.candidate,
          intent.applicant as Record<string, unknown>,
          intent.trigger,
        );
      case 'fetch_lever': {
        const opportunity = await fetchLeverOpportunity(this.deps.outbound, source, intent.opportunityId);
        return this.screening.screen(
          source,
          deliveryId,
          intent.candidate,
          mapLeverOpportunity(opportunity, source.settings) as Record<string, unknown>,
          intent.trigger,
        );
      }
      case 'fetch_smartrecruiters':
        return this.fetchSmartRecruiters(source, deliveryId, intent);
      case 'status':
        return this.candidateCases.changeStatus(source, intent.candidate, intent.change);
      case 'erase':
        return this.erasure.erase(
          source,
          deliveryId,
          intent.candidate ?? { candidateId: candidateId ?? '' },
          intent.reason,
          intent.withdraw,
        );
    }
  }

  /**
   * SmartRecruiters sends ids: a new application is screened with the candidate fetched from its API; a status change
   * reads the application's status there (hired: rescreen; rejected or withdrawn: the case is withdrawn; back in the
   * process: a withdrawn case reopens); a candidate update rescreens the candidate's cases.
   */
  private async fetchSmartRecruiters(
    source: UsableSource,
    deliveryId: string,
    intent: Extract<WebhookIntent, { kind: 'fetch_smartrecruiters' }>,
  ): Promise<Result> {
    const { outbound } = this.deps;
    const { candidateId } = intent.candidate;
    if (intent.trigger === 'status') {
      const application = await fetchSmartRecruitersApplication(outbound, source, candidateId, intent.jobId!);
      const change = smartRecruitersStatusChange(application);
      const status = typeof application.status === 'string' ? application.status.slice(0, 40) : 'none';
      if (change === 'none') return { status: 'ignored', outcome: `application status not acted on: ${status}` };
      if (change !== 'hired')
        return this.candidateCases.changeStatus(
          source,
          intent.candidate,
          change === 'rejected' ? 'rejected' : 'unrejected',
        );
    }
    // A status change that gets this far is a hire.
    const trigger = intent.trigger === 'status' ? 'hired' : intent.trigger;
    // Only cases this source created are screened again (screenOne refuses others'), so check before fetching the person.
    if (intent.jobId) await this.candidateCases.casesOf(source, intent.candidate);
    const candidate = await fetchSmartRecruitersCandidate(outbound, source, candidateId);
    const applicant = mapSmartRecruitersCandidate(candidate, intent.jobId, source.settings) as Record<string, unknown>;
    return this.screening.screen(source, deliveryId, intent.candidate, applicant, trigger);
  }

  /** The `ats_note` job: the case's latest result, written on the candidate in the ATS. Throws to be retried. */
  async writeNote(payload: unknown): Promise<void> {
    const { sourceId, caseId, atsId } = (payload ?? {}) as { sourceId?: string; caseId?: string; atsId?: string };
    if (!sourceId || !caseId || !atsId) return;
    const source = await this.deps.sources.usable(sourceId);
    const detail = await this.deps.cases.findDetail(caseId);
    if (!source || !detail || detail.personalDataErasedAt) return;
    const latest = detail.screenings[detail.screenings.length - 1];
    const text = composeNote(
      {
        caseId,
        band: detail.band,
        sanctionsStatus: detail.sanctionsStatus,
        score: detail.score,
        findings: latest?.findings ?? [],
      },
      this.deps.publicBaseUrl,
    );
    try {
      await writeAtsNote(this.deps.outbound, source, atsId, text, this.deps.metrics);
      this.deps.logger.info({ caseId, vendor: source.vendor }, 'result written back to the ATS');
    } catch (error) {
      // Refused for good (credentials, permissions, an unknown candidate): logged, not retried.
      if (error instanceof PermanentDeliveryError) {
        this.deps.logger.warn(
          { caseId, vendor: source.vendor, error: error.message },
          'could not write the result back to the ATS',
        );
        return;
      }
      throw error;
    }
  }
}
