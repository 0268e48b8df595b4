// Liveness and readiness probes; no API key needed.
import { Router } from 'express';
import { publicRoute } from '../../auth/route-access';
import type { ReadinessReport } from '../../db/readiness';

export function healthRoutes(checkReadiness: () => Promise<ReadinessReport>): Router {
  const router = Router({ caseSensitive: true });
  router.get('/healthz', publicRoute('a liveness probe that says nothing'), (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get(
    '/readyz',
    publicRoute('a readiness probe for orchestrators: versions and states, no personal data'),
    async (_req, res) => {
      const report = await checkReadiness();
      res.status(report.isReady ? 200 : 503).json({
        status: report.isReady ? 'ready' : 'not_ready',
        database: report.database,
        pendingMigrations: report.pendingMigrations,
        ...(report.sanctions
          ? {
              sanctions: {
                ...report.sanctions,
                note:
                  report.sanctions.list === 'built-in'
                    ? "Only the built-in DPRK IT-worker list is loaded: import OFAC's files with `npm run cli -- sanctions import DIR`"
                    : undefined,
              },
            }
          : {}),
      });
    },
  );
  return router;
}
