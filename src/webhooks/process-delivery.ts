// The webhook job: one stored delivery -> the vendor adapter's intent -> screening, case status or erasure.
import type { Applicant } from '../applicants/applicant-schema';
import { parseApplicant } from '../applicants/parse-applicant';
import type { CaseRepository } from '../cases/case-repository';
import { decisionStatuses, type CaseStatus } from '../cases/case-types';
import { AppError } from '../errors';
import { jsonNestingDepth, MAX_JSON_DEPTH } from '../http/json-depth';
import type { Logger } from '../logger';
import type { AppMetrics } from '../metrics/metrics';
import type { OutboundClient } from '../outbound/outbound-client';
import type { ScreeningService } from '../screening/screen-applicant';
import { mapDelivery, mapLeverOpportunity } from './adapters';
import { UnmappableDeliveryError, type CandidateRef, type WebhookIntent } from './adapters/types';
import { ATS_NOTE_TASK } from '../queue/task-names';
import { composeNote, writeAtsNote } from './ats-notes';
import type { DeliveryStore } from './delivery-store';
import { fetchLeverOpportunity, leverContactHasOpportunities, leverOpportunityPresence, PermanentDeliveryError } from './lever-client';
import type { UsableSource, WebhookSourceService } from './webhook-sources';

/** Erases one case's personal data (keeps decisions and the audit trail); false when there is no such case. */
export type CaseEraser = (caseId: string, actor: string, reason: string) => Promise<boolean>;

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

interface Result {
  status: 'processed' | 'ignored';
  outcome: string;
  caseId?: string | null;
}

type CaseOfCandidate = { id: string; externalId: string | null; status: string; createdBy: string };

/**
 * A signed event that names a case this webhook source did not create (one made through the API, the form, the CLI or
 * another source): refused whole, before anything changes. One integration's secret must not reach other cases.
 */
export class RefusedDeliveryError extends Error {
  override name = 'RefusedDeliveryError';
}

const EARLIER_PENDING_DELAY_SECONDS = 2;

const VENDOR_NAMES: Record<string, string> = { greenhouse: 'Greenhouse', lever: 'Lever', ashby: 'Ashby', generic: 'the sender' };

function isPermanent(error: unknown): boolean {
  return error instanceof UnmappableDeliveryError || error instanceof PermanentDeliveryError || (error instanceof AppError && error.httpStatus >= 400 && error.httpStatus < 500);
}

function describe(error: unknown): string {
  if (error instanceof AppError && error.details?.fields?.length) {
    return `${error.message}: ${error.details.fields.map((field) => `${field.path} ${field.message}`).join('; ')}`;
  }
  return error instanceof Error ? error.message : String(error);
}

export class DeliveryProcessor {
  constructor(private readonly deps: DeliveryProcessorDeps) {}

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
      if (jsonNestingDepth(delivery.body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw new PermanentDeliveryError(`the body is nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`);
      try {
        body = JSON.parse(delivery.body.toString('utf8'));
      } catch {
        throw new PermanentDeliveryError('the body is not JSON');
      }
      const result = await this.act(mapDelivery(source.vendor, body, source.settings), source, deliveryId, delivery.candidateId);
      await deliveries.finish(deliveryId, result);
      metrics?.observeWebhookJob(vendor, result.status);
      logger.info({ deliveryId, vendor, event: delivery.event, outcome: result.outcome }, 'webhook delivery processed');
    } catch (error) {
      const message = describe(error);
      if (error instanceof RefusedDeliveryError) {
        await deliveries.finish(deliveryId, { status: 'dead', outcome: 'refused: names a case this source did not create', error: message });
        metrics?.observeWebhookJob(vendor, 'dead');
        logger.warn({ deliveryId, vendor, event: delivery.event, error: message }, 'webhook delivery refused: it names a case its source did not create');
        return;
      }
      if (isPermanent(error)) {
        await deliveries.finish(deliveryId, { status: 'dead', outcome: 'failed permanently', error: message });
        metrics?.observeWebhookJob(vendor, 'dead');
        logger.warn({ deliveryId, vendor, event: delivery.event, error: message }, 'webhook delivery cannot be processed');
        return;
      }
      const isLast = attempt >= maxAttempts;
      await deliveries.fail(deliveryId, message, isLast).catch(() => undefined);
      metrics?.observeWebhookJob(vendor, isLast ? 'dead' : 'retry');
      logger.warn({ deliveryId, vendor, attempt, maxAttempts, error: message }, isLast ? 'webhook delivery failed for the last time' : 'webhook delivery attempt failed; will retry');
      throw error;
    }
  }

  private async act(intent: WebhookIntent, source: UsableSource, deliveryId: string, candidateId: string | null): Promise<Result> {
    switch (intent.kind) {
      case 'ignore':
        return { status: 'ignored', outcome: intent.reason };
      case 'screen':
        return this.screen(source, deliveryId, intent.candidate, intent.applicant as Record<string, unknown>, intent.trigger);
      case 'fetch_lever': {
        const opportunity = await fetchLeverOpportunity(this.deps.outbound, source.apiKey, source.apiBaseUrl, intent.opportunityId);
        return this.screen(source, deliveryId, intent.candidate, mapLeverOpportunity(opportunity, source.settings) as Record<string, unknown>, intent.trigger);
      }
      case 'status':
        return this.changeStatus(source, intent.candidate, intent.change);
      case 'erase':
        return this.erase(source, deliveryId, intent.candidate ?? { candidateId: candidateId ?? '' }, intent.reason, intent.withdraw);
    }
  }

  private actor(source: UsableSource): string {
    return `webhook:${source.name}`;
  }

  /**
   * The cases an event is about (a generic sender's own `source` names the cases' source), all created by this source:
   * an event naming an application whose case someone else created is refused (RefusedDeliveryError), whole.
   */
  private async casesOf(source: UsableSource, candidate: CandidateRef): Promise<CaseOfCandidate[]> {
    const caseSource = candidate.source ?? source.vendor;
    const cases = await this.deps.deliveries.casesOfCandidate(source.id, this.actor(source), caseSource, candidate.candidateId, candidate.applicationIds);
    this.refuseOthersCases(source, caseSource, cases);
    return cases;
  }

  /** Cases are owned by whoever created them (`created_by`); a webhook source's are those created as `webhook:<name>`. */
  private refuseOthersCases(source: UsableSource, caseSource: string, cases: CaseOfCandidate[]): void {
    const others = cases.filter((existing) => existing.createdBy !== this.actor(source));
    if (others.length === 0) return;
    const named = others.map((existing) => `"${existing.externalId ?? existing.id}"`).join(', ');
    throw new RefusedDeliveryError(
      `the event names a case this webhook source did not create (source "${caseSource}", externalId ${named}): a webhook source may screen, withdraw or erase only the cases it created; nothing was changed`,
    );
  }

  /** Takes an undecided case out of the review queue (status withdrawn, audited); false when it stays as it is. */
  private async withdraw(source: UsableSource, existing: CaseOfCandidate, reason: string): Promise<boolean> {
    const status = existing.status as CaseStatus;
    // A decision people made stays; so does a case already withdrawn.
    if (decisionStatuses.includes(status) || status === 'withdrawn') return false;
    await this.deps.cases.change(existing.id, { status: 'withdrawn', reason }, this.actor(source));
    return true;
  }

  private async screenOne(source: UsableSource, deliveryId: string, input: Record<string, unknown>): Promise<{ caseId: string; band: string; score: number; isNew: boolean }> {
    const applicant: Applicant = parseApplicant({ source: source.vendor, ...input });
    if (applicant.externalId) {
      const existing = await this.deps.deliveries.casesOfCandidate(source.id, this.actor(source), applicant.source, applicant.externalId, [applicant.externalId]);
      this.refuseOthersCases(source, applicant.source, existing);
    }
    const outcome = await this.screenOwn(source, applicant, deliveryId);
    return { caseId: outcome.body.caseId, band: outcome.body.band, score: outcome.body.score, isNew: outcome.status === 201 };
  }

  /** Screens into a new case or one this source created; the write itself refuses another's case (a race past the check above). */
  private async screenOwn(source: UsableSource, applicant: Applicant, deliveryId: string) {
    try {
      return await this.screenWith(source, applicant, deliveryId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') {
        throw new RefusedDeliveryError(`the event names a case this webhook source did not create (source "${applicant.source}", externalId "${String(applicant.externalId)}"); nothing was changed`);
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
      idempotency: { apiKeyId: source.id, key: `webhook:${deliveryId}:${String(applicant.externalId ?? '')}`, requestHash: 'webhook-delivery' },
    });
  }

  /** With write-back on, a note job for the screened case (Greenhouse: on the candidate; Lever: on the opportunity). */
  private async queueNote(source: UsableSource, deliveryId: string, caseId: string, atsId: string): Promise<void> {
    if (!source.settings.writeBack || (source.vendor !== 'greenhouse' && source.vendor !== 'lever')) return;
    await this.deps.deliveries.queueJob(ATS_NOTE_TASK, { sourceId: source.id, caseId, atsId }, `note:${deliveryId}:${caseId}`);
  }

  private async screen(source: UsableSource, deliveryId: string, candidate: CandidateRef, input: Record<string, unknown>, trigger: string): Promise<Result> {
    const when = trigger === 'hired' ? ' on hire' : '';
    // Greenhouse notes go on the candidate (person); Lever's on the opportunity, which is the case's external id.
    const atsIdOf = (externalId: string) => (source.vendor === 'lever' ? externalId : candidate.candidateId);
    if (input.externalId) {
      const result = await this.screenOne(source, deliveryId, input);
      await this.queueNote(source, deliveryId, result.caseId, atsIdOf(String(input.externalId)));
      return { status: 'processed', outcome: `screened${when}: ${result.band} (${result.score})`, caseId: result.caseId };
    }
    // A candidate-level update (no application named) rescreens each case the candidate already has.
    const cases = await this.casesOf(source, candidate);
    if (cases.length === 0) return { status: 'ignored', outcome: 'candidate update without any case to rescreen' };
    const results = [];
    for (const existing of cases) {
      if (!existing.externalId) continue;
      const result = await this.screenOne(source, deliveryId, { ...input, externalId: existing.externalId });
      await this.queueNote(source, deliveryId, result.caseId, atsIdOf(existing.externalId));
      results.push(result);
    }
    const last = results[results.length - 1];
    return { status: 'processed', outcome: `rescreened ${results.length} case(s)${when}`, caseId: last?.caseId ?? null };
  }

  private async changeStatus(source: UsableSource, candidate: CandidateRef, change: 'rejected' | 'unrejected' | 'deleted' | 'archived'): Promise<Result> {
    const cases = await this.casesOf(source, candidate);
    if (cases.length === 0) return { status: 'ignored', outcome: `${change} candidate without a case` };
    const reason = `${change} in ${VENDOR_NAMES[source.vendor]}`;
    let changed = 0;
    for (const existing of cases) {
      const status = existing.status as CaseStatus;
      // A decision people made stays; the ATS only closes or reopens cases nobody has decided.
      if (decisionStatuses.includes(status)) continue;
      const target: CaseStatus | null = change === 'unrejected' ? (status === 'withdrawn' ? 'open' : null) : status === 'withdrawn' ? null : 'withdrawn';
      if (!target) continue;
      await this.deps.cases.change(existing.id, { status: target, reason }, this.actor(source));
      changed += 1;
    }
    return { status: 'processed', outcome: `${reason}: ${changed} of ${cases.length} case(s) changed`, caseId: cases[cases.length - 1]!.id };
  }

  /**
   * Erases the candidate's personal data (cases and stored bodies); `withdraw` (a deletion, not an anonymisation) also
   * takes their undecided cases out of the review queue, audited like any status change.
   */
  private async erase(source: UsableSource, deliveryId: string, candidate: CandidateRef, reason: string, withdraw: boolean): Promise<Result> {
    const cases = candidate.candidateId ? await this.casesOf(source, candidate) : [];
    let confirmed = cases;
    let refused: CaseOfCandidate[] = [];
    let bodiesMayGo = Boolean(candidate.candidateId);
    if (source.vendor === 'lever' && candidate.candidateId) {
      ({ confirmed, refused, bodiesMayGo } = await this.confirmLeverDeletion(source, candidate.candidateId, cases));
    }
    let withdrawn = 0;
    for (const existing of confirmed) {
      if (withdraw && (await this.withdraw(source, existing, reason))) withdrawn += 1;
      await this.deps.eraseCase(existing.id, this.actor(source), reason);
    }
    const bodies = bodiesMayGo ? await this.deps.deliveries.eraseBodies(source.id, candidate.candidateId) : 0;
    const erased = `personal data erased: ${confirmed.length} case(s)${withdraw ? ` (${withdrawn} withdrawn)` : ''}, ${bodies} stored deliveries (${reason})`;
    if (refused.length === 0) return { status: 'processed', outcome: erased, caseId: cases[cases.length - 1]?.id ?? null };

    // Lever still has what the delete names: a forged or replayed delivery (Lever signs only token + triggeredAt, not
    // the data), or an event about something else. Nothing of it is erased; the case's audit trail says why.
    const kept = refused.map((existing) => existing.externalId).join(', ');
    const why = `A Lever candidateDeleted delivery (${deliveryId}) asked to erase this case, but Lever's API still has opportunity ${kept}: nothing was erased or withdrawn.`;
    for (const existing of refused) await this.deps.cases.addNote(existing.id, why, this.actor(source));
    this.deps.logger.warn({ deliveryId, vendor: source.vendor, opportunities: refused.map((existing) => existing.externalId) }, 'Lever deletion not confirmed by the Lever API: not erased');
    const outcome = `not erased: Lever's API still has opportunity ${kept} (the delete is not confirmed)${confirmed.length > 0 || bodies > 0 ? `; ${erased}` : ''}`;
    return { status: confirmed.length > 0 || bodies > 0 ? 'processed' : 'ignored', outcome, caseId: refused[refused.length - 1]!.id };
  }

  /**
   * Lever signs only token + triggeredAt, so a captured delivery's data could be rewritten into a delete of anyone.
   * Before erasing, each case's opportunity is looked up with the source's API key: only those Lever answers 404/410
   * for (deleted) or shows as anonymised are erased; one it still has is refused. The stored deliveries of the contact
   * go only when nothing was refused and Lever lists no opportunity of that contact any more. A case already erased
   * (no opportunity id left) is left as it is. Lever unreachable: the attempt fails and the queue retries.
   */
  private async confirmLeverDeletion(source: UsableSource, contactId: string, cases: CaseOfCandidate[]): Promise<{ confirmed: CaseOfCandidate[]; refused: CaseOfCandidate[]; bodiesMayGo: boolean }> {
    const confirmed: CaseOfCandidate[] = [];
    const refused: CaseOfCandidate[] = [];
    for (const existing of cases) {
      if (!existing.externalId) continue;
      const presence = await leverOpportunityPresence(this.deps.outbound, source.apiKey, source.apiBaseUrl, existing.externalId);
      (presence === 'present' ? refused : confirmed).push(existing);
    }
    const bodiesMayGo = refused.length === 0 && !(await leverContactHasOpportunities(this.deps.outbound, source.apiKey, source.apiBaseUrl, contactId));
    return { confirmed, refused, bodiesMayGo };
  }

  /** The `ats_note` job: the case's latest result, written on the candidate in the ATS. Throws to be retried. */
  async writeNote(payload: unknown): Promise<void> {
    const { sourceId, caseId, atsId } = (payload ?? {}) as { sourceId?: string; caseId?: string; atsId?: string };
    if (!sourceId || !caseId || !atsId) return;
    const source = await this.deps.sources.usable(sourceId);
    const detail = await this.deps.cases.findDetail(caseId);
    if (!source || !detail || detail.personalDataErasedAt) return;
    const latest = detail.screenings[detail.screenings.length - 1];
    const text = composeNote({ caseId, band: detail.band, sanctionsStatus: detail.sanctionsStatus, score: detail.score, findings: latest?.findings ?? [] }, this.deps.publicBaseUrl);
    try {
      await writeAtsNote(this.deps.outbound, source, atsId, text, this.deps.metrics);
      this.deps.logger.info({ caseId, vendor: source.vendor }, 'result written back to the ATS');
    } catch (error) {
      // Refused for good (credentials, permissions, an unknown candidate): logged, not retried.
      if (error instanceof PermanentDeliveryError) {
        this.deps.logger.warn({ caseId, vendor: source.vendor, error: error.message }, 'could not write the result back to the ATS');
        return;
      }
      throw error;
    }
  }
}
