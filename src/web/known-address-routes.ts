// Admin page for the company's known shipping addresses, over the same KnownAddressService as the API and
// `npm run cli -- addresses`.
import { Router, type Request, type Response } from 'express';
import { userActor, type UserService } from '../auth/users';
import { AppError } from '../errors';
import type { KnownAddressService } from '../known-addresses/known-address-service';
import { requireCsrf } from './csrf';
import { pageAccess } from './page-access';
import { knownAddressesPage } from './views/known-addresses';
import { pageSender, webLocals } from './web-locals';
import { text } from './admin-forms';

const FIELDS = [
  'label',
  'kind',
  'address.line1',
  'address.line2',
  'address.city',
  'address.region',
  'address.postalCode',
  'address.country',
] as const;

export function knownAddressRoutes(knownAddresses: KnownAddressService, users: UserService): Router {
  const router = Router({ caseSensitive: true });
  const admin = pageAccess.roles('admin');

  const render = pageSender(knownAddressesPage, async () => {
    const byActor = new Map((await users.list()).map((user) => [userActor(user), user.email]));
    const actorName = (actor: string) =>
      byActor.get(actor) ??
      (actor.startsWith('apikey:')
        ? `API key ${actor.slice(7, 15)}…`
        : actor.startsWith('cli:')
          ? `the command line (${actor.slice(4)})`
          : actor);
    return { addresses: await knownAddresses.list(), actorName };
  });

  router.get('/admin/known-addresses', admin, async (req: Request, res: Response) => {
    const notice =
      req.query.done === 'removed'
        ? 'The address was removed: applicants shipping there link again from their next screening (within 10 seconds on every instance).'
        : undefined;
    await render(req, res, 200, { notice });
  });

  router.post('/admin/known-addresses', admin, requireCsrf, async (req: Request, res: Response) => {
    const values = Object.fromEntries(FIELDS.map((name) => [name, text(req, name)]));
    // Empty optional fields are left out, as a JSON client would.
    const given = (name: string) => values[name] || undefined;
    const request = {
      label: values.label,
      kind: values.kind,
      address: {
        line1: given('address.line1'),
        line2: given('address.line2'),
        city: given('address.city'),
        region: given('address.region'),
        postalCode: given('address.postalCode'),
        country: given('address.country'),
      },
    };
    try {
      const { address, unlinkedCases } = await knownAddresses.add(request, userActor(webLocals(res).session!.user));
      const unlinked =
        unlinkedCases > 0
          ? ` ${unlinkedCases} case(s) screened before no longer link through it; run a rescore to update their scores.`
          : '';
      await render(req, res, 201, {
        notice: `“${address.label}” was added: applicants shipping there are no longer linked through it.${unlinked}`,
      });
    } catch (error) {
      if (!(error instanceof AppError) || !['validation_failed', 'conflict'].includes(error.code)) throw error;
      const errors: Record<string, string> = {};
      for (const field of error.details?.fields ?? []) errors[field.path] ??= field.message;
      await render(req, res, 400, { errors, values });
    }
  });

  router.post('/admin/known-addresses/:id/remove', admin, requireCsrf, async (req: Request, res: Response) => {
    await knownAddresses.remove(String(req.params.id), userActor(webLocals(res).session!.user));
    res.redirect(303, '/admin/known-addresses?done=removed');
  });

  return router;
}
