// The worker process: runs invoice workflows and their activities until SIGINT/SIGTERM.
import { loadConfig } from '../config/env';
import { connectClient, connectWorkerConnection } from '../config/temporal';
import { createMailer } from '../activities/mailer-from-config';
import { createOrm } from '../db/orm';
import { createWorkers, runWorkers } from './create-workers';
import { startReconciler } from './reconciler';

async function main() {
  const config = loadConfig();
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
    temporal: client,
    workflowIdPrefix: config.WORKFLOW_ID_PREFIX,
  });
  const stopReconciler = startReconciler({ orm, client, taskQueue: config.TEMPORAL_TASK_QUEUE });
  console.log(JSON.stringify({ level: 'info', msg: 'worker running', taskQueue: config.TEMPORAL_TASK_QUEUE }));
  // The SDK's Runtime turns SIGINT/SIGTERM into a graceful worker shutdown; run() resolves after it.
  await runWorkers(workers);
  stopReconciler();
  await client.connection.close();
  await connection.close();
  await orm.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
