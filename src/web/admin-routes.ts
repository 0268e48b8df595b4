// Admin pages: users and API keys, over the same services as the CLI.
import { Router, type Request, type Response } from 'express';
import { roles, type ApiKeyService, type Role } from '../auth/api-keys';
import { userActor, type UserService } from '../auth/users';
import { AppError } from '../errors';
import { requireCsrf } from './csrf';
import { pageAccess } from './page-access';
import { apiKeysPage, usersPage } from './views/admin';
import { webLocals } from './web-locals';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = (req: Request, name: string): string => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
};
const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);
// Destructive actions need their row's "I am sure" box ticked (a confirmation step without script).
const isConfirmed = (req: Request): boolean => text(req, 'confirm') === 'yes';
const CONFIRM_MESSAGE = 'was not done: tick “I am sure” beside the button to confirm';

function pageContext(req: Request, res: Response) {
  const session = webLocals(res).session!;
  return { user: session.user, csrfToken: session.csrfToken, path: req.path };
}

export function adminRoutes(users: UserService, apiKeys: ApiKeyService): Router {
  const router = Router({ caseSensitive: true });
  const admin = pageAccess.roles('admin');

  router.get('/admin/users', admin, async (req: Request, res: Response) => {
    const notices: Record<string, string> = { disabled: 'The user was disabled and signed out everywhere.', enabled: 'The user was enabled.', role: 'The role was changed; the user was signed out so that it applies at once.' };
    res.type('html').send(usersPage(pageContext(req, res), { users: await users.list(), notice: notices[String(req.query.done ?? '')] }));
  });

  // A refused row action answers the users page with the reason at the top (never a bare error page).
  const refuse = async (req: Request, res: Response, status: number, label: string, message: string) =>
    res.status(status).type('html').send(usersPage(pageContext(req, res), { users: await users.list(), errors: { action: message }, actionLabel: label }));

  // Another user's role (audited in user_events; their sessions end). Admins cannot change their own role.
  router.post('/admin/users/:id/role', admin, requireCsrf, async (req: Request, res: Response) => {
    const id = String(req.params.id);
    if (!UUID.test(id)) throw new AppError('not_found', 'No such user.');
    const me = webLocals(res).session!.user;
    const role = text(req, 'role');
    if (id === me.id) return refuse(req, res, 409, 'Change role', 'you cannot change your own role: ask another admin');
    if (!isRole(role)) return refuse(req, res, 400, 'Role', `choose one of: ${roles.join(', ')}`);
    try {
      await users.setRole(id, role, userActor(me));
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return refuse(req, res, 409, 'Change role', error.message);
      throw error;
    }
    res.redirect(303, '/admin/users?done=role');
  });

  router.post('/admin/users', admin, requireCsrf, async (req: Request, res: Response) => {
    const values = { email: text(req, 'email'), role: text(req, 'role') };
    const errors: Record<string, string> = {};
    if (!isRole(values.role)) errors.role = `must be one of ${roles.join(', ')}`;
    let created: { email: string; password: string } | undefined;
    if (!errors.role) {
      try {
        const result = await users.create(values.email, values.role as Role, userActor(webLocals(res).session!.user));
        created = { email: result.user.email, password: result.oneTimePassword };
      } catch (error) {
        if (!(error instanceof AppError) || !['validation_failed', 'conflict'].includes(error.code)) throw error;
        for (const field of error.details?.fields ?? []) errors[field.path] = field.message;
      }
    }
    const status = Object.keys(errors).length ? 400 : 201;
    res.status(status).type('html').send(usersPage(pageContext(req, res), { users: await users.list(), errors, values: status === 400 ? values : undefined, created }));
  });

  router.post('/admin/users/:id/reset', admin, requireCsrf, async (req: Request, res: Response) => {
    const id = String(req.params.id);
    if (!UUID.test(id)) throw new AppError('not_found', 'No such user.');
    if (!isConfirmed(req)) return refuse(req, res, 400, 'New one-time password', CONFIRM_MESSAGE);
    const result = await users.resetPassword(id, userActor(webLocals(res).session!.user));
    res.type('html').send(usersPage(pageContext(req, res), { users: await users.list(), created: { email: result.user.email, password: result.oneTimePassword } }));
  });

  for (const [action, isDisabled] of [['disable', true], ['enable', false]] as const) {
    router.post(`/admin/users/:id/${action}`, admin, requireCsrf, async (req: Request, res: Response) => {
      const id = String(req.params.id);
      if (!UUID.test(id)) throw new AppError('not_found', 'No such user.');
      if (isDisabled && id === webLocals(res).session!.user.id) return refuse(req, res, 409, 'Disable', 'you cannot disable your own account: ask another admin');
      if (isDisabled && !isConfirmed(req)) return refuse(req, res, 400, 'Disable', CONFIRM_MESSAGE);
      await users.setDisabled(id, isDisabled, userActor(webLocals(res).session!.user));
      res.redirect(303, `/admin/users?done=${action}d`);
    });
  }

  router.get('/admin/api-keys', admin, async (req: Request, res: Response) => {
    const notice = req.query.done === 'revoked' ? 'The key was revoked; running instances stop accepting it within 30 seconds.' : undefined;
    res.type('html').send(apiKeysPage(pageContext(req, res), { keys: await apiKeys.list(), notice }));
  });

  router.post('/admin/api-keys', admin, requireCsrf, async (req: Request, res: Response) => {
    const values = { name: text(req, 'name'), role: text(req, 'role') };
    const errors: Record<string, string> = {};
    if (!values.name) errors.name = 'must not be empty';
    else if (values.name.length > 200) errors.name = 'must be at most 200 characters';
    if (!isRole(values.role)) errors.role = `must be one of ${roles.join(', ')}`;
    if (Object.keys(errors).length) {
      res.status(400).type('html').send(apiKeysPage(pageContext(req, res), { keys: await apiKeys.list(), errors, values }));
      return;
    }
    const created = await apiKeys.create(values.name, values.role as Role);
    res.status(201).type('html').send(apiKeysPage(pageContext(req, res), { keys: await apiKeys.list(), created: { key: created.key } }));
  });

  router.post('/admin/api-keys/:prefix/revoke', admin, requireCsrf, async (req: Request, res: Response) => {
    const prefix = String(req.params.prefix);
    if (!/^[a-z0-9]{10}$/.test(prefix)) throw new AppError('not_found', 'No active API key with this prefix.');
    if (!isConfirmed(req)) {
      res.status(400).type('html').send(apiKeysPage(pageContext(req, res), { keys: await apiKeys.list(), errors: { action: `Revoke ${prefix} ${CONFIRM_MESSAGE}` } }));
      return;
    }
    if (!(await apiKeys.revoke(prefix))) throw new AppError('not_found', 'No active API key with this prefix.');
    res.redirect(303, '/admin/api-keys?done=revoked');
  });

  return router;
}
