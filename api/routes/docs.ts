import express, { Router } from 'express';
import path from 'node:path';
import { buildOpenApiDocument } from '../openapi';
import type { AppDeps } from '../deps';

// Swagger UI served from the installed package: no script or font is fetched from the internet.
const DOCS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dunwell API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script><script src="/docs/init.js"></script></body></html>`;

export function docsRouter({ publicUrl }: AppDeps): Router {
  const router = Router();
  const document = buildOpenApiDocument(publicUrl);
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(DOCS_PAGE);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(`window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui' });`);
  });
  router.use('/docs/assets', express.static(path.dirname(require.resolve('swagger-ui-dist/package.json')), { index: false }));
  return router;
}
