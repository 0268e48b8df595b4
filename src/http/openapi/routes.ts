// GET /api/openapi.json (the document, built once) and GET /api/docs (its browsable reference); no API key needed.
import { Router, type Request, type Response } from 'express';
import { publicRoute } from '../../auth/route-access';
import { AppError } from '../../errors';
import { buildOpenApiDocument } from './document';
import { ASSETS_PATH, DOCS_CSP, DOCS_HTML, DOCS_PATH, DOCUMENT_PATH, INIT_SCRIPT, packageAsset } from './docs-page';

// The assets come from a pinned package: an hour of caching is safe, and the page itself is never cached.
const ASSET_CACHE = 'public, max-age=3600';

export function openApiRoutes(): Router {
  const document = JSON.stringify(buildOpenApiDocument());
  const router = Router({ caseSensitive: true });

  router.get(
    DOCUMENT_PATH,
    publicRoute('the API description, the same for everyone'),
    (_req: Request, res: Response) => {
      res.type('application/json').send(document);
    },
  );

  router.get(DOCS_PATH, publicRoute('the API reference page'), (_req: Request, res: Response) => {
    res.setHeader('Content-Security-Policy', DOCS_CSP);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.type('html').send(DOCS_HTML);
  });

  router.get(
    `${ASSETS_PATH}/:file`,
    publicRoute("the API reference page's scripts and styles"),
    (req: Request, res: Response, next) => {
      const name = String(req.params.file);
      if (name === INIT_SCRIPT.name) {
        res.setHeader('Cache-Control', ASSET_CACHE);
        res.type(INIT_SCRIPT.type).send(INIT_SCRIPT.body);
        return;
      }
      const asset = packageAsset(name);
      if (!asset) throw new AppError('not_found', `No route for GET ${req.path}`);
      res.setHeader('Cache-Control', ASSET_CACHE);
      res.type(asset.type).sendFile(asset.file, (error) => {
        if (error) next(error);
      });
    },
  );

  return router;
}
