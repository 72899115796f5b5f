// The HTTP application, with no listen(): tests drive it against real servers.
import express from 'express';
import { logger } from '../observability/logger';
import { metrics, registry } from '../observability/metrics';
import { requireApiKey, requireSecret } from './auth';
import { idempotency } from './idempotency';
import { hashed, rateLimit } from './rate-limit';
import type { AppDeps } from './deps';
import { errorHandler, methodNotAllowed, notFound } from './errors';
import { buildOpenApiDocument } from './openapi';
import { docsRouter } from './routes/docs';
import { healthRouter } from './routes/health';
import { invoicesRouter } from './routes/invoices';
import { creditNotesRouter } from './routes/credit-notes';
import { referenceRatesRouter } from './routes/reference-rates';
import { issuerRouter } from './routes/issuer';
import { outboxRouter } from './routes/outbox';
import { clientsRouter } from './routes/clients';
import { clientPagesRouter } from './routes/client-pages';
import { clientRelationshipRouter } from './routes/client-relationship';
import { statementPagesRouter } from './routes/statement-pages';
import { changeOrderPagesRouter } from './routes/change-order-pages';
import { ownerPagesRouter } from './routes/owner-pages';
import { DEFAULT_OWNER_LINK_DAYS, deriveOwnerLinkSecret } from '../services/owner-links';
import { policiesRouter } from './routes/policies';
import { paymentsRouter } from './routes/payments';
import { recurringRouter } from './routes/recurring';
import { auditRouter } from './routes/audit';
import { tasksRouter } from './routes/tasks';
import { webhooksRouter } from './routes/webhooks';
import { eventsRouter } from './routes/events';
import { webhookEndpointsRouter } from './routes/webhook-endpoints';

export function createApp(given: AppDeps & { outbox: boolean }) {
  // The owner's task links are signed with their own secret, else one derived from the API key (config/env.ts).
  const deps = { ...given, ownerLinks: given.ownerLinks ?? { secret: deriveOwnerLinkSecret(given.apiKey), days: DEFAULT_OWNER_LINK_DAYS } };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Who the client is (req.ip): the socket's peer unless TRUST_PROXY names the proxies in front.
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use((req, res, next) => {
    res.set({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' });
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // The route pattern, not the path: ids and tokens never become labels (or log lines).
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      logger.info('request', { method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000), invoiceId: /^[0-9a-f-]{36}$/i.test(String(req.params?.id ?? '')) ? String(req.params.id) : undefined });
    });
    next();
  });
  const metricsAuth: express.RequestHandler[] = deps.metricsToken ? [requireSecret(deps.metricsToken, { what: 'METRICS_TOKEN' })] : [];
  app.get('/metrics', ...metricsAuth, async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });

  // Webhooks first: they need the raw body for signature checks, and carry no API key.
  const webhookLimit = rateLimit({ orm: deps.orm, scope: 'webhooks', max: deps.webhookRateLimitPerMinute ?? 6000 });
  app.use('/v1/webhooks', webhookLimit, webhooksRouter(deps));
  app.use(express.json({ limit: '256kb', strict: true }));
  app.use(healthRouter(deps));
  if (deps.docs ?? true) app.use(docsRouter(deps));
  // Every client's email and links: behind the API key (a browser logs in with it as password).
  if (deps.outbox) app.use('/outbox', requireSecret(deps.apiKey, { basic: true }), outboxRouter(deps));
  // Public pages: a person reads them; nobody needs more than this many a minute.
  const publicLimit = rateLimit({ orm: deps.orm, scope: 'public', max: deps.publicRateLimitPerMinute ?? 120 });
  app.use('/i', publicLimit, clientPagesRouter(deps));
  app.use('/c', publicLimit, changeOrderPagesRouter(deps));
  app.use('/s', publicLimit, statementPagesRouter(deps));
  // The owner's one-click task pages: public as the client's are (the signed link is the key).
  app.use('/o', publicLimit, ownerPagesRouter(deps));

  const owner = express.Router();
  owner.use(requireApiKey(deps.apiKey));
  // Counted per key (hashed: the counter table never holds a secret), after it is known good.
  owner.use(rateLimit({ orm: deps.orm, scope: 'owner', max: deps.ownerRateLimitPerMinute ?? 6000, keyOf: () => hashed(deps.apiKey) }));
  owner.use(idempotency(deps.orm));
  owner.use('/issuer', issuerRouter(deps));
  const creditNotes = creditNotesRouter(deps);
  owner.use('/invoices', invoicesRouter(deps), creditNotes.perInvoice);
  owner.use('/credit-notes', creditNotes.all);
  owner.use('/reference-rates', referenceRatesRouter(deps));
  owner.use('/tasks', tasksRouter(deps));
  owner.use('/policies', policiesRouter(deps));
  owner.use('/clients', clientsRouter(deps), clientRelationshipRouter(deps));
  owner.use('/payments', paymentsRouter(deps));
  owner.use('/events', eventsRouter(deps));
  owner.use('/webhook-endpoints', webhookEndpointsRouter(deps));
  owner.use('/recurring', recurringRouter(deps));
  owner.use('/audit', auditRouter(deps));
  app.use('/v1', owner);

  app.use(methodNotAllowed(buildOpenApiDocument(deps.publicUrl).paths));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
