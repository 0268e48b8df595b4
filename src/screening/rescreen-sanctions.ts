// Continuous sanctions screening: when a new list version becomes active, every case not already confirmed as
// fraud is screened again against it from its stored snapshot, so a person designated after they applied (or were
// hired) surfaces the day the list changes. Only the sanctions findings are recomputed; the rest are kept.
import type { RescoringPlan, RescoringStore } from '../cases/rescoring-store';
import { gatherContext } from '../intel/gather-context';
import { screenSanctions, type SanctionsSource } from '../intel/sanctions';
import type { Logger } from '../logger';
import type { RescreenStore } from '../sanctions/rescreen-store';
import { sanctionsIndicators } from '../scoring/indicators/sanctions';
import type { Finding } from '../scoring/types';

const sanctionsIds = new Set(sanctionsIndicators.map((indicator) => indicator.id));
const BATCH = 200;

export interface RescreenStats {
  versionId: string;
  examined: number;
  changed: number;
  bands: Record<string, number>;
  startedAt: string;
  finishedAt: string;
}

// What a reviewer would see change: which indicators, which entries, at what points.
function sanctionsPart(findings: Finding[]): string {
  return JSON.stringify(
    findings
      .filter((finding) => sanctionsIds.has(finding.indicator))
      .map((finding) => [
        finding.indicator,
        finding.points,
        ((finding.evidence.matches as { uid: string; score: number }[] | undefined) ?? []).map((m) => [m.uid, m.score]),
      ])
      .sort(),
  );
}

export class SanctionsRescreener {
  constructor(
    private readonly store: RescreenStore,
    private readonly rescoring: RescoringStore,
    private readonly logger: Logger,
  ) {}

  /**
   * Re-screens every case not confirmed as fraud against `source` (version `versionId`), unless this version was
   * already done. Returns null when another instance holds the job or the version was done before.
   */
  async rescreenAll(versionId: string, source: SanctionsSource): Promise<RescreenStats | null> {
    const stats = await this.store.rescreenOnce(versionId, () => this.run(versionId, source));
    if (stats) this.logger.info(stats, 'cases re-screened against the new sanctions list version');
    return stats;
  }

  private async run(versionId: string, source: SanctionsSource): Promise<RescreenStats> {
    const stats: RescreenStats = {
      versionId,
      examined: 0,
      changed: 0,
      bands: {},
      startedAt: new Date().toISOString(),
      finishedAt: '',
    };
    let cursor = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const ids = await this.store.findCasesToRescreen(cursor, BATCH);
      if (ids.length === 0) break;
      for (const id of ids) {
        stats.examined += 1;
        const band = await this.rescreenCase(id, versionId, source);
        if (band) {
          stats.changed += 1;
          stats.bands[band] = (stats.bands[band] ?? 0) + 1;
        }
        // Long runs must not starve requests on the same event loop.
        if (stats.examined % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      cursor = ids.at(-1)!;
    }
    stats.finishedAt = new Date().toISOString();
    return stats;
  }

  /** The case's new band when its sanctions findings changed; null when nothing changed. */
  async rescreenCase(caseId: string, versionId: string, source: SanctionsSource): Promise<string | null> {
    const plan: RescoringPlan = {
      recompute: sanctionsIndicators,
      // Only the sanctions findings are recomputed; the rest of the context is the snapshot's own.
      context: (applicant, basis) => ({
        ...gatherContext(applicant, { now: basis.snapshotAt }),
        sanctions: screenSanctions(applicant, source),
      }),
      // A hit a reviewer marked false positive stays at 0 points (and does not force critical); a new entry counts.
      isChanged: (basis, result) => sanctionsPart(result.findings) !== sanctionsPart(basis.findings),
      requestedBy: 'system:sanctions',
      action: 'case.sanctions_rescreened',
      why: (_basis, result) => ({
        snapshot: { reason: 'sanctions list', sanctionsListVersion: versionId },
        data: {
          sanctionsListVersion: versionId,
          matches: result.findings
            .filter((f) => sanctionsIds.has(f.indicator))
            .flatMap((f) => (f.evidence.matches as { uid: string }[] | undefined) ?? [])
            .map((m) => m.uid),
        },
      }),
    };
    const outcome = await this.rescoring.rescore(caseId, plan, 'system:sanctions');
    return outcome?.screeningId ? outcome.result.band : null;
  }
}
