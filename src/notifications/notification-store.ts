// The notification delivery log: rows written by the cases trigger (or a test event), tracked by the worker, listed by the API.
import { logPage, logRow, type LogQuery, type LogTable, type Page } from '../db/keyset-page';
import type { Queryable } from '../db/prisma-client';
// The graphile-worker task the trigger on cases queues (its name is also in the migration's SQL).
import { NOTIFICATION_TASK } from '../queue/task-names';

export const notificationStatuses = ['queued', 'sent', 'dead'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

/** What is sent: Standard Webhooks' {type, timestamp, data}; never personal data (see the migration's trigger). */
export interface NotificationPayload {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

export interface NotificationDelivery {
  id: string;
  endpointId: string;
  endpointName: string;
  kind: string;
  caseId: string | null;
  eventType: string;
  payload: NotificationPayload;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  responseStatus: number | null;
  createdAt: Date;
  sentAt: Date | null;
}

const COLUMNS = `n.id::text AS id, n.endpoint_id::text AS "endpointId", e.name AS "endpointName", e.kind::text AS kind,
  n.case_id::text AS "caseId", n.event_type AS "eventType", n.payload, n.status::text AS status, n.attempts,
  n.last_error AS "lastError", n.response_status AS "responseStatus", n.created_at AS "createdAt", n.sent_at AS "sentAt"`;
export const NOTIFICATION_LOG: LogTable = {
  columns: COLUMNS,
  table: 'notification_deliveries',
  alias: 'n',
  ownerTable: 'notification_endpoints',
  ownerAlias: 'e',
  ownerKey: 'endpoint_id',
  timeColumn: 'created_at',
  statusType: '"NotificationDeliveryStatus"',
};

function clip(text: string, length: number): string {
  return text.split('\u0000').join('').slice(0, length);
}

export class NotificationStore {
  constructor(private readonly pool: Queryable) {}

  list(query: LogQuery<NotificationStatus>): Promise<Page<NotificationDelivery>> {
    return logPage<NotificationDelivery>(this.pool, NOTIFICATION_LOG, query);
  }

  find(id: string): Promise<NotificationDelivery | null> {
    return logRow<NotificationDelivery>(this.pool, NOTIFICATION_LOG, id);
  }

  /** Counts an attempt and returns the delivery; null when it is gone or already finished (a re-run job). */
  async begin(id: string, attempt: number): Promise<NotificationDelivery | null> {
    const { rowCount } = await this.pool.query(
      `UPDATE notification_deliveries SET attempts = $2 WHERE id = $1::uuid AND status = 'queued'`,
      [id, attempt],
    );
    return rowCount ? this.find(id) : null;
  }

  async markSent(id: string, responseStatus: number): Promise<void> {
    await this.pool.query(
      `UPDATE notification_deliveries SET status = 'sent', response_status = $2, last_error = NULL, sent_at = now() WHERE id = $1::uuid`,
      [id, responseStatus],
    );
  }

  /** A failed attempt: stays queued while attempts remain (the queue retries with backoff), else dead. */
  async markFailed(
    id: string,
    result: { error: string; responseStatus: number | null; isFinal: boolean },
  ): Promise<void> {
    await this.pool.query(
      `UPDATE notification_deliveries SET status = $2::"NotificationDeliveryStatus", last_error = $3, response_status = $4 WHERE id = $1::uuid`,
      [id, result.isFinal ? 'dead' : 'queued', clip(result.error, 2000), result.responseStatus],
    );
  }

  /**
   * Queues a dead notification again with fresh attempts (after the receiver is fixed). `not_dead` when it is queued
   * or sent, `endpoint_disabled` when its endpoint is disabled (enable it first); null when there is no such notification.
   */
  async resend(id: string): Promise<NotificationDelivery | 'not_dead' | 'endpoint_disabled' | null> {
    const { rows } = await this.pool.query<{ status: string; enabled: boolean; job_id: string | null }>(
      `WITH target AS (
         SELECT n.id, n.status, e.enabled, e.max_attempts FROM notification_deliveries n JOIN notification_endpoints e ON e.id = n.endpoint_id
         WHERE n.id = $1::uuid FOR UPDATE OF n
       ), reset AS (
         UPDATE notification_deliveries n SET status = 'queued', attempts = 0, last_error = NULL, response_status = NULL, sent_at = NULL
         FROM target WHERE n.id = target.id AND target.status = 'dead' AND target.enabled
         RETURNING n.id, target.max_attempts
       )
       SELECT target.status::text AS status, target.enabled,
              (SELECT (graphile_worker.add_job($2, json_build_object('id', reset.id), max_attempts => reset.max_attempts)).id FROM reset)::text AS job_id
       FROM target`,
      [id, NOTIFICATION_TASK],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.status !== 'dead') return 'not_dead';
    if (!row.enabled) return 'endpoint_disabled';
    return this.find(id);
  }

  /** A test event for one endpoint (`notify-endpoint test`): logged like the others, sent at once by the caller (no job). */
  async createTest(endpointId: string, endpointName: string): Promise<NotificationDelivery> {
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO notification_deliveries (endpoint_id, case_id, event_type, event_key, payload, attempts)
       VALUES ($1::uuid, NULL, 'notification.test', 'notification.test:' || gen_random_uuid(),
               jsonb_build_object('type', 'notification.test', 'timestamp', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                  'data', jsonb_build_object('endpoint', $2::text, 'message', 'A test notification from the hiring-fraud risk checker')), 1)
       RETURNING id::text AS id`,
      [endpointId, endpointName],
    );
    return (await this.find(rows[0]!.id))!;
  }
}
