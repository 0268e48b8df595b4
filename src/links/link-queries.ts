// Read side of links for the API: a case's linked cases by identifier kind, and clusters of connected cases.
import type { Db, Queryable } from '../db/prisma-client';
import { clusterOf, findLinkedCases, sharedIdentifierGroups, sharedKindsWithin } from './link-repository';

export interface CaseLinks {
  caseId: string;
  links: { kind: string; cases: { id: string; subjectName: string; band: string; score: number; status: string }[] }[];
}

export interface Cluster {
  size: number;
  caseIds: string[];
  kinds: string[];
  bands: Record<string, number>;
  maxScore: number;
}

export class LinkQueries {
  constructor(
    private readonly db: Db,
    private readonly pool: Queryable,
  ) {}

  async linksOf(caseId: string): Promise<CaseLinks> {
    const rows = await findLinkedCases(this.pool, caseId);
    const byKind = new Map<string, CaseLinks['links'][number]['cases']>();
    for (const row of rows) {
      if (row.kind === 'resume_band' && row.sharedCount < 4) continue;
      const kind = row.kind === 'resume_band' ? 'resume' : row.kind;
      const list = byKind.get(kind) ?? [];
      list.push({ id: row.caseId, subjectName: row.subjectName, band: row.band, score: row.score, status: row.status });
      byKind.set(kind, list);
    }
    return { caseId, links: [...byKind].map(([kind, cases]) => ({ kind, cases })) };
  }

  /** The cluster one case belongs to (everything reachable through shared identifiers). */
  async clusterOfCase(caseId: string): Promise<Cluster> {
    const members = await clusterOf(this.pool, caseId);
    const kinds = members.length > 1 ? await sharedKindsWithin(this.pool, members) : [];
    return (await this.describe([members], new Map([[members, new Set(kinds)]])))[0]!;
  }

  /** Every cluster of at least `minSize` cases, largest first (union-find over shared identifier values). */
  async clusters(minSize: number, limit: number): Promise<Cluster[]> {
    const groups = await sharedIdentifierGroups(this.pool);
    const parent = new Map<string, string>();
    const find = (id: string): string => {
      let root = id;
      while (parent.get(root) !== root) root = parent.get(root)!;
      for (let node = id; parent.get(node) !== root; ) {
        const next = parent.get(node)!;
        parent.set(node, root);
        node = next;
      }
      return root;
    };
    const kindsByRoot = new Map<string, Set<string>>();
    for (const group of groups) {
      for (const id of group.caseIds) if (!parent.has(id)) parent.set(id, id);
      const [first, ...rest] = group.caseIds.map(find);
      for (const other of rest) if (other !== first) parent.set(other, first!);
    }
    const members = new Map<string, string[]>();
    for (const id of parent.keys()) {
      const root = find(id);
      members.set(root, [...(members.get(root) ?? []), id]);
    }
    for (const group of groups) {
      const root = find(group.caseIds[0]!);
      kindsByRoot.set(root, (kindsByRoot.get(root) ?? new Set()).add(group.kind));
    }
    const sets = [...members.entries()].filter(([, ids]) => ids.length >= minSize).sort((a, b) => b[1].length - a[1].length).slice(0, limit);
    return this.describe(sets.map(([, ids]) => ids), new Map(sets.map(([root, ids]) => [ids, kindsByRoot.get(root) ?? new Set<string>()])));
  }

  private async describe(sets: string[][], kindsOf: Map<string[], Set<string>>): Promise<Cluster[]> {
    const ids = sets.flat();
    const cases = await this.db.case.findMany({ where: { id: { in: ids } }, select: { id: true, band: true, score: true } });
    const byId = new Map(cases.map((c) => [c.id, c]));
    return sets.map((caseIds) => {
      const bands: Record<string, number> = {};
      let maxScore = 0;
      for (const id of caseIds) {
        const found = byId.get(id);
        if (!found) continue;
        bands[found.band] = (bands[found.band] ?? 0) + 1;
        maxScore = Math.max(maxScore, found.score);
      }
      return { size: caseIds.length, caseIds, kinds: [...(kindsOf.get(caseIds) ?? [])].sort(), bands, maxScore };
    });
  }
}
