// What the API and pages show of links, live from the link store: the values a case shares with the cases holding
// them, and clusters of connected cases (union-find over the shared values).
import type { LinkStore, SharedValueRow } from './link-store';

/** One value this case shares (a farm's address is one group), with every other case holding it, a page at a time. */
export interface SharedValue extends SharedValueRow {
  /** Pass as `after` for the group's next page; null when this page holds the rest. */
  nextAfter: string | null;
}

export interface CaseLinks {
  caseId: string;
  links: SharedValue[];
}

export const LINKED_CASES_PAGE = 50;

export interface Cluster {
  size: number;
  caseIds: string[];
  kinds: string[];
  bands: Record<string, number>;
  maxScore: number;
}

export class LinkViews {
  constructor(private readonly store: LinkStore) {}

  /** The values this case shares, read live from the link tables, each with one page of the cases holding it. */
  async linksOf(caseId: string, page: { limit?: number; after?: string } = {}): Promise<CaseLinks> {
    const limit = page.limit ?? LINKED_CASES_PAGE;
    const groups = await this.store.findSharedValuesOf(caseId, { limit, after: page.after });
    return {
      caseId,
      links: groups.map((group) => ({
        ...group,
        nextAfter: group.cases.length === limit ? group.cases.at(-1)!.id : null,
      })),
    };
  }

  /** The cluster one case belongs to (everything reachable through shared identifiers). */
  async clusterOfCase(caseId: string): Promise<Cluster> {
    const members = await this.store.findClusterOf(caseId);
    const kinds = members.length > 1 ? await this.store.findSharedKindsWithin(members) : [];
    return (await this.describe([members], new Map([[members, new Set(kinds)]])))[0]!;
  }

  /** Every cluster of at least `minSize` cases, largest first (union-find over shared identifier values). */
  async clusters(minSize: number, limit: number): Promise<Cluster[]> {
    const groups = await this.store.findSharedIdentifierGroups();
    const parent = new Map<string, string>();
    const find = (id: string): string => {
      let root = id;
      while (parent.get(root) !== root) root = parent.get(root)!;
      for (let node = id; parent.get(node) !== root;) {
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
    const sets = [...members.entries()]
      .filter(([, ids]) => ids.length >= minSize)
      .sort((a, b) => b[1].length - a[1].length)
      .slice(0, limit);
    return this.describe(
      sets.map(([, ids]) => ids),
      new Map(sets.map(([root, ids]) => [ids, kindsByRoot.get(root) ?? new Set<string>()])),
    );
  }

  private async describe(sets: string[][], kindsOf: Map<string[], Set<string>>): Promise<Cluster[]> {
    const ids = sets.flat();
    const cases = await this.store.findBandsAndScores(ids);
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
