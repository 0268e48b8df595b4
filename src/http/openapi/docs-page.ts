// The browsable API reference: Swagger UI from the pinned swagger-ui-dist package, served by us (no CDN), with an
// external init script of our own so that the page's Content-Security-Policy allows no inline script at all.
import path from 'node:path';

export const DOCS_PATH = '/api/docs';
export const ASSETS_PATH = `${DOCS_PATH}/assets`;
export const DOCUMENT_PATH = '/api/openapi.json';

const INIT_SCRIPT_NAME = 'init.js';

/** Files of swagger-ui-dist the page loads, by the name it asks for. */
const PACKAGE_FILES: Record<string, { file: string; type: string }> = {
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'application/javascript; charset=utf-8' },
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'favicon-32x32.png': { file: 'favicon-32x32.png', type: 'image/png' },
  'favicon-16x16.png': { file: 'favicon-16x16.png', type: 'image/png' },
};

export const DOCS_ASSET_NAMES = [...Object.keys(PACKAGE_FILES), INIT_SCRIPT_NAME] as const;

export function packageAsset(name: string): { file: string; type: string } | undefined {
  const entry = Object.hasOwn(PACKAGE_FILES, name) ? PACKAGE_FILES[name] : undefined;
  if (!entry) return undefined;
  return {
    file: path.join(path.dirname(require.resolve('swagger-ui-dist/package.json')), entry.file),
    type: entry.type,
  };
}

export const INIT_SCRIPT = {
  name: INIT_SCRIPT_NAME,
  type: 'application/javascript; charset=utf-8',
  // No validator badge (it would call validator.swagger.io), no remote anything: only our own document.
  body: `'use strict';
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(DOCUMENT_PATH)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`,
};

export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hiring-fraud risk checker: API reference</title>
<link rel="stylesheet" href="${ASSETS_PATH}/swagger-ui.css">
<link rel="icon" type="image/png" href="${ASSETS_PATH}/favicon-32x32.png" sizes="32x32">
<link rel="icon" type="image/png" href="${ASSETS_PATH}/favicon-16x16.png" sizes="16x16">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${ASSETS_PATH}/swagger-ui-bundle.js"></script>
<script src="${ASSETS_PATH}/${INIT_SCRIPT_NAME}"></script>
</body>
</html>
`;

/**
 * Scripts and styles only from this origin, no inline script; images also as data: URIs (Swagger UI's style sheet
 * draws its icons so); fetches only to this origin (the document, and "Try it out").
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
