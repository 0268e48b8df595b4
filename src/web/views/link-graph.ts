// Linked cases as a server-rendered SVG: this case in the middle, each linked case around it, labelled with its name
// and, on a second line, what the two share (no edge labels, which overlapped the names; no script; presentation
// attributes only, so the strict CSP holds). The SVG is a group of links, not an image (axe: nested-interactive).
import type { CaseLinks } from '../../links/link-views';
import { html, type SafeHtml } from '../html';
import { identifierKindPhrase } from './findings';

const BAND_COLOURS: Record<string, string> = {
  low: '#2e7d32',
  medium: '#9a6700',
  high: '#c2410c',
  critical: '#b3261e',
};
const MAX_NODES = 12;

export function linkGraph(links: CaseLinks, subject: { name: string; band: string }): SafeHtml {
  const byCase = new Map<string, { id: string; subjectName: string; band: string; kinds: string[] }>();
  for (const group of links.links) {
    for (const linked of group.cases) {
      const node = byCase.get(linked.id) ?? {
        id: linked.id,
        subjectName: linked.subjectName,
        band: linked.band,
        kinds: [],
      };
      node.kinds.push(identifierKindPhrase(group.kind));
      byCase.set(linked.id, node);
    }
  }
  const nodes = [...byCase.values()]
    .map((node) => ({ ...node, kinds: [...new Set(node.kinds)].sort((a, b) => a.localeCompare(b)) }))
    .sort((a, b) => b.kinds.length - a.kinds.length || a.subjectName.localeCompare(b.subjectName))
    .slice(0, MAX_NODES);
  if (nodes.length === 0) return html``;
  const width = 760;
  const height = nodes.length <= 2 ? 170 : nodes.length > 6 ? 460 : 340;
  const cx = width / 2;
  const cy = height / 2;
  // Room for a two-line label (about 170 px wide) beside the outermost nodes.
  const rx = width / 2 - 100;
  const ry = height / 2 - 50;
  const placed = nodes.map((node, index) => {
    // The first case to the left, the others around the circle: two cases sit left and right of this one.
    const angle = Math.PI + (2 * Math.PI * index) / nodes.length;
    return { ...node, x: cx + rx * Math.cos(angle), y: cy + ry * Math.sin(angle), isAbove: Math.sin(angle) < -0.3 };
  });
  const label = (text: string, max = 26) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  const others = byCase.size === 1 ? '1 other case' : `${byCase.size} other cases`;
  return html`<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="group" aria-labelledby="link-graph-title" class="chart">
<title id="link-graph-title">${subject.name} shares identifiers with ${others}${byCase.size > nodes.length ? ` (${nodes.length} shown)` : ''}</title>
<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>
${placed.map((node) => html`<line x1="${cx}" y1="${cy}" x2="${node.x.toFixed(1)}" y2="${node.y.toFixed(1)}" stroke="#8a94a3" stroke-width="${1 + node.kinds.length}"/>`)}
<circle cx="${cx}" cy="${cy}" r="14" fill="${BAND_COLOURS[subject.band] ?? '#333'}" stroke="#1b1f24" stroke-width="2"/>
<text x="${cx}" y="${cy + 32}" text-anchor="middle" font-size="13" font-weight="700" fill="#1b1f24" stroke="#ffffff" stroke-width="4" paint-order="stroke">${label(subject.name)}</text>
${placed.map((node) => {
  // Labels go above nodes in the upper part of the ring and below the others, away from the lines' middle.
  const nameY = node.isAbove ? node.y - 30 : node.y + 24;
  return html`<a href="/cases/${node.id}"><circle cx="${node.x.toFixed(1)}" cy="${node.y.toFixed(1)}" r="10" fill="${BAND_COLOURS[node.band] ?? '#333'}"/>
<text x="${node.x.toFixed(1)}" y="${nameY.toFixed(1)}" text-anchor="middle" font-size="12" fill="#1f4fbf" text-decoration="underline" stroke="#ffffff" stroke-width="4" paint-order="stroke">${label(node.subjectName)}</text>
<text x="${node.x.toFixed(1)}" y="${(nameY + 14).toFixed(1)}" text-anchor="middle" font-size="11" fill="#1b1f24" stroke="#ffffff" stroke-width="4" paint-order="stroke">${label(`shares ${node.kinds.join(', ')}`, 34)}</text></a>`;
})}
</svg>`;
}
