// The worker process: runs invoice workflows and their activities until SIGINT/SIGTERM.
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig } from '../config/env';
import { logger } from '../observability/logger';
import { startMetricsServer } from './metrics-server';
import { connectClient, connectWorkerConnection } from '../config/temporal';
import { createMailer } from '../activities/mailer-from-config';
import { createOrm } from '../db/orm';
import { createWorkers, runWorkers } from './create-workers';
import { startReconciler } from './reconciler';
import { startEventUpkeep } from './event-upkeep';
import { startAuditor } from '../services/auditor';

async function main() {
  const config = loadConfig();
  // SDK and workflow logs (workflow log calls arrive through Temporal's logger sink) as our JSON lines;
  // SDK metrics on a loopback exporter that the worker's /metrics folds in.
  const sdkMetricsPort = config.WORKER_METRICS_PORT + 1;
  Runtime.install({
    logger: new DefaultLogger('INFO', (entry) => {
      const level = entry.level === 'TRACE' || entry.level === 'DEBUG' ? 'debug' : entry.level === 'WARN' ? 'warn' : entry.level === 'ERROR' ? 'error' : 'info';
      logger[level](entry.message, { ...(entry.meta ?? {}) });
    }),
    telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${sdkMetricsPort}` } } },
  });
  const metricsServer = startMetricsServer(config.WORKER_METRICS_PORT, `http://127.0.0.1:${sdkMetricsPort}/metrics`, config.HOST, config.METRICS_TOKEN);
  const orm = await createOrm(config.DATABASE_URL);
  const connection = await connectWorkerConnection(config);
  const client = await connectClient(config);
  // (the client is also how recurring plans start invoices and pause their schedules)
  const workers = await createWorkers({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    orm,
    mailer: createMailer(config),
    emailFrom: config.EMAIL_FROM,
    emailRatePerSecond: config.EMAIL_RATE_PER_SECOND,
    publicUrl: config.publicUrl,
    ownerLinks: config.ownerLinks,
    temporal: client,
    workflowIdPrefix: config.WORKFLOW_ID_PREFIX,
    webhooks: config.webhooks,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    workflowBundle: config.WORKFLOW_BUNDLE_PATH ? { codePath: config.WORKFLOW_BUNDLE_PATH } : undefined,
  });
  if (!config.ownerLinks) logger.warn('owner emails go without their task link: set OWNER_LINK_SECRET or DUNWELL_API_KEY (the API\'s) for the worker');
  const stopReconciler = startReconciler({ orm, client, taskQueue: config.TEMPORAL_TASK_QUEUE });
  const stopUpkeep = startEventUpkeep(orm, { temporal: client, taskQueue: config.TEMPORAL_TASK_QUEUE, workflowIdPrefix: config.WORKFLOW_ID_PREFIX, webhooks: config.webhooks });
  const stopAuditor = config.AUDIT_INTERVAL_SECONDS > 0 ? startAuditor({ orm, temporal: client }, config.AUDIT_INTERVAL_SECONDS * 1000) : () => {};
  logger.info('worker running', { taskQueue: config.TEMPORAL_TASK_QUEUE, metrics: `:${config.WORKER_METRICS_PORT}/metrics` });
  // The SDK's Runtime turns SIGINT/SIGTERM into a graceful worker shutdown; run() resolves after it.
  await runWorkers(workers);
  stopReconciler();
  stopUpkeep();
  stopAuditor();
  metricsServer.close();
  await client.connection.close();
  await connection.close();
  await orm.close();
}

main().catch((err) => {
  logger.error('worker failed', { error: err });
  process.exit(1);
});
