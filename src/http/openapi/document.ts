// The OpenAPI 3.1 document, generated from the zod schemas the routes validate with (requests) and from
// response-schemas.ts (answers). Nothing here is a hand-written copy of a request contract.
import { z } from 'zod';
import { APPLICANT_CONTRACT_VERSION, applicantSchema } from '../../applicants/applicant-schema';
import { changeCase } from '../../cases/change-case';
import { approveChange, rejectChange } from '../../cases/decide-approval';
import { markFinding } from '../../cases/mark-finding';
import { noteCase } from '../../cases/note-case';
import { revealCase } from '../../cases/reveal-case';
import { listQuerySchema } from '../routes/cases';
import { clusterQuery, linksQuery } from '../routes/links';
import { deliveryQuerySchema } from '../routes/webhook-deliveries';
import { notificationQuerySchema } from '../routes/notification-deliveries';
import { knownAddressQuerySchema } from '../routes/known-addresses';
import { knownAddressSchema } from '../../known-addresses/known-address-service';
import { vendors } from '../../webhooks/adapters/types';
import { DOCS_ASSET_NAMES } from './docs-page';
import { responseSchemas } from './response-schemas';

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

const SCHEMA_REF = '#/components/schemas/';

// OpenAPI 3.1's default dialect is JSON Schema 2020-12; each embedded schema drops its own $schema and $id.
function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

/** A request schema as JSON Schema: `io: 'input'` describes what clients send (before transforms, coercion and defaults). */
function toJsonSchema(schema: z.ZodType, io: Io): JsonSchema {
  return clean(z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema);
}

/** The answer schemas (each with a `.meta({ id })`) as named components that refer to each other with $ref. */
function responseComponents(): Record<string, JsonSchema> {
  const ids = responseSchemas.map((schema) => z.globalRegistry.get(schema)?.id);
  const all = z.toJSONSchema(z.globalRegistry, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `${SCHEMA_REF}${id}`,
  });
  return Object.fromEntries(
    ids.map((id) => {
      const schema = id ? all.schemas[id] : undefined;
      if (!id || !schema) throw new Error(`response schema without a component id: ${id}`);
      return [id, clean(schema as JsonSchema)];
    }),
  );
}

/** Query parameters from a zod object schema: one parameter per property, required when the schema requires it. */
function queryParameters(schema: z.ZodType, descriptions: Record<string, string>): JsonSchema[] {
  const json = toJsonSchema(schema, 'input') as { properties: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    ...(descriptions[name] ? { description: descriptions[name] } : {}),
    schema: property,
  }));
}

const ref = (name: string) => ({ $ref: `${SCHEMA_REF}${name}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });

const requestIdHeader = { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } };

function ok(description: string, schemaName: string, extra: JsonSchema = {}) {
  return { description, headers: requestIdHeader, content: json(ref(schemaName)), ...extra };
}

// Error answers, by status, as described in docs/api.md.
const errorResponses: Record<string, { description: string; headers?: Record<string, unknown> }> = {
  '400': { description: 'validation_failed (fields name each problem) or invalid_json' },
  '401': {
    description: 'unauthorized: no API key, or an unknown, revoked or malformed one',
    headers: {
      'WWW-Authenticate': { schema: { type: 'string' }, description: 'Bearer, or Bearer error="invalid_token"' },
    },
  },
  '403': { description: "forbidden: the key's role may not use this route" },
  '404': { description: 'not_found: no such case (or a malformed id, or a case a recruiter did not create)' },
  '409': { description: 'conflict' },
  '413': { description: 'payload_too_large: the body is larger than 1 MB' },
  '415': { description: 'unsupported_media_type: not JSON, not UTF-8, or an unsupported Content-Encoding' },
  '422': { description: 'idempotency_conflict: this Idempotency-Key was already used with a different body' },
  '429': {
    description: 'rate_limited: too many requests from this address or with this API key (RATE_LIMIT_*)',
    headers: { 'Retry-After': { schema: { type: 'string' }, description: 'seconds until a request is allowed again' } },
  },
  '500': { description: 'internal: an unexpected error, logged under the request id' },
  '503': {
    description: 'database_unavailable',
    headers: { 'Retry-After': { schema: { type: 'string' }, description: 'seconds, 5' } },
  },
};

function errors(...statuses: (keyof typeof errorResponses)[]): Record<string, unknown> {
  return Object.fromEntries(statuses.map((status) => [status, { $ref: `#/components/responses/Error${status}` }]));
}

const caseId = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'the case id (UUID); a malformed id is a 404',
  schema: { type: 'string' },
};
const bearer = [{ bearerAuth: [] }];
const reviewersOnly = 'Reviewers and admins only (a recruiter key gets 403).';

const listDescriptions: Record<string, string> = {
  band: 'low, medium, high, critical; repeat the parameter or separate with commas',
  sanctionsStatus:
    'clear, potential_match (a name hit nothing confirms yet: collect the date of birth), confirmed_match, cleared_by_comparison; repeat the parameter or separate with commas',
  status: 'open, in_review, escalated, cleared, confirmed_fraud; repeat the parameter or separate with commas',
  source: 'one exact source',
  createdFrom: 'cases created at or after this date-time (with seconds and an offset)',
  createdTo: 'cases created before this date-time (exclusive)',
  sort: 'ties are ordered by case id',
  limit: 'page size, 1-200',
  cursor: 'the nextCursor of the previous page (opaque)',
};

export type OpenApiDocument = {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, any>>;
  components: Record<string, Record<string, any>>;
  [key: string]: unknown;
};

export function buildOpenApiDocument(): OpenApiDocument {
  return {
    openapi: '3.1.1',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Hiring-fraud risk checker',
      version: `v1 (applicant contract ${APPLICANT_CONTRACT_VERSION})`,
      description:
        'Screens job applicants for the signs of DPRK IT workers hired under fake, stolen or rented identities, and keeps a case per candidate for a security team to review. Generated from the zod schemas the routes validate with; docs/api.md explains every field.',
    },
    tags: [
      { name: 'screenings', description: 'screen an applicant' },
      { name: 'cases', description: 'the review queue, case detail and decisions' },
      { name: 'links', description: 'cases that share identifiers; reviewers and admins only' },
      {
        name: 'known addresses',
        description: "the company's own shipping addresses, which never link applicants; reviewers read, admins change",
      },
      { name: 'probes', description: 'liveness and readiness; no API key' },
      { name: 'reference', description: 'this document and its browsable page; no API key' },
    ],
    security: bearer,
    paths: {
      '/api/v1/screenings': {
        post: {
          operationId: 'screenApplicant',
          tags: ['screenings'],
          summary: 'Screen an applicant',
          description:
            "Validates an applicant against the contract (version 1), scores it and stores the result in its case. Any role. A recruiter's key gets link evidence reduced to counts.",
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: 'makes a retry safe: the same key and body replay the first answer',
              schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
            },
          ],
          requestBody: { required: true, content: json(ref('Applicant')) },
          responses: {
            '201': ok("the stored case's explained score", 'ScreeningAnswer', {
              headers: {
                ...requestIdHeader,
                Location: { schema: { type: 'string' }, description: '/api/v1/cases/<caseId>' },
                'Idempotent-Replayed': {
                  schema: { type: 'string', enum: ['true'] },
                  description: 'present when this is the replay of the first answer to this Idempotency-Key',
                },
              },
            }),
            ...errors('400', '401', '409', '413', '415', '422', '500', '503'),
          },
        },
      },
      '/api/v1/cases': {
        get: {
          operationId: 'listCases',
          tags: ['cases'],
          summary: 'The review queue',
          description:
            'Case summaries, filtered, sorted and keyset-paginated. A recruiter sees only the cases its own key created. Unknown parameters are a 400.',
          parameters: queryParameters(listQuerySchema, listDescriptions),
          responses: { '200': ok('one page of cases', 'CaseListPage'), ...errors('400', '401', '500', '503') },
        },
      },
      '/api/v1/cases/{id}': {
        parameters: [caseId],
        get: {
          operationId: 'getCase',
          tags: ['cases'],
          summary: 'One case with its screenings and audit trail',
          description:
            "E-mail addresses and phone numbers (all but the domain and the last two digits), street lines, routing numbers and wallet addresses are masked, the applicant's and everyone else's (references), and so are the names of people other than the applicant (references, the shipping recipient, the payout account holder, household members: each word's first letter), in every screening's inputSnapshot and in findings' evidence, as on the case page; POST /api/v1/cases/{id}/reveal shows them, audited.",
          responses: { '200': ok('the case', 'CaseDetail'), ...errors('401', '404', '500', '503') },
        },
        patch: {
          operationId: 'changeCase',
          tags: ['cases'],
          summary: 'Change status or assignee; record a decision',
          description: `A decision (cleared or confirmed_fraud) needs a reason, and so does reopening a decided case (any other status; 400 naming reason). Clearing a critical case is held for a second reviewer (four eyes): 202 with the request, a case.second_review_requested event, and nothing about the case changes until a different reviewer approves it (POST /api/v1/cases/{id}/approvals/{approvalId}/approve). Each change is an audit event. ${reviewersOnly}`,
          requestBody: { required: true, content: json(ref('CaseChange')) },
          responses: {
            '200': ok('the changed case', 'CaseSummary'),
            '202': ok('held for a second reviewer: the case is unchanged', 'ApprovalHeld'),
            ...errors('400', '401', '403', '404', '413', '415', '500', '503'),
          },
        },
      },
      '/api/v1/cases/{id}/notes': {
        parameters: [caseId],
        post: {
          operationId: 'addCaseNote',
          tags: ['cases'],
          summary: "Add a note to the case's audit trail",
          description: `Kept as a case.note_added audit event; notes are never edited or deleted. ${reviewersOnly}`,
          requestBody: { required: true, content: json(ref('CaseNote')) },
          responses: {
            '201': ok('the audit event of the note', 'CaseEvent'),
            ...errors('400', '401', '403', '404', '413', '415', '500', '503'),
          },
        },
      },
      '/api/v1/cases/{id}/reveal': {
        parameters: [caseId],
        post: {
          operationId: 'revealCaseValues',
          tags: ['cases'],
          summary:
            'Show masked values of the applicant and other people named in the case, recorded in the audit trail',
          description: `Answers the named values unmasked and writes a case.sensitive_revealed audit event with the fields and the reason (the case page's reveal writes the same event). Nothing else changes; a later GET is masked again. 409 when the case's personal data was erased. ${reviewersOnly}`,
          requestBody: { required: true, content: json(ref('CaseRevealRequest')) },
          responses: {
            '200': ok('the values and the audit event', 'CaseReveal'),
            ...errors('400', '401', '403', '404', '409', '413', '415', '500', '503'),
          },
        },
      },
      '/api/v1/cases/{id}/findings/{indicator}/disposition': {
        parameters: [
          caseId,
          {
            name: 'indicator',
            in: 'path',
            required: true,
            description: "the finding's indicator id (docs/indicators.md)",
            schema: { type: 'string' },
          },
        ],
        post: {
          operationId: 'markFinding',
          tags: ['cases'],
          summary: 'Mark a finding (or one hit of it) as a false positive or confirmed',
          description: `Stored with the case (append-only; the latest judgement of a hit counts), a case.finding_marked audit event, and the case rescored at once from its latest screening (a system:disposition screening and a case.rescored event with before and after). Every later screening and system rescoring honours it; a new hit (another listed entry or linked case) counts again. 404 when the latest screening has no such finding; 409 when the case's personal data was erased. ${reviewersOnly}`,
          requestBody: { required: true, content: json(ref('FindingDisposition')) },
          responses: {
            '201': ok('the judgement and the rescoring', 'FindingMarked'),
            '202': ok(
              'a sanctions hit marked false positive: held for a second reviewer, nothing rescored yet',
              'ApprovalHeld',
            ),
            ...errors('400', '401', '403', '404', '409', '413', '415', '500', '503'),
          },
        },
      },
      '/api/v1/cases/{id}/approvals/{approvalId}/approve': {
        parameters: [
          caseId,
          {
            name: 'approvalId',
            in: 'path',
            required: true,
            description: "a pending approval's id (GET /api/v1/cases/{id}: pendingApprovals)",
            schema: { type: 'string', format: 'uuid' },
          },
        ],
        post: {
          operationId: 'approveSecondReview',
          tags: ['cases'],
          summary: 'Approve a held clearing or sanctions false positive (four eyes)',
          description: `A different reviewer than the one who asked (403 for the requester) approves: the change is applied at once (the case cleared, or the judgement stored and the case rescored), with case.second_review_approved and case.decided or case.finding_marked events naming both people. 409 when already decided. ${reviewersOnly}`,
          requestBody: { required: true, content: json(ref('SecondReviewApproval')) },
          responses: {
            '200': ok('the decided request and what was applied', 'ApprovalDecision'),
            ...errors('400', '401', '403', '404', '409', '413', '415', '500', '503'),
          },
        },
      },
      '/api/v1/cases/{id}/approvals/{approvalId}/reject': {
        parameters: [
          caseId,
          {
            name: 'approvalId',
            in: 'path',
            required: true,
            description: "a pending approval's id",
            schema: { type: 'string', format: 'uuid' },
          },
        ],
        post: {
          operationId: 'rejectSecondReview',
          tags: ['cases'],
          summary: 'Reject (or, as the requester, withdraw) a held change',
          description: `Any reviewer, the requester included; the case is unchanged; a case.second_review_rejected event with the reason. 409 when already decided. ${reviewersOnly}`,
          requestBody: { required: true, content: json(ref('SecondReviewRejection')) },
          responses: {
            '200': ok('the decided request (applied: null)', 'ApprovalDecision'),
            ...errors('400', '401', '403', '404', '409', '413', '415', '500', '503'),
          },
        },
      },
      '/api/v1/cases/{id}/links': {
        parameters: [caseId],
        get: {
          operationId: 'getCaseLinks',
          tags: ['links'],
          summary: 'The values this case shares, each with every other case holding it (paged), read live',
          description: reviewersOnly,
          parameters: queryParameters(linksQuery, {
            limit: 'cases per value and page',
            after: "a group's nextAfter: the next page (applies to every group)",
          }),
          responses: { '200': ok('linked cases', 'CaseLinks'), ...errors('400', '401', '403', '404', '500', '503') },
        },
      },
      '/api/v1/cases/{id}/cluster': {
        parameters: [caseId],
        get: {
          operationId: 'getCaseCluster',
          tags: ['links'],
          summary: 'The cluster of cases reachable from this one through shared identifiers',
          description: reviewersOnly,
          responses: { '200': ok('the cluster', 'Cluster'), ...errors('401', '403', '404', '500', '503') },
        },
      },
      '/api/v1/cases/{id}/sanctions-report': {
        parameters: [caseId],
        get: {
          operationId: 'getSanctionsReport',
          tags: ['cases'],
          summary: "The facts for OFAC's report on a confirmed sanctions match",
          description: `For a case decided confirmed_fraud whose latest screening has a sanctions finding (otherwise 409). ?format=html gives a printable page. ${reviewersOnly}`,
          parameters: [
            {
              name: 'format',
              in: 'query',
              required: false,
              description: 'html for a printable page; anything else (or none) for JSON',
              schema: { type: 'string', enum: ['json', 'html'] },
            },
          ],
          responses: {
            '200': {
              description: 'the report, as JSON or (format=html) as a page',
              headers: requestIdHeader,
              content: { ...json(ref('SanctionsReport')), 'text/html': { schema: { type: 'string' } } },
            },
            ...errors('401', '403', '404', '409', '500', '503'),
          },
        },
      },
      '/api/v1/clusters': {
        get: {
          operationId: 'listClusters',
          tags: ['links'],
          summary: 'Every cluster of linked cases, largest first',
          description: `Unknown parameters are a 400. ${reviewersOnly}`,
          parameters: queryParameters(clusterQuery, {
            minSize: 'smallest cluster to list',
            limit: 'how many clusters at most',
          }),
          responses: { '200': ok('clusters', 'ClusterList'), ...errors('400', '401', '403', '500', '503') },
        },
      },
      '/api/v1/webhook-deliveries': {
        get: {
          operationId: 'listWebhookDeliveries',
          tags: ['webhooks'],
          summary: 'Stored webhook deliveries, newest first, with their processing status',
          description: `Metadata only: bodies hold candidates' personal data and are never returned. ${reviewersOnly}`,
          parameters: queryParameters(deliveryQuerySchema, {
            source: 'a webhook source name',
            status: 'queued, processing, processed, ignored, dead; repeat the parameter or separate with commas',
            limit: 'page size, 1-200',
            cursor: 'the nextCursor of the previous page (opaque)',
          }),
          responses: {
            '200': ok('a page of deliveries', 'WebhookDeliveryPage'),
            ...errors('400', '401', '403', '500', '503'),
          },
        },
      },
      '/api/v1/webhook-deliveries/{id}/replay': {
        parameters: [
          { name: 'id', in: 'path', required: true, description: 'the delivery id (UUID)', schema: { type: 'string' } },
        ],
        post: {
          operationId: 'replayWebhookDelivery',
          tags: ['webhooks'],
          summary: 'Queue a stored delivery again with fresh attempts (e.g. a dead one after a fix)',
          description: 'Admins only. 409 when the delivery body was erased with the candidate’s personal data.',
          responses: {
            '202': ok('queued again', 'WebhookDelivery'),
            ...errors('401', '403', '404', '409', '500', '503'),
          },
        },
      },
      '/api/v1/notification-deliveries': {
        get: {
          operationId: 'listNotificationDeliveries',
          tags: ['notifications'],
          summary: 'Outbound notifications (case band raised, test events), newest first, with their delivery status',
          description: `One per endpoint and band a case reached (high or critical, at or above the endpoint's min band). The payload is what was sent and holds no personal data. Endpoints are configured with \`npm run cli -- notify-endpoint\` (docs/operations.md#notifications). ${reviewersOnly}`,
          parameters: queryParameters(notificationQuerySchema, {
            endpoint: 'a notification endpoint name',
            status: 'queued, sent, dead; repeat the parameter or separate with commas',
            limit: 'page size, 1-200',
            cursor: 'the nextCursor of the previous page (opaque)',
          }),
          responses: {
            '200': ok('a page of notifications', 'NotificationDeliveryPage'),
            ...errors('400', '401', '403', '500', '503'),
          },
        },
      },
      '/api/v1/notification-deliveries/{id}/resend': {
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            description: 'the notification id (UUID)',
            schema: { type: 'string' },
          },
        ],
        post: {
          operationId: 'resendNotification',
          tags: ['notifications'],
          summary: 'Queue a dead notification again with fresh attempts (after the receiver is fixed)',
          description:
            'Admins only. The same id (webhook-id) and payload are sent. 409 when it is not dead, or its endpoint is disabled.',
          responses: {
            '202': ok('queued again', 'NotificationDelivery'),
            ...errors('401', '403', '404', '409', '500', '503'),
          },
        },
      },
      '/api/v1/known-addresses': {
        get: {
          operationId: 'listKnownAddresses',
          tags: ['known addresses'],
          summary: "The company's own offices, depots and staffing partners: shipping there never links applicants",
          description: `Unknown parameters are a 400. ${reviewersOnly}`,
          parameters: queryParameters(knownAddressQuerySchema, {
            includeRemoved: 'true: also the removed addresses (kept with who removed them and when)',
          }),
          responses: {
            '200': ok('the declared addresses', 'KnownAddressList'),
            ...errors('400', '401', '403', '500', '503'),
          },
        },
        post: {
          operationId: 'addKnownAddress',
          tags: ['known addresses'],
          summary: 'Declare a company address',
          description:
            'Admins only. Applicants whose shipping (or residential) address is this place, in any spelling addressKey equates (case, accents, punctuation, "Street"/"St", "Suite 2"/"#2") with the same city or postcode, are not linked through it, and the address findings say it is the company\'s and count 0. The link hashes cases screened before stored for it are deleted in the same transaction (unlinkedCases); `npm run cli -- rescore` updates their scores. Every instance uses it within 10 s. 409 when the same address is declared already.',
          requestBody: { required: true, content: json(ref('KnownAddressRequest')) },
          responses: {
            '201': ok('declared', 'KnownAddressAdded'),
            ...errors('400', '401', '403', '409', '413', '415', '500', '503'),
          },
        },
      },
      '/api/v1/known-addresses/{id}': {
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            description: 'the known address id (UUID)',
            schema: { type: 'string' },
          },
        ],
        delete: {
          operationId: 'removeKnownAddress',
          tags: ['known addresses'],
          summary: 'Remove a declared company address (kept, marked removed by whom and when)',
          description:
            'Admins only. Applicants shipping there link again from their next screening (every instance within 10 s). 404 when there is no active address with this id.',
          responses: { '200': ok('removed', 'KnownAddress'), ...errors('401', '403', '404', '500', '503') },
        },
      },
      '/webhooks/{vendor}': {
        parameters: [
          {
            name: 'vendor',
            in: 'path',
            required: true,
            description: 'greenhouse, lever, ashby, smartrecruiters or generic (Standard Webhooks)',
            schema: { type: 'string', enum: [...vendors] },
          },
        ],
        post: {
          operationId: 'receiveWebhook',
          tags: ['webhooks'],
          summary: 'An ATS delivery, verified by its signature over the raw bytes, stored and queued',
          description:
            "No API key: the vendor signature authenticates (Greenhouse `Signature: sha256 <hex>`, Ashby `Ashby-Signature: sha256=<hex>`, Lever `signature` over token + triggeredAt in the body, SmartRecruiters `smartrecruiters-signature: v1=<hex>[;v1=<hex>…]` over timestamp, body, event-id, event-name, event-version and link with `smartrecruiters-timestamp` within WEBHOOK_TOLERANCE_SECONDS, Standard Webhooks `webhook-id`/`webhook-timestamp`/`webhook-signature`). Answers 200 (SmartRecruiters: 202) once the delivery and its job are committed; a duplicate delivery id answers the same and stores nothing. SmartRecruiters' subscription activation (a POST carrying `X-Hook-Secret`, unsigned) is answered 200 with that header echoed and does nothing else. See docs/webhooks.md.",
          security: [],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object', description: "the vendor's own payload" } } },
          },
          responses: {
            '200': {
              ...ok('stored and queued, a duplicate, a ping, or a SmartRecruiters activation', 'WebhookReceipt'),
              headers: {
                ...requestIdHeader,
                'X-Hook-Secret': {
                  description: 'SmartRecruiters activation only: the X-Hook-Secret the request carried',
                  schema: { type: 'string' },
                },
              },
            },
            '202': ok('SmartRecruiters: stored and queued, or a duplicate', 'WebhookReceipt'),
            ...errors('400', '401', '404', '413', '429', '500', '503'),
          },
        },
      },
      '/healthz': {
        get: {
          operationId: 'liveness',
          tags: ['probes'],
          summary: 'Liveness: the process serves HTTP (no database access)',
          security: [],
          responses: { '200': ok('alive', 'Liveness') },
        },
      },
      '/readyz': {
        get: {
          operationId: 'readiness',
          tags: ['probes'],
          summary: 'Readiness: the database answers and every migration is applied',
          security: [],
          responses: {
            '200': ok('ready', 'Readiness'),
            '503': ok('not ready: the database is unreachable or migrations are pending', 'Readiness'),
          },
        },
      },
      '/api/openapi.json': {
        get: {
          operationId: 'openApiDocument',
          tags: ['reference'],
          summary: 'This document',
          security: [],
          responses: { '200': { description: 'OpenAPI 3.1', content: json({ type: 'object' }) } },
        },
      },
      '/api/docs': {
        get: {
          operationId: 'apiReference',
          tags: ['reference'],
          summary: 'A browsable reference page for this document (assets served locally)',
          security: [],
          responses: { '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } } },
        },
      },
      '/api/docs/assets/{file}': {
        get: {
          operationId: 'apiReferenceAsset',
          tags: ['reference'],
          summary: "The reference page's scripts, style sheet and icons, served from this server (no CDN)",
          security: [],
          parameters: [
            { name: 'file', in: 'path', required: true, schema: { type: 'string', enum: [...DOCS_ASSET_NAMES] } },
          ],
          responses: {
            '200': {
              description: 'the file',
              content: {
                'application/javascript': { schema: { type: 'string' } },
                'text/css': { schema: { type: 'string' } },
                'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } },
              },
            },
            ...errors('404'),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API key, hfrc_<prefix>_<secret>, created with `npm run cli -- apikey create --name N --role recruiter|reviewer|admin`',
        },
      },
      headers: {
        'X-Request-Id': {
          description:
            "the request id (the caller's own X-Request-Id when valid, otherwise a UUID); also in every error body",
          schema: { type: 'string' },
        },
      },
      schemas: {
        Applicant: {
          ...toJsonSchema(applicantSchema, 'input'),
          description:
            'The applicant contract, version 1 (docs/api.md). Only person.legalName is required; unknown keys are rejected at every level.',
        },
        CaseChange: {
          ...toJsonSchema(changeCase.input, 'input'),
          description: 'Send status, assignee or both; reason is required with cleared and confirmed_fraud.',
        },
        CaseNote: { ...toJsonSchema(noteCase.input, 'input'), description: "A reviewer's note, 1-5000 characters." },
        CaseRevealRequest: {
          ...toJsonSchema(revealCase.input, 'input'),
          description:
            'The masked values to show (each at most once) and why, 1-500 characters; kept in the audit event.',
        },
        KnownAddressRequest: {
          ...toJsonSchema(knownAddressSchema, 'input'),
          description:
            'label 1-100 characters; kind office, depot or staffing_partner; address with line1, country and a city or a postalCode.',
        },
        FindingDisposition: {
          ...toJsonSchema(markFinding.input, 'input'),
          description:
            "false_positive (0 points from now on) or confirmed, with a reason; subject names one hit (a listed entry's uid, another case's id), otherwise every hit the finding names now.",
        },
        SecondReviewApproval: {
          ...toJsonSchema(approveChange.input, 'input'),
          description: 'An optional note, kept in the audit event.',
        },
        SecondReviewRejection: {
          ...toJsonSchema(rejectChange.input, 'input'),
          description: 'Why, 1-2000 characters; kept in the audit event.',
        },
        ...responseComponents(),
      },
      responses: Object.fromEntries(
        Object.entries(errorResponses).map(([status, { description, headers }]) => [
          `Error${status}`,
          { description, headers: { ...requestIdHeader, ...headers }, content: json(ref('Error')) },
        ]),
      ),
    },
  };
}
