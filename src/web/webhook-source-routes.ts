// Admin pages for ATS webhook sources, over the same WebhookSourceService as `npm run cli -- webhook-source`.
import { Router, type Request, type Response } from 'express';
import { AppError } from '../errors';
import { vendors, type Vendor } from '../webhooks/adapters/types';
import { generateSecret, VENDOR_ISSUED_SECRETS } from '../crypto/signatures';
import type { WebhookSourceService } from '../webhooks/webhook-sources';
import { requireCsrf } from './csrf';
import { pageAccess } from './page-access';
import { VENDOR_LABELS, webhookSourcesPage } from './views/webhook-sources';
import { pageSender, webLocals } from './web-locals';
import { isUuid } from '../validation/request';
import { text } from './admin-forms';

// The CLI's rules (src/cli/webhook-command.ts), so that a source made here can be named there.
const NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,79}$/;
const SECRET_LENGTH = { min: 16, max: 500 };

const isVendor = (value: string): value is Vendor => (vendors as readonly string[]).includes(value);

function secretError(secret: string): string | undefined {
  return secret.length < SECRET_LENGTH.min || secret.length > SECRET_LENGTH.max
    ? `must be ${SECRET_LENGTH.min}-${SECRET_LENGTH.max} characters`
    : undefined;
}

export function webhookSourceRoutes(sources: WebhookSourceService, publicBaseUrl?: string): Router {
  const router = Router({ caseSensitive: true });
  const admin = pageAccess.roles('admin');

  const render = pageSender(webhookSourcesPage, async (req) => ({
    sources: await sources.list(),
    // PUBLIC_BASE_URL when set (behind a proxy the admin's address may not be the senders'), else the address in use.
    baseUrl: publicBaseUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`,
  }));
  const logChange = (res: Response, action: string, source: { name: string; vendor: string }) => {
    // Who changed which source, never a secret.
    webLocals(res).log.info(
      { action, source: source.name, vendor: source.vendor, user: webLocals(res).session!.user.id },
      'webhook source changed from the admin page',
    );
  };
  const byId = async (raw: unknown) => {
    const id = String(raw);
    const source = isUuid(id) ? (await sources.list()).find((candidate) => candidate.id === id) : undefined;
    if (!source) throw new AppError('not_found', 'No such webhook source.');
    return source;
  };

  router.get('/admin/webhook-sources', admin, async (req: Request, res: Response) => {
    const done = String(req.query.done ?? '');
    const notice =
      done === 'disabled'
        ? 'The source was disabled: its deliveries are refused (401) within 10 seconds on every instance.'
        : done === 'enabled'
          ? 'The source was enabled: its deliveries are accepted within 10 seconds.'
          : undefined;
    await render(req, res, 200, { notice });
  });

  router.post('/admin/webhook-sources', admin, requireCsrf, async (req: Request, res: Response) => {
    const values = { vendor: text(req, 'vendor'), name: text(req, 'name') };
    const secret = text(req, 'secret');
    const errors: Record<string, string> = {};
    if (!isVendor(values.vendor)) errors.vendor = `must be one of ${vendors.join(', ')}`;
    if (!values.name) errors.name = 'must not be empty';
    else if (!NAME.test(values.name))
      errors.name = 'must be 1-80 letters, digits, spaces, ".", "_" or "-", starting with a letter or digit';
    const issued = isVendor(values.vendor) ? VENDOR_ISSUED_SECRETS[values.vendor] : undefined;
    if (issued && !secret)
      errors.secret = `${VENDOR_LABELS[values.vendor as Vendor]} issues the signing ${issued}: paste it here`;
    else if (secret && secretError(secret)) errors.secret = secretError(secret)!;
    if (Object.keys(errors).length === 0) {
      try {
        const created = await sources.create({
          vendor: values.vendor as Vendor,
          name: values.name,
          secret: secret || undefined,
        });
        logChange(res, 'created', created.source);
        // A secret the admin pasted is not shown back: only one we generated needs copying.
        if (secret)
          await render(req, res, 201, {
            notice: `Webhook source “${created.source.name}” (${created.source.vendor}) created with the token you gave.`,
          });
        else
          await render(req, res, 201, {
            created: { name: created.source.name, vendor: created.source.vendor, secret: created.secret, isNew: true },
          });
        return;
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
        for (const field of error.details?.fields ?? []) errors[field.path] = field.message;
      }
    }
    await render(req, res, 400, { errors, values });
  });

  for (const [action, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    router.post(`/admin/webhook-sources/:id/${action}`, admin, requireCsrf, async (req: Request, res: Response) => {
      const source = await byId(req.params.id);
      if (!enabled && text(req, 'confirm') !== 'yes')
        return render(req, res, 400, {
          errors: { action: `Disable ${source.name} was not done: tick “I am sure” beside the button to confirm` },
        });
      await sources.update(source.name, { enabled });
      logChange(res, `${action}d`, source);
      res.redirect(303, `/admin/webhook-sources?done=${action}d`);
    });
  }

  router.post('/admin/webhook-sources/:id/secret', admin, requireCsrf, async (req: Request, res: Response) => {
    const source = await byId(req.params.id);
    const issued = VENDOR_ISSUED_SECRETS[source.vendor];
    if (issued) {
      // Lever shows its token in its own settings, SmartRecruiters' API makes its secret keys; we can only store the new one.
      const token = text(req, 'secret');
      const label = VENDOR_LABELS[source.vendor];
      const message = token ? secretError(token) : `paste the new ${issued} ${label} shows`;
      if (message) return render(req, res, 400, { rowError: { id: source.id, message } });
      await sources.update(source.name, { secret: token });
      logChange(res, 'secret_replaced', source);
      return render(req, res, 200, { notice: `The ${label} ${issued} of “${source.name}” was replaced.` });
    }
    // The old secret stops verifying at once: a confirmed step, as disabling.
    if (text(req, 'confirm') !== 'yes')
      return render(req, res, 400, {
        errors: {
          action: `New signing secret for ${source.name} was not made: tick “I am sure” beside the button to confirm`,
        },
      });
    const secret = generateSecret(source.vendor);
    await sources.update(source.name, { secret });
    logChange(res, 'secret_replaced', source);
    await render(req, res, 200, { created: { name: source.name, vendor: source.vendor, secret, isNew: false } });
  });

  return router;
}
