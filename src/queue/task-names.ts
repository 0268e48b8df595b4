// The names of the jobs on the PostgreSQL queue (graphile-worker), in one place: the producers, the worker and the
// queue-depth metric import them from here rather than from each other (that was an import circle through metrics).
export const WEBHOOK_TASK = 'webhook_delivery';
export const NOTIFICATION_TASK = 'notification_delivery';
export const ATS_NOTE_TASK = 'ats_note';
export const LINK_RESCORE_TASK = 'links_rescore';

/** The delivery queues whose depth /metrics reports. */
export const DELIVERY_TASKS = [WEBHOOK_TASK, NOTIFICATION_TASK, ATS_NOTE_TASK] as const;
