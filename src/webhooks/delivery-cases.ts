// The cases a webhook event names: only those its source created (others' are refused whole), and the status changes
// an ATS may make to them (withdraw, reopen), audited as the source.
import type { CaseRepository } from '../cases/case-repository';
import { decisionStatuses, type CaseStatus } from '../cases/case-types';
import type { CandidateRef } from './adapters/types';
import type { DeliveryStore } from './delivery-store';
import type { UsableSource } from './webhook-sources';

export interface Result {
  status: 'processed' | 'ignored';
  outcome: string;
  caseId?: string | null;
}

export type CaseOfCandidate = { id: string; externalId: string | null; status: string; createdBy: string };

/**
 * A signed event that names a case this webhook source did not create (one made through the API, the form, the CLI or
 * another source): refused whole, before anything changes. One integration's secret must not reach other cases.
 */
export class RefusedDeliveryError extends Error {
  override name = 'RefusedDeliveryError';
}

const VENDOR_NAMES: Record<string, string> = {
  greenhouse: 'Greenhouse',
  lever: 'Lever',
  ashby: 'Ashby',
  smartrecruiters: 'SmartRecruiters',
  generic: 'the sender',
};

/** Who a webhook source's changes are by, in cases and the audit trail. */
export function webhookActor(source: UsableSource): string {
  return `webhook:${source.name}`;
}

export class CandidateCases {
  constructor(private readonly deps: { deliveries: DeliveryStore; cases: CaseRepository }) {}

  private actor(source: UsableSource): string {
    return webhookActor(source);
  }

  /**
   * The cases an event is about (a generic sender's own `source` names the cases' source), all created by this source:
   * an event naming an application whose case someone else created is refused (RefusedDeliveryError), whole.
   */
  async casesOf(source: UsableSource, candidate: CandidateRef): Promise<CaseOfCandidate[]> {
    const caseSource = candidate.source ?? source.vendor;
    const cases = await this.deps.deliveries.casesOfCandidate(
      source.id,
      this.actor(source),
      caseSource,
      candidate.candidateId,
      candidate.applicationIds,
    );
    this.refuseOthersCases(source, caseSource, cases);
    return cases;
  }

  /** Cases are owned by whoever created them (`created_by`); a webhook source's are those created as `webhook:<name>`. */
  refuseOthersCases(source: UsableSource, caseSource: string, cases: CaseOfCandidate[]): void {
    const others = cases.filter((existing) => existing.createdBy !== this.actor(source));
    if (others.length === 0) return;
    const named = others.map((existing) => `"${existing.externalId ?? existing.id}"`).join(', ');
    throw new RefusedDeliveryError(
      `the event names a case this webhook source did not create (source "${caseSource}", externalId ${named}): a webhook source may screen, withdraw or erase only the cases it created; nothing was changed`,
    );
  }

  /** Takes an undecided case out of the review queue (status withdrawn, audited); false when it stays as it is. */
  async withdraw(source: UsableSource, existing: CaseOfCandidate, reason: string): Promise<boolean> {
    const status = existing.status as CaseStatus;
    // A decision people made stays; so does a case already withdrawn.
    if (decisionStatuses.includes(status) || status === 'withdrawn') return false;
    await this.deps.cases.change(existing.id, { status: 'withdrawn', reason }, this.actor(source));
    return true;
  }

  async changeStatus(
    source: UsableSource,
    candidate: CandidateRef,
    change: 'rejected' | 'unrejected' | 'deleted' | 'archived',
  ): Promise<Result> {
    const cases = await this.casesOf(source, candidate);
    if (cases.length === 0) return { status: 'ignored', outcome: `${change} candidate without a case` };
    const reason = `${change} in ${VENDOR_NAMES[source.vendor]}`;
    let changed = 0;
    for (const existing of cases) {
      const status = existing.status as CaseStatus;
      // A decision people made stays; the ATS only closes or reopens cases nobody has decided.
      if (decisionStatuses.includes(status)) continue;
      const target: CaseStatus | null =
        change === 'unrejected'
          ? status === 'withdrawn'
            ? 'open'
            : null
          : status === 'withdrawn'
            ? null
            : 'withdrawn';
      if (!target) continue;
      await this.deps.cases.change(existing.id, { status: target, reason }, this.actor(source));
      changed += 1;
    }
    return {
      status: 'processed',
      outcome: `${reason}: ${changed} of ${cases.length} case(s) changed`,
      caseId: cases[cases.length - 1]!.id,
    };
  }
}
