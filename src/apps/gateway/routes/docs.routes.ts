import getSwaggerUiPath from 'swagger-ui-dist/absolute-path.js';
import serve from 'koa-static';
import { z } from 'zod';
import { HttpError } from '../../../shared/infrastructure/http/errors.js';
import { API_PREFIX, route, type AnyRoute } from '../http/route-table.js';

const TAG = 'Documentation';
const DOCS = `${API_PREFIX}/docs`;
const SPEC = `${API_PREFIX}/openapi.json`;

/**
 * The content type each kind of asset is served with: Koa's for the file's extension (koa-static
 * sets it the same way), and the initializer is given the one of a `.js` file. The OpenAPI
 * document lists exactly these.
 */
const ASSET_MEDIA_TYPES = ['text/css', 'text/javascript', 'image/png'] as const;

/** The Swagger UI files the page loads; nothing else under /api/docs is served. */
const SWAGGER_UI_ASSETS = [
  'swagger-ui.css',
  'index.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
] as const;
const INITIALIZER = 'swagger-initializer.js';

const AssetParamsSchema = z.object({ asset: z.enum([...SWAGGER_UI_ASSETS, INITIALIZER]) });

// No inline script (the CSP forbids it): the page loads Swagger UI and our initializer as files.
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>sagashop API</title>
    <link rel="stylesheet" href="${DOCS}/swagger-ui.css" />
    <link rel="stylesheet" href="${DOCS}/index.css" />
    <link rel="icon" type="image/png" href="${DOCS}/favicon-32x32.png" sizes="32x32" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${DOCS}/swagger-ui-bundle.js" charset="utf-8"></script>
    <script src="${DOCS}/swagger-ui-standalone-preset.js" charset="utf-8"></script>
    <script src="${DOCS}/${INITIALIZER}" charset="utf-8"></script>
  </body>
</html>
`;

// Replaces swagger-ui-dist's own initializer, which points at the petstore.
const INITIALIZER_SCRIPT = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(SPEC)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
};
`;

/** The OpenAPI document and an interactive page for it, served by the gateway itself (no CDN). */
export function docsRoutes(document: () => Record<string, unknown>): AnyRoute[] {
  const serveSwaggerUi = serve(getSwaggerUiPath(), { index: false, maxage: 86_400_000 });

  return [
    route({
      method: 'get',
      path: '/openapi.json',
      operationId: 'openApiDocument',
      tag: TAG,
      summary: 'This API as an OpenAPI 3.1 document',
      auth: false,
      selfContained: true,
      response: {
        status: 200,
        description: 'Generated from the same route table and schemas the gateway validates with',
        schema: z.record(z.string(), z.unknown()),
      },
      handle: () => document(),
    }),

    route({
      method: 'get',
      path: '/docs',
      operationId: 'docsPage',
      tag: TAG,
      summary: 'Interactive API documentation (Swagger UI)',
      auth: false,
      selfContained: true,
      response: { status: 200, description: 'HTML page', mediaType: 'text/html' },
      handle({ ctx }) {
        ctx.type = 'html';
        ctx.set('Cache-Control', 'no-cache');
        ctx.body = PAGE;
      },
    }),

    route({
      method: 'get',
      path: '/docs/:asset',
      operationId: 'docsAsset',
      tag: TAG,
      summary: 'Files of the documentation page',
      auth: false,
      selfContained: true,
      request: { params: AssetParamsSchema },
      response: { status: 200, description: 'Stylesheet (.css), script (.js) or icon (.png)', mediaType: ASSET_MEDIA_TYPES },
      // Only if swagger-ui-dist lost one of the files the page names (an upgrade renamed it).
      errors: { 404: 'HTTP.NOT_FOUND' },
      async handle({ params, ctx }) {
        if (params.asset === INITIALIZER) {
          ctx.type = 'js';
          ctx.set('Cache-Control', 'no-cache');
          ctx.body = INITIALIZER_SCRIPT;
          return;
        }
        // koa-static serves by ctx.path; point it at the file inside swagger-ui-dist for this call.
        const requested = ctx.path;
        ctx.path = `/${params.asset}`;
        try {
          await serveSwaggerUi(ctx, async () => {});
        } finally {
          ctx.path = requested;
        }
        if (ctx.body === undefined || ctx.body === null) throw new HttpError(404, 'HTTP.NOT_FOUND', `No ${params.asset}`);
      },
    }),
  ];
}
