// Liveness and readiness probes; no API key needed.
import { Router } from 'express';
import type { ReadinessReport } from '../../db/readiness';

export function healthRoutes(checkReadiness: () => Promise<ReadinessReport>): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const report = await checkReadiness();
    res.status(report.isReady ? 200 : 503).json({
      status: report.isReady ? 'ready' : 'not_ready',
      database: report.database,
      pendingMigrations: report.pendingMigrations,
      ...(report.sanctions ? { sanctions: { ...report.sanctions, note: report.sanctions.list === 'built-in' ? "Only the built-in DPRK IT-worker list is loaded: import OFAC's files with `npm run cli -- sanctions import DIR`" : undefined } } : {}),
    });
  });
  return router;
}
