// Score history as a server-rendered SVG (no script, no inline style: presentation attributes only).
import type { ScreeningRecord } from '../../cases/case-types';
import { formatDate, formatDateTime, valueLabel } from '../../presentation/plain-language';
import { html, type SafeHtml } from '../html';

// Who caused a point, in words (a person's id says nothing to a reader; the audit timeline names them).
const whoScored = (requestedBy: string) =>
  requestedBy.startsWith('system:')
    ? `rescored by the system (${requestedBy.slice(7)})`
    : requestedBy.startsWith('apikey:')
      ? 'screened through the API'
      : 'screened';

const BAND_COLOURS: Record<string, string> = {
  low: '#2e7d32',
  medium: '#9a6700',
  high: '#c2410c',
  critical: '#b3261e',
};

export function scoreHistoryChart(screenings: ScreeningRecord[]): SafeHtml {
  const points = [...screenings].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const width = 640;
  const height = 220;
  // Room around the plot for the score ticks (left) and the dates under each point (bottom).
  const margin = { top: 15, right: 20, bottom: 45, left: 40 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const x = (index: number) =>
    margin.left + (points.length === 1 ? plotWidth / 2 : (index * plotWidth) / (points.length - 1));
  const y = (score: number) => margin.top + plotHeight - (score / 100) * plotHeight;
  const description = points
    .map(
      (point) =>
        `${formatDateTime(point.createdAt)}: ${point.score} (${valueLabel('band', point.band)}), ${whoScored(point.requestedBy)}`,
    )
    .join('; ');
  const path = points
    .map((point, index) => `${index === 0 ? 'M' : 'L'}${x(index).toFixed(1)},${y(point.score).toFixed(1)}`)
    .join(' ');
  return html`<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="score-chart-title score-chart-desc" class="chart">
<title id="score-chart-title">Score over ${points.length === 1 ? '1 screening' : `${points.length} screenings`}</title>
<desc id="score-chart-desc">${description}</desc>
<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>
${[0, 25, 50, 75, 100].map((tick) => html`<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#e3e7ed"/><text x="${margin.left - 8}" y="${y(tick) + 4}" text-anchor="end" font-size="11" fill="#5b6470">${tick}</text>`)}
<path d="${path}" fill="none" stroke="#1f4fbf" stroke-width="2"/>
${points.map(
  (
    point,
    index,
  ) => html`<circle cx="${x(index)}" cy="${y(point.score)}" r="5" fill="${BAND_COLOURS[point.band] ?? '#333'}"/>
<text x="${x(index)}" y="${y(point.score) - 9}" text-anchor="middle" font-size="12" font-weight="700" fill="#1b1f24">${point.score}</text>
<text x="${x(index)}" y="${height - margin.bottom + 18}" text-anchor="middle" font-size="11" fill="#5b6470">${formatDate(point.createdAt).replace(/ \d{4}$/, '')}</text>
<text x="${x(index)}" y="${height - margin.bottom + 32}" text-anchor="middle" font-size="10" fill="#5b6470">${point.requestedBy.startsWith('system:') ? 'rescored' : 'screening'}</text>`,
)}
</svg>`;
}
