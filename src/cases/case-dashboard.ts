// The security team's dashboard numbers: open cases by band and status, the oldest open case, top indicators.
import type { DashboardStore, IndicatorCount, OldestOpenCase, OpenCount } from './dashboard-store';

/** Statuses that still need a person: everything before a decision. */
export const OPEN_STATUSES = ['open', 'in_review', 'escalated'] as const;

export interface Dashboard {
  openByBandAndStatus: OpenCount[];
  oldestOpen: OldestOpenCase | null;
  topIndicators: IndicatorCount[];
}

export class CaseDashboard {
  constructor(private readonly store: DashboardStore) {}

  async read(now = new Date(), days = 7): Promise<Dashboard> {
    const [openByBandAndStatus, oldestOpen, topIndicators] = await Promise.all([
      this.store.countOpenByBandAndStatus(OPEN_STATUSES),
      this.store.findOldestOpen(OPEN_STATUSES),
      this.store.countTopIndicatorsSince(new Date(now.getTime() - days * 86_400_000)),
    ]);
    return { openByBandAndStatus, oldestOpen, topIndicators };
  }
}
