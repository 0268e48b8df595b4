// The audit timeline's events in words.
import type { CaseEventRecord } from '../../cases/case-types';
import { html, type SafeHtml } from '../html';
import { evidenceList, humanise, STATUS_LABELS } from './findings';
import { indicatorLabel, valueLabel } from '../../presentation/plain-language';
import { OUTCOME_LABELS } from './case-finding-forms';

export function describeEvent(event: CaseEventRecord): SafeHtml {
  const data = event.data;
  switch (event.action) {
    case 'case.created':
    case 'case.rescreened':
    case 'case.rescored': {
      const after = (data.after ?? {}) as Record<string, unknown>;
      const before = data.before as Record<string, unknown> | undefined;
      const what =
        event.action === 'case.created'
          ? 'Case created by a screening'
          : event.action === 'case.rescreened'
            ? 'Screened again'
            : 'Rescored';
      return html`${what}: score ${String(after.score ?? '?')} (${valueLabel('band', after.band ?? '?')})${before ? html`, was ${String(before.score ?? '?')} (${valueLabel('band', before.band ?? '?')})` : ''}`;
    }
    case 'case.linked':
      return html`Linked to another case by shared identifiers${data.linkedCaseId ? html`: <a href="/cases/${String(data.linkedCaseId)}">the case that linked</a>` : ''}`;
    case 'case.status_changed':
      return html`Status changed from ${STATUS_LABELS[String(data.before)] ?? String(data.before)} to ${STATUS_LABELS[String(data.after)] ?? String(data.after)}${data.reason ? html`: “${String(data.reason)}”` : ''}`;
    case 'case.decided':
      return html`<strong>Decided: ${STATUS_LABELS[String(data.after)] ?? String(data.after)}</strong> (was ${STATUS_LABELS[String(data.before)] ?? String(data.before)}). Reason: “${String(data.reason ?? '')}”`;
    case 'case.assigned':
      return html`Assigned to ${data.after ? String(data.after) : 'nobody'}${data.before ? html` (was ${String(data.before)})` : ''}`;
    case 'case.sensitive_revealed':
      return html`Viewed the masked values (${Array.isArray(data.fields) ? data.fields.length : 0} fields)`;
    case 'case.verification_recorded':
      return html`Check recorded for “${indicatorLabel(String(data.indicator ?? ''))}”: ${OUTCOME_LABELS[String(data.outcome)] ?? String(data.outcome)}. <q>${String(data.note ?? '')}</q>${data.disposition === 'cleared_by_check' ? ' The finding was cleared.' : data.disposition === 'confirmed_by_check' ? ' The finding was confirmed.' : ''}`;
    case 'case.finding_marked':
      return html`Finding “${indicatorLabel(String(data.indicator ?? ''))}” marked ${data.disposition === 'false_positive' ? 'false positive' : String(data.disposition ?? '')}${Array.isArray(data.subjects) && data.subjects.some(Boolean) ? html` (${data.subjects.filter(Boolean).map(String).join(', ')})` : ''}. Reason: <q>${String(data.reason ?? '')}</q>`;
    case 'case.note_added':
      return html`Note: <q>${String(data.text ?? '')}</q>`;
    default:
      return html`${humanise(event.action.replace(/^case\./, ''))}${Object.keys(data).length ? evidenceList(data) : ''}`;
  }
}
