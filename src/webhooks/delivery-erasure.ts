// Erasing a candidate's personal data when the ATS deletes or anonymises them; a Lever delete is first confirmed with
// Lever's API, since Lever signs only token + triggeredAt.
import type { CaseRepository } from '../cases/case-repository';
import type { Logger } from '../logger';
import type { OutboundClient } from '../outbound/outbound-client';
import type { CandidateRef } from './adapters/types';
import type { CandidateCases, CaseOfCandidate, Result } from './delivery-cases';
import { webhookActor } from './delivery-cases';
import type { DeliveryStore } from './delivery-store';
import { leverContactHasOpportunities, leverOpportunityPresence } from './lever-client';
import type { UsableSource } from './webhook-sources';

/** Erases one case's personal data (keeps decisions and the audit trail); false when there is no such case. */
export type CaseEraser = (caseId: string, actor: string, reason: string) => Promise<boolean>;

export class DeliveryErasure {
  constructor(
    private readonly deps: {
      deliveries: DeliveryStore;
      cases: CaseRepository;
      eraseCase: CaseEraser;
      logger: Logger;
      outbound: OutboundClient;
    },
    private readonly candidateCases: CandidateCases,
  ) {}

  private actor(source: UsableSource): string {
    return webhookActor(source);
  }

  /**
   * Erases the candidate's personal data (cases and stored bodies); `withdraw` (a deletion, not an anonymisation) also
   * takes their undecided cases out of the review queue, audited like any status change.
   */
  async erase(
    source: UsableSource,
    deliveryId: string,
    candidate: CandidateRef,
    reason: string,
    withdraw: boolean,
  ): Promise<Result> {
    const cases = candidate.candidateId ? await this.candidateCases.casesOf(source, candidate) : [];
    let confirmed = cases;
    let refused: CaseOfCandidate[] = [];
    let bodiesMayGo = Boolean(candidate.candidateId);
    if (source.vendor === 'lever' && candidate.candidateId) {
      ({ confirmed, refused, bodiesMayGo } = await this.confirmLeverDeletion(source, candidate.candidateId, cases));
    }
    let withdrawn = 0;
    for (const existing of confirmed) {
      if (withdraw && (await this.candidateCases.withdraw(source, existing, reason))) withdrawn += 1;
      await this.deps.eraseCase(existing.id, this.actor(source), reason);
    }
    const bodies = bodiesMayGo ? await this.deps.deliveries.eraseBodies(source.id, candidate.candidateId) : 0;
    const erased = `personal data erased: ${confirmed.length} case(s)${withdraw ? ` (${withdrawn} withdrawn)` : ''}, ${bodies} stored deliveries (${reason})`;
    if (refused.length === 0)
      return { status: 'processed', outcome: erased, caseId: cases[cases.length - 1]?.id ?? null };

    // Lever still has what the delete names: a forged or replayed delivery (Lever signs only token + triggeredAt, not
    // the data), or an event about something else. Nothing of it is erased; the case's audit trail says why.
    const kept = refused.map((existing) => existing.externalId).join(', ');
    const why = `A Lever candidateDeleted delivery (${deliveryId}) asked to erase this case, but Lever's API still has opportunity ${kept}: nothing was erased or withdrawn.`;
    for (const existing of refused) await this.deps.cases.addNote(existing.id, why, this.actor(source));
    this.deps.logger.warn(
      { deliveryId, vendor: source.vendor, opportunities: refused.map((existing) => existing.externalId) },
      'Lever deletion not confirmed by the Lever API: not erased',
    );
    const outcome = `not erased: Lever's API still has opportunity ${kept} (the delete is not confirmed)${confirmed.length > 0 || bodies > 0 ? `; ${erased}` : ''}`;
    return {
      status: confirmed.length > 0 || bodies > 0 ? 'processed' : 'ignored',
      outcome,
      caseId: refused[refused.length - 1]!.id,
    };
  }

  /**
   * Lever signs only token + triggeredAt, so a captured delivery's data could be rewritten into a delete of anyone.
   * Before erasing, each case's opportunity is looked up with the source's API key: only those Lever answers 404/410
   * for (deleted) or shows as anonymised are erased; one it still has is refused. The stored deliveries of the contact
   * go only when nothing was refused and Lever lists no opportunity of that contact any more. A case already erased
   * (no opportunity id left) is left as it is. Lever unreachable: the attempt fails and the queue retries.
   */
  private async confirmLeverDeletion(
    source: UsableSource,
    contactId: string,
    cases: CaseOfCandidate[],
  ): Promise<{ confirmed: CaseOfCandidate[]; refused: CaseOfCandidate[]; bodiesMayGo: boolean }> {
    const confirmed: CaseOfCandidate[] = [];
    const refused: CaseOfCandidate[] = [];
    for (const existing of cases) {
      if (!existing.externalId) continue;
      const presence = await leverOpportunityPresence(this.deps.outbound, source, existing.externalId);
      (presence === 'present' ? refused : confirmed).push(existing);
    }
    const bodiesMayGo =
      refused.length === 0 && !(await leverContactHasOpportunities(this.deps.outbound, source, contactId));
    return { confirmed, refused, bodiesMayGo };
  }
}
