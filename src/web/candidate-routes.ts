// The recruiter's pages: the candidate form (the same use case and validation as POST /api/v1/screenings),
// the result page and the list of their own submissions.
import crypto from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { parseApplicant } from '../applicants/parse-applicant';
import { userActor, type User } from '../auth/users';
import type { CaseRepository } from '../cases/case-repository';
import { caseAccessFor, type CaseAccess } from '../cases/case-access';
import { AppError } from '../errors';
import type { ScreeningService } from '../screening/screen-applicant';
import { fieldOfProblem, formValues, toContractInput } from './applicant-form';
import { requireCsrf } from './csrf';
import { pageAccess } from './page-access';
import { candidateFormPage, type FormError } from './views/candidate-form';
import { resultPage } from './views/result';
import { submissionsPage } from './views/submissions';
import { pageContext, webLocals } from './web-locals';
import { isUuid } from '../validation/request';

const NONCE = /^[A-Za-z0-9_-]{22}$/;
/** Cases screened through the pages carry this source (the same candidate id from the API is another case). */
export const WEB_SOURCE = 'web';

const newNonce = () => crypto.randomBytes(16).toString('base64url');

// The signed-in user under the one case access rule, as the API applies it to an API key.
const accessOf = (user: Pick<User, 'id' | 'externalId' | 'role'>): CaseAccess =>
  caseAccessFor({ role: user.role, actor: userActor(user) });

export function candidateRoutes(screening: ScreeningService, cases: CaseRepository): Router {
  const router = Router({ caseSensitive: true });
  const anyRole = pageAccess.roles('recruiter', 'reviewer', 'admin');

  router.get('/candidates/new', anyRole, (req: Request, res: Response) => {
    res.type('html').send(candidateFormPage(pageContext(req, res), { values: {}, errors: [], formNonce: newNonce() }));
  });

  router.post('/candidates', anyRole, requireCsrf, async (req: Request, res: Response) => {
    const session = webLocals(res).session!;
    const values = formValues(req.body);
    const { input, rowsOf } = toContractInput(values, WEB_SOURCE);
    const nonce = String((req.body as Record<string, unknown>).formNonce ?? '');
    const showErrors = (errors: FormError[]) =>
      res
        .status(400)
        .type('html')
        .send(
          candidateFormPage(pageContext(req, res), {
            values,
            errors,
            formNonce: NONCE.test(nonce) ? nonce : newNonce(),
          }),
        );
    let outcome;
    try {
      const applicant = parseApplicant(input);
      outcome = await screening.screen(applicant, {
        actor: userActor(session.user),
        mayAppendToAnyCase: accessOf(session.user).mayAppendToAnyCase,
        // The form's nonce makes a double click (or a resend after a lost answer) return the first screening.
        idempotency: NONCE.test(nonce)
          ? {
              apiKeyId: session.user.id,
              key: `web-form:${nonce}`,
              requestHash: crypto.createHash('sha256').update(JSON.stringify(applicant)).digest('hex'),
            }
          : undefined,
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'validation_failed') {
        showErrors((error.details?.fields ?? []).map((problem) => fieldOfProblem(problem, rowsOf)));
        return;
      }
      if (error instanceof AppError && (error.code === 'conflict' || error.code === 'idempotency_conflict')) {
        const message =
          error.code === 'conflict'
            ? 'another recruiter already screened a candidate with this id; use a different id'
            : 'this form was already sent with other values; reload the form';
        showErrors([
          {
            name: error.code === 'conflict' ? 'externalId' : undefined,
            label: 'Candidate id in your applicant tracking system',
            message,
          },
        ]);
        return;
      }
      throw error;
    }
    res.redirect(303, `/submissions/${outcome.body.caseId}?screened=1`);
  });

  router.get('/submissions', anyRole, async (req: Request, res: Response) => {
    const session = webLocals(res).session!;
    const cursor = typeof req.query.cursor === 'string' && isUuid(req.query.cursor) ? req.query.cursor : undefined;
    const page = await cases.list({ sort: '-createdAt', limit: 50, cursor, createdBy: userActor(session.user) });
    res.type('html').send(submissionsPage(pageContext(req, res), page.items, page.nextCursor));
  });

  router.get('/submissions/:id', anyRole, async (req: Request, res: Response) => {
    const session = webLocals(res).session!;
    const id = String(req.params.id);
    const detail = isUuid(id) ? await cases.findDetail(id) : null;
    const access = accessOf(session.user);
    const isOwn = detail?.createdBy === userActor(session.user);
    // Someone else's case that the viewer may see (a reviewer's or admin's look) is the case page.
    if (detail && !isOwn && access.maySee(detail)) {
      res.redirect(303, `/cases/${id}`);
      return;
    }
    // Someone else's case does not exist, as far as a recruiter can tell.
    if (!detail || !isOwn) throw new AppError('not_found', 'No submission of yours has this id.');
    const shown = access.view(detail);
    res.type('html').send(resultPage(pageContext(req, res), shown, { isNew: req.query.screened === '1' }));
  });

  return router;
}
