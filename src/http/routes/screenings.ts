// POST /api/v1/screenings: validate an applicant, screen it, store the case, answer with the explained score.
import crypto from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { parseApplicant } from '../../applicants/parse-applicant';
import { caseAccessFor } from '../../cases/case-access';
import { AppError } from '../../errors';
import type { ScreeningService } from '../../screening/screen-applicant';
import { anyApiRole } from '../auth';
import { requireJsonBody } from '../json-body';
import { locals } from '../../request-context';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export function screeningRoutes(screening: ScreeningService): Router {
  const router = Router({ caseSensitive: true });
  router.post('/', anyApiRole(), requireJsonBody, async (req: Request, res: Response) => {
    const principal = locals(res).principal!;
    const access = caseAccessFor(principal);
    const key = req.get('idempotency-key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new AppError('validation_failed', 'Idempotency-Key must be 1-200 visible ASCII characters', {
        fields: [{ path: 'header:Idempotency-Key', message: 'must be 1-200 visible ASCII characters' }],
      });
    }
    const applicant = parseApplicant(req.body);
    const outcome = await screening.screen(applicant, {
      actor: principal.actor,
      mayAppendToAnyCase: access.mayAppendToAnyCase,
      // Hash of the validated applicant: its keys come in schema order, so the sender's key order does not matter.
      idempotency: key
        ? {
            apiKeyId: principal.apiKeyId,
            key,
            requestHash: crypto.createHash('sha256').update(JSON.stringify(applicant)).digest('hex'),
          }
        : undefined,
    });
    if (outcome.isReplay) res.setHeader('Idempotent-Replayed', 'true');
    const body = { ...outcome.body, findings: access.findings(outcome.body.findings) };
    res.status(outcome.status).location(`/api/v1/cases/${outcome.body.caseId}`).json(body);
  });
  return router;
}
