// Admin pages: API keys (list, create, revoke), over the same service as the CLI.
import type { Request, RequestHandler, Response, Router } from 'express';
import { roles, type ApiKeyService, type Role } from '../auth/api-keys';
import { AppError } from '../errors';
import { CONFIRM_MESSAGE, isConfirmed, isRole, text } from './admin-forms';
import { requireCsrf } from './csrf';
import { apiKeysPage } from './views/admin';
import { pageContext } from './web-locals';

const KEY_PREFIX = /^[a-z0-9]{10}$/;
const NAME_MAX = 200;

export function registerApiKeyAdminRoutes(router: Router, apiKeys: ApiKeyService, admin: RequestHandler): void {
  router.get('/admin/api-keys', admin, async (req: Request, res: Response) => {
    const notice =
      req.query.done === 'revoked'
        ? 'The key was revoked; running instances stop accepting it within 30 seconds.'
        : undefined;
    res.type('html').send(apiKeysPage(pageContext(req, res), { keys: await apiKeys.list(), notice }));
  });

  router.post('/admin/api-keys', admin, requireCsrf, async (req: Request, res: Response) => {
    const values = { name: text(req, 'name'), role: text(req, 'role') };
    const errors: Record<string, string> = {};
    if (!values.name) errors.name = 'must not be empty';
    else if (values.name.length > NAME_MAX) errors.name = `must be at most ${NAME_MAX} characters`;
    if (!isRole(values.role)) errors.role = `must be one of ${roles.join(', ')}`;
    if (Object.keys(errors).length) {
      res
        .status(400)
        .type('html')
        .send(apiKeysPage(pageContext(req, res), { keys: await apiKeys.list(), errors, values }));
      return;
    }
    const created = await apiKeys.create(values.name, values.role as Role);
    res
      .status(201)
      .type('html')
      .send(apiKeysPage(pageContext(req, res), { keys: await apiKeys.list(), created: { key: created.key } }));
  });

  router.post('/admin/api-keys/:prefix/revoke', admin, requireCsrf, async (req: Request, res: Response) => {
    const prefix = String(req.params.prefix);
    if (!KEY_PREFIX.test(prefix)) throw new AppError('not_found', 'No active API key with this prefix.');
    if (!isConfirmed(req)) {
      res
        .status(400)
        .type('html')
        .send(
          apiKeysPage(pageContext(req, res), {
            keys: await apiKeys.list(),
            errors: { action: `Revoke ${prefix} ${CONFIRM_MESSAGE}` },
          }),
        );
      return;
    }
    if (!(await apiKeys.revoke(prefix))) throw new AppError('not_found', 'No active API key with this prefix.');
    res.redirect(303, '/admin/api-keys?done=revoked');
  });
}
