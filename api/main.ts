// The API process: serves HTTP until SIGINT/SIGTERM, then drains and closes its connections.
import { logger } from '../observability/logger';
import { loadConfig } from '../config/env';
import { connectClient } from '../config/temporal';
import { createOrm } from '../db/orm';
import { createApp } from './app';

async function main() {
  const config = loadConfig();
  if (!config.DUNWELL_API_KEY) throw new Error('DUNWELL_API_KEY is not set (npm start makes one for development).');
  const orm = await createOrm(config.DATABASE_URL);
  const temporal = await connectClient(config, { forApi: true });
  const app = createApp({
    orm,
    temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    apiKey: config.DUNWELL_API_KEY,
    stripeWebhookSecret: config.STRIPE_WEBHOOK_SECRET,
    paymentsWebhookSecret: config.PAYMENTS_WEBHOOK_SECRET,
    resendWebhookSecret: config.RESEND_WEBHOOK_SECRET,
    publicUrl: config.publicUrl,
    workflowIdPrefix: config.WORKFLOW_ID_PREFIX,
    // Never in production: the outbox lists every client's links.
    outbox: !config.RESEND_API_KEY && config.NODE_ENV !== 'production',
    docs: config.apiDocs,
    metricsToken: config.METRICS_TOKEN,
    trustProxy: config.trustProxy,
    ownerLinks: config.ownerLinks ?? undefined,
    publicRateLimitPerMinute: config.RATE_LIMIT_PUBLIC_PER_MINUTE,
    ownerRateLimitPerMinute: config.RATE_LIMIT_OWNER_PER_MINUTE,
    webhookRateLimitPerMinute: config.RATE_LIMIT_WEBHOOKS_PER_MINUTE,
    webhooks: config.webhooks,
  });
  if (config.NODE_ENV === 'production' && !config.RESEND_API_KEY) {
    logger.warn('RESEND_API_KEY is not set: emails are recorded but not sent, and the outbox is off in production');
  }
  const server = app.listen(config.PORT, config.HOST, () => {
    logger.info('api listening', { url: config.publicUrl });
  });
  const shutdown = () => {
    server.close(async () => {
      await temporal.connection.close();
      await orm.close();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err) => {
  logger.error('api failed to start', { error: err });
  process.exit(1);
});
