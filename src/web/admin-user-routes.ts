// Admin pages: web accounts (create, role, one-time password, disable and enable), over the same service as the CLI.
import type { Request, RequestHandler, Response, Router } from 'express';
import { roles, type Role } from '../auth/api-keys';
import { userActor, type UserService } from '../auth/users';
import { AppError } from '../errors';
import { isUuid } from '../validation/request';
import { CONFIRM_MESSAGE, isConfirmed, isRole, text } from './admin-forms';
import { requireCsrf } from './csrf';
import { usersPage } from './views/admin';
import { pageSender, webLocals } from './web-locals';

const NOTICES: Record<string, string> = {
  disabled: 'The user was disabled and signed out everywhere.',
  enabled: 'The user was enabled.',
  role: 'The role was changed; the user was signed out so that it applies at once.',
};

const userId = (req: Request): string => {
  const id = String(req.params.id);
  if (!isUuid(id)) throw new AppError('not_found', 'No such user.');
  return id;
};

export function registerUserAdminRoutes(router: Router, users: UserService, admin: RequestHandler): void {
  // The users page with the accounts as they are now, and what this request adds (a notice, errors, a password).
  const sendUsersPage = pageSender(usersPage, async () => ({ users: await users.list() }));

  router.get('/admin/users', admin, async (req: Request, res: Response) => {
    await sendUsersPage(req, res, 200, { notice: NOTICES[String(req.query.done ?? '')] });
  });

  // A refused row action answers the users page with the reason at the top (never a bare error page).
  const refuse = (req: Request, res: Response, status: number, label: string, message: string) =>
    sendUsersPage(req, res, status, { errors: { action: message }, actionLabel: label });

  // Another user's role (audited in user_events; their sessions end). Admins cannot change their own role.
  router.post('/admin/users/:id/role', admin, requireCsrf, async (req: Request, res: Response) => {
    const id = userId(req);
    const me = webLocals(res).session!.user;
    const role = text(req, 'role');
    if (id === me.id) return refuse(req, res, 409, 'Change role', 'you cannot change your own role: ask another admin');
    if (!isRole(role)) return refuse(req, res, 400, 'Role', `choose one of: ${roles.join(', ')}`);
    try {
      await users.setRole(id, role, userActor(me));
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict')
        return refuse(req, res, 409, 'Change role', error.message);
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
    await sendUsersPage(req, res, status, { errors, values: status === 400 ? values : undefined, created });
  });

  router.post('/admin/users/:id/reset', admin, requireCsrf, async (req: Request, res: Response) => {
    const id = userId(req);
    if (!isConfirmed(req)) return refuse(req, res, 400, 'New one-time password', CONFIRM_MESSAGE);
    const result = await users.resetPassword(id, userActor(webLocals(res).session!.user));
    await sendUsersPage(req, res, 200, { created: { email: result.user.email, password: result.oneTimePassword } });
  });

  for (const [action, isDisabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    router.post(`/admin/users/:id/${action}`, admin, requireCsrf, async (req: Request, res: Response) => {
      const id = userId(req);
      if (isDisabled && id === webLocals(res).session!.user.id)
        return refuse(req, res, 409, 'Disable', 'you cannot disable your own account: ask another admin');
      if (isDisabled && !isConfirmed(req)) return refuse(req, res, 400, 'Disable', CONFIRM_MESSAGE);
      await users.setDisabled(id, isDisabled, userActor(webLocals(res).session!.user));
      res.redirect(303, `/admin/users?done=${action}d`);
    });
  }
}
