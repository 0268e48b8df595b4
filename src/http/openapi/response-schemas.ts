// Zod schemas of the API's answers, for the OpenAPI document only. The TypeScript types (case-types.ts, scoring/types.ts,
// …) stay the source of truth for the code: the type checks at the bottom fail to compile when a schema and its type
// drift apart, and test/integration/openapi.test.ts validates real answers against the generated document.
import { z } from 'zod';
import { webhookDeliveryPageSchema, webhookDeliverySchema, webhookReceiptSchema } from './webhook-schemas';
import { notificationDeliveryPageSchema, notificationDeliverySchema } from './notification-schemas';
import { knownAddressAddedSchema, knownAddressListSchema, knownAddressRecordSchema } from './known-address-schemas';
import type { knownAddressView } from '../routes/known-addresses';
import {
  caseStatuses,
  type CaseDetail,
  type CaseEventRecord,
  type CaseListPage,
  type CaseSummary,
  type PendingApproval,
  type ScreeningRecord,
} from '../../cases/case-types';
import type { ApprovalResult } from '../../cases/decide-case';
import type { SanctionsReport } from '../../cases/sanctions-report';
import type { ErrorCode, FieldProblem } from '../../errors';
import type { CaseLinks, Cluster } from '../../links/link-views';
import type { SanctionsListHealth } from '../../sanctions/active-list';
import { bands, families, sanctionsStatuses, severities, type Finding } from '../../scoring/types';
import type { ScreeningAnswer } from '../../screening/screen-applicant';
import type { MarkOutcome } from '../../cases/finding-dispositions';

const uuid = z.uuid();
const timestamp = z.iso.datetime().describe('ISO 8601 in UTC with milliseconds, e.g. 2026-11-23T07:25:21.863Z');
const band = z.enum(bands);
const sanctionsStatus = z
  .enum(sanctionsStatuses)
  .describe(
    'the sanctions check beside the band: clear; potential_match (a name hit that nothing confirms or contradicts yet: no points, collect the date of birth and screen again); confirmed_match (an identifier agrees: the band is critical); cleared_by_comparison (an identifier contradicts the listed one, or a reviewer cleared it)',
  );
const caseStatus = z.enum(caseStatuses);

export const findingSchema = z
  .strictObject({
    indicator: z.string().describe('indicator id, e.g. addr_ship_not_id_address (docs/indicators.md)'),
    family: z.enum(families).describe('the group whose points are capped together'),
    severity: z.enum(severities),
    points: z.number().int().describe('what this finding adds, before the family cap'),
    message: z.string().describe('one sentence for the reviewer'),
    evidence: z
      .record(z.string(), z.unknown())
      .describe('the facts behind the finding; the shape depends on the indicator'),
    source: z.string().describe('the public guidance the indicator is based on'),
    recommendedAction: z.string().describe('what the reviewer should do next'),
  })
  .meta({ id: 'Finding' });

export const screeningAnswerSchema = z
  .strictObject({
    caseId: uuid,
    screeningId: uuid,
    score: z.number().int().min(0).max(100),
    band,
    sanctionsStatus,
    ruleSetVersion: z.string().describe('the rules that produced the score, e.g. 2026.12.1'),
    findings: z.array(findingSchema).describe('one per indicator that fired, highest points first'),
  })
  .meta({ id: 'ScreeningAnswer' });

const caseSummaryShape = {
  id: uuid,
  source: z.string(),
  externalId: z.string().nullable(),
  subjectName: z.string(),
  score: z.number().int().min(0).max(100),
  band,
  sanctionsStatus,
  ruleSetVersion: z.string(),
  status: caseStatus,
  assignee: z.string().nullable(),
  createdBy: z.string().describe('apikey:<key id> or cli:<user>'),
  createdAt: timestamp,
  updatedAt: timestamp,
  personalDataErasedAt: timestamp
    .nullable()
    .describe(
      'when the applicant\'s personal data was erased (retention purge, ATS anonymisation): subjectName is then "[erased]", snapshots and evidence are gone; null while kept',
    ),
};

export const caseSummarySchema = z.strictObject(caseSummaryShape).meta({ id: 'CaseSummary' });

export const screeningRecordSchema = z
  .strictObject({
    id: uuid,
    score: z.number().int().min(0).max(100),
    band,
    sanctionsStatus,
    ruleSetVersion: z.string(),
    findings: z.array(findingSchema),
    inputSnapshot: z.record(z.string(), z.unknown()).describe('the minimised input kept with the screening'),
    requestedBy: z.string().describe('apikey:<key id>, cli:<user>, system:links or system:sanctions'),
    createdAt: timestamp,
  })
  .meta({ id: 'ScreeningRecord' });

export const caseEventSchema = z
  .strictObject({
    id: z.string().regex(/^\d+$/).describe('a decimal string from a counter shared by all cases'),
    actor: z.string(),
    action: z
      .string()
      .describe(
        'case.created, case.rescreened, case.linked, case.status_changed, case.decided, case.assigned, case.note_added, case.sanctions_rescreened, case.sensitive_revealed, …',
      ),
    data: z.record(z.string(), z.unknown()),
    createdAt: timestamp,
  })
  .meta({ id: 'CaseEvent' });

export const pendingApprovalSchema = z
  .strictObject({
    id: uuid,
    caseId: uuid,
    kind: z
      .enum(['clear_case', 'false_positive'])
      .describe('clearing a critical case, or marking a sanctions hit false positive'),
    request: z
      .record(z.string(), z.unknown())
      .describe('clear_case: { status, reason }; false_positive: { indicator, disposition, reason, subject? }'),
    requestedBy: z.string(),
    requestedAt: timestamp,
    decidedBy: z.string().nullable(),
    decidedAt: timestamp.nullable(),
    outcome: z.enum(['approved', 'rejected']).nullable().describe('null while awaiting the second review'),
    decisionReason: z.string().nullable(),
  })
  .meta({ id: 'PendingApproval' });

export const approvalHeldSchema = z
  .strictObject({ awaitingSecondReview: z.literal(true), approval: pendingApprovalSchema })
  .meta({ id: 'ApprovalHeld' });

export const caseDetailSchema = z
  .strictObject({
    ...caseSummaryShape,
    awaitingSecondReview: z
      .boolean()
      .describe(
        'a clearing or a sanctions false positive waits for a second reviewer; nothing it asks for has changed the case yet',
      ),
    pendingApprovals: z.array(pendingApprovalSchema).describe('the requests awaiting a second review, oldest first'),
    screenings: z.array(screeningRecordSchema).describe('newest first'),
    events: z.array(caseEventSchema).describe('the audit trail, oldest first'),
    sharedValues: z
      .array(z.strictObject({ kind: z.string(), valueId: z.string(), otherCases: z.number().int() }))
      .describe(
        'the values this case shares with other cases, counted live when the case is shown (reviewers list the cases with GET /api/v1/cases/{id}/links)',
      ),
  })
  .meta({ id: 'CaseDetail' });

export const caseListPageSchema = z
  .strictObject({
    items: z.array(caseSummarySchema),
    nextCursor: z
      .string()
      .nullable()
      .describe('null on the last page; send it back as ?cursor= with the same filters and sort'),
  })
  .meta({ id: 'CaseListPage' });

export const caseLinksSchema = z
  .strictObject({
    caseId: uuid,
    links: z.array(
      z.strictObject({
        kind: z
          .string()
          .describe(
            'email, phone, shipping_address, residential_address, payout_account, wallet, ip, device or resume',
          ),
        valueId: z
          .string()
          .describe(
            'which shared value (the first 12 hex digits of its keyed hash; "resume" for near-identical resumes): one group per value',
          ),
        total: z.number().int().describe('every other case holding the value, read live'),
        cases: z
          .array(
            z.strictObject({
              id: uuid,
              subjectName: z.string(),
              band: z.string(),
              score: z.number().int(),
              status: z.string(),
            }),
          )
          .describe('one page of them, in id order'),
        nextAfter: uuid.nullable().describe('send as ?after= for the next page; null on the last'),
      }),
    ),
  })
  .meta({ id: 'CaseLinks' });

export const clusterSchema = z
  .strictObject({
    size: z.number().int().min(1),
    caseIds: z.array(uuid),
    kinds: z.array(z.string()).describe('identifier kinds shared within the cluster'),
    bands: z.record(z.string(), z.number().int()).describe('number of cases per band'),
    maxScore: z.number().int(),
  })
  .meta({ id: 'Cluster' });

export const clusterListSchema = z
  .strictObject({ items: z.array(clusterSchema).describe('largest first') })
  .meta({ id: 'ClusterList' });

const nullableString = z.string().nullable();

const listedEntrySchema = z.strictObject({
  type: z.enum(['individual', 'entity', 'vessel', 'aircraft']).nullable(),
  aliases: z.array(z.strictObject({ name: z.string(), isWeak: z.boolean(), kind: z.enum(['aka', 'fka', 'nka']) })),
  addresses: z.array(
    z.strictObject({ address: nullableString, city: nullableString, country: nullableString, remarks: nullableString }),
  ),
  datesOfBirth: z.array(z.string()),
  nationalities: z.array(z.string()),
  identifiers: z.array(
    z.strictObject({
      kind: z.string(),
      value: z.string(),
      country: nullableString,
      issued: nullableString,
      expires: nullableString,
    }),
  ),
  digitalCurrencyAddresses: z.array(z.strictObject({ chain: z.string(), address: z.string() })),
  linkedTo: z.array(z.string()),
  remarks: nullableString,
});

export const sanctionsReportSchema = z
  .strictObject({
    title: z.string(),
    generatedAt: timestamp,
    case: z.strictObject({
      id: uuid,
      source: z.string(),
      externalId: nullableString,
      subjectName: z.string(),
      status: z.string(),
      createdAt: timestamp,
    }),
    decision: z.strictObject({ actor: z.string(), at: timestamp, reason: z.unknown() }).nullable(),
    matches: z.array(
      z.strictObject({
        uid: z.string(),
        list: z.string(),
        programs: z.array(z.string()),
        entryName: z.string(),
        matchedName: z.string(),
        field: nullableString,
        score: z.number(),
        strength: z.string(),
        listed: listedEntrySchema.nullable(),
      }),
    ),
    parties: z.record(z.string(), z.unknown()),
    amounts: z.record(z.string(), z.unknown()),
    sanctionsListVersion: z.unknown(),
    obligations: z.array(z.string()),
  })
  .meta({ id: 'SanctionsReport' });

const sanctionsHealthShape = {
  list: z.enum(['full', 'built-in']),
  versionId: nullableString,
  importedAt: timestamp.nullable(),
  entries: z.number().int().min(0),
};

export const readinessSchema = z
  .strictObject({
    status: z.enum(['ready', 'not_ready']),
    database: z.enum(['ok', 'unreachable']),
    pendingMigrations: z.array(z.string()),
    sanctions: z.strictObject({ ...sanctionsHealthShape, note: z.string().optional() }).optional(),
  })
  .meta({ id: 'Readiness' });

export const livenessSchema = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Liveness' });

export const errorCodes = [
  'validation_failed',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'unauthorized',
  'forbidden',
  'not_found',
  'idempotency_conflict',
  'conflict',
  'rate_limited',
  'database_unavailable',
  'internal',
] as const satisfies readonly ErrorCode[];

const fieldProblemSchema = z.strictObject({
  path: z.string().describe('dot-separated location: sessions.0.ip, query.limit, header:Idempotency-Key, (body)'),
  message: z.string(),
});

export const errorBodySchema = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(errorCodes),
      message: z.string(),
      requestId: z.string(),
      fields: z
        .array(fieldProblemSchema)
        .optional()
        .describe("only with validation_failed (and a recruiter's externalId conflict)"),
    }),
  })
  .meta({ id: 'Error' });

export const findingMarkedSchema = z
  .strictObject({
    caseId: uuid,
    indicator: z.string(),
    disposition: z.enum(['false_positive', 'confirmed', 'cleared_by_check', 'confirmed_by_check']),
    subjects: z
      .array(z.string().nullable())
      .describe("the hits judged: listed entries' uids, other cases' ids; [null] for a finding judged as a whole"),
    reason: z.string(),
    actor: z.string(),
    createdAt: timestamp,
    before: z.strictObject({ score: z.number().int(), band: z.string() }),
    after: z
      .strictObject({ score: z.number().int(), band: band, screeningId: uuid })
      .describe('the case rescored at once (a screening requested by system:disposition)'),
  })
  .meta({ id: 'FindingMarked' });

export const approvalDecisionSchema = z
  .strictObject({
    approval: pendingApprovalSchema,
    applied: z
      .union([z.strictObject({ status: z.enum(caseStatuses) }), z.strictObject({ outcome: findingMarkedSchema })])
      .nullable()
      .describe(
        "approved: the change applied now (the case's new status, or the judgement and its rescoring); rejected: null",
      ),
  })
  .meta({ id: 'ApprovalDecision' });

export const caseRevealSchema = z
  .strictObject({
    caseId: uuid,
    values: z
      .record(z.string(), z.unknown())
      .describe(
        "each requested field, unmasked, from the applicant as last submitted (null when not given); findings.evidence: the latest screening's findings",
      ),
    event: caseEventSchema.describe('the case.sensitive_revealed audit event written for this reveal'),
  })
  .meta({ id: 'CaseReveal' });

/** Every schema that becomes a named component. */
export const responseSchemas = [
  findingSchema,
  screeningAnswerSchema,
  caseSummarySchema,
  screeningRecordSchema,
  caseEventSchema,
  caseDetailSchema,
  caseRevealSchema,
  caseListPageSchema,
  caseLinksSchema,
  clusterSchema,
  clusterListSchema,
  sanctionsReportSchema,
  readinessSchema,
  livenessSchema,
  errorBodySchema,
  webhookReceiptSchema,
  webhookDeliverySchema,
  webhookDeliveryPageSchema,
  notificationDeliverySchema,
  notificationDeliveryPageSchema,
  findingMarkedSchema,
  pendingApprovalSchema,
  approvalHeldSchema,
  approvalDecisionSchema,
  knownAddressRecordSchema,
  knownAddressListSchema,
  knownAddressAddedSchema,
];

// Compile-time honesty: each schema's output type is exactly the TypeScript type the code answers with.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Readiness = {
  status: 'ready' | 'not_ready';
  database: 'ok' | 'unreachable';
  pendingMigrations: string[];
  sanctions?: SanctionsListHealth & { note?: string };
};
type ErrorBody = { error: { code: ErrorCode; message: string; requestId: string; fields?: FieldProblem[] } };
const typeChecks: [
  Same<z.output<typeof findingSchema>, Finding>,
  Same<z.output<typeof screeningAnswerSchema>, ScreeningAnswer>,
  Same<z.output<typeof caseSummarySchema>, CaseSummary>,
  Same<z.output<typeof screeningRecordSchema>, ScreeningRecord>,
  Same<z.output<typeof caseEventSchema>, CaseEventRecord>,
  Same<z.output<typeof caseDetailSchema>, CaseDetail>,
  Same<z.output<typeof caseListPageSchema>, CaseListPage>,
  Same<z.output<typeof caseLinksSchema>, CaseLinks>,
  Same<z.output<typeof clusterSchema>, Cluster>,
  Same<z.output<typeof sanctionsReportSchema>, SanctionsReport>,
  Same<z.output<typeof readinessSchema>, Readiness>,
  Same<z.output<typeof errorBodySchema>, ErrorBody>,
  Same<z.output<typeof findingMarkedSchema>, MarkOutcome>,
  Same<z.output<typeof pendingApprovalSchema>, PendingApproval>,
  Same<z.output<typeof approvalDecisionSchema>, ApprovalResult>,
  Same<z.output<typeof knownAddressRecordSchema>, ReturnType<typeof knownAddressView>>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
void typeChecks;
