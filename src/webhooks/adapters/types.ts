// What a vendor adapter makes of one verified delivery: the only shape the webhook worker acts on.
import type { ApplicantInput } from '../../applicants/applicant-schema';

export const vendors = ['greenhouse', 'lever', 'ashby', 'smartrecruiters', 'generic'] as const;
export type Vendor = (typeof vendors)[number];

/** Per-source settings an adapter reads (stored with the webhook source; secrets are not in here). */
export interface AdapterSettings {
  /** ATS custom field key -> applicant contract target (see FIELD_TARGETS in field-map.ts). */
  fieldMap?: Record<string, string>;
}

/** What the delivery says outside its body (SmartRecruiters names its event in a signed header). */
export interface DeliveryContext {
  /** The event name recorded at intake. */
  event?: string;
}

/**
 * The candidate an event is about, as the ATS names it: lifecycle events find earlier cases through it.
 *
 * Cases are keyed by (source, externalId). `applicationIds` are exactly the externalIds of the cases the event is
 * about (Greenhouse application ids, Ashby application ids, Lever opportunity ids, SmartRecruiters
 * `<candidateId>:<jobId>`, generic externalIds). When an event names no application (Greenhouse `update_candidate`,
 * `candidate_anonymized`, Ashby `candidateDelete`, Lever `candidateDeleted` without an opportunity, SmartRecruiters
 * `candidate.updated` / `candidate.deleted`), `applicationIds` is absent and the event applies to every case
 * of that source whose candidate is `candidateId`.
 */
export interface CandidateRef {
  /** The ATS's candidate (person) id, as text. */
  candidateId: string;
  /** Application / opportunity ids the event names, when it names them (= case externalIds). */
  applicationIds?: string[];
  /**
   * The case source, only when it is not the vendor's own name: a generic delivery may name its own `source`
   * (e.g. "workday"), and its lifecycle events must find the cases under that source.
   */
  source?: string;
}

/** A value an adapter left out because the applicant contract would refuse it: the field and why, never the value. */
export interface SkippedField {
  /** Contract path, e.g. "person.phone". */
  field: string;
  /** The contract's message, e.g. "is not a phone number that can be dialled; …". */
  reason: string;
}

export type WebhookIntent =
  /**
   * Screen (or rescreen) this applicant; `applicant` is raw contract input, validated by the worker.
   * `applicant.externalId` is the case key. It is undefined for a candidate-level update that names no application
   * (Greenhouse `update_candidate`): the worker then applies the applicant to each existing case of that source whose
   * candidate is `candidate.candidateId`, with that case's externalId, and does nothing when there is none (a
   * candidate without an application has not applied for anything yet; their first application brings the data).
   * `skipped` lists ATS values left out because the contract would refuse them (ATS adapters only; the generic
   * adapter passes its body through so that the worker's validation names the sender's mistakes).
   */
  | {
      kind: 'screen';
      candidate: CandidateRef;
      applicant: ApplicantInput;
      trigger: 'application' | 'update' | 'hired';
      skipped?: SkippedField[];
    }
  /** Lever sends ids only: the worker fetches the opportunity from Lever's API, then maps it with `mapLeverOpportunity`. */
  | { kind: 'fetch_lever'; candidate: CandidateRef; opportunityId: string; trigger: 'application' | 'update' | 'hired' }
  /**
   * SmartRecruiters sends ids only: the worker fetches the candidate (and, for a status change, the application's
   * status) from SmartRecruiters' API. `jobId` absent: a candidate-level update, applied to the candidate's cases.
   */
  | {
      kind: 'fetch_smartrecruiters';
      candidate: CandidateRef;
      jobId?: string;
      trigger: 'application' | 'update' | 'status';
    }
  /** The candidate left the process in the ATS: the case's status follows. */
  | { kind: 'status'; candidate: CandidateRef; change: 'rejected' | 'unrejected' | 'deleted' | 'archived' }
  /**
   * Erase the personal data kept for this candidate (the audit trail of decisions stays). `withdraw`: the candidate
   * was deleted in the ATS (not only anonymised), so their cases leave the review queue too (status `withdrawn`, unless
   * people already decided them).
   */
  | { kind: 'erase'; candidate: CandidateRef; reason: string; withdraw: boolean }
  /** Nothing to do (ping, an event we do not act on); the delivery is kept as `ignored` with the reason. */
  | { kind: 'ignore'; reason: string };

/** Thrown by an adapter for a body that cannot be understood: the delivery fails permanently (no retry helps). */
export class UnmappableDeliveryError extends Error {
  override name = 'UnmappableDeliveryError';
}
