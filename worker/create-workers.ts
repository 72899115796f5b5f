// The three workers of one process: workflows and bookkeeping on the main queue, email on its own
// rate-limited queue so a burst of reminders waits its turn instead of tripping Resend's limit,
// and outgoing webhooks on theirs.
import path from 'node:path';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createEmailActivities } from '../activities/email';
import { createOwnerEmailActivities } from '../activities/owner-email';
import type { Mailer } from '../activities/mailer';
import { createRecordActivities } from '../activities/records';
import { createRecurringActivities } from '../activities/recurring';
import type { Client } from '@temporalio/client';
import { createReminderBatchActivities, createReminderQueueActivities } from '../activities/client-reminders';
import type { Orm } from '../db/orm';
import { emailTaskQueue, webhookTaskQueue } from '../workflows/task-queues';
import { createWebhookActivities } from '../activities/webhooks';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from '../services/webhook-settings';
import type { OwnerLinks } from '../services/owner-links';

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  orm: Orm;
  mailer: Mailer;
  emailFrom: string;
  emailRatePerSecond: number;
  publicUrl: string;
  /** Signs the links in owner emails (config/env.ts OWNER_LINK_SECRET); null: owner emails go without one. */
  ownerLinks: OwnerLinks | null;
  /** For recurring plans: issuing starts workflows, and a plan may pause its schedule. */
  temporal?: Client;
  workflowIdPrefix?: string;
  /** See WORKER_MAX_CACHED_WORKFLOWS in config/env.ts. */
  maxCachedWorkflows?: number;
  /** A prebuilt bundle (tests build one per run); otherwise workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Outgoing webhooks; unset: the defaults (private destinations refused). */
  webhooks?: WebhookSettings;
}

function emailActivities(deps: WorkerDeps) {
  const emailDeps = { orm: deps.orm, mailer: deps.mailer, from: deps.emailFrom, publicUrl: deps.publicUrl, ownerLinks: deps.ownerLinks };
  const email = createEmailActivities(emailDeps);
  return { ...email, ...createOwnerEmailActivities(emailDeps), ...createReminderBatchActivities(emailDeps, email.sendClientEmail) };
}

export async function createWorkers(deps: WorkerDeps): Promise<Worker[]> {
  // Bundled once for both workers that run workflows (each would bundle on its own otherwise).
  const workflows = { workflowBundle: deps.workflowBundle ?? await bundleWorkflowCode({ workflowsPath: path.resolve(__dirname, '../workflows/index.ts') }) };
  const webhooks = deps.webhooks ?? DEFAULT_WEBHOOK_SETTINGS;
  const main = await Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    ...workflows,
    activities: {
      ...createRecordActivities({ orm: deps.orm, lanes: { temporal: deps.temporal, taskQueue: deps.taskQueue, workflowIdPrefix: deps.workflowIdPrefix, webhooks } }),
      ...createRecurringActivities({ orm: deps.orm, temporal: deps.temporal, taskQueue: deps.taskQueue, workflowIdPrefix: deps.workflowIdPrefix, webhooks }),
      ...createReminderQueueActivities({ temporal: deps.temporal, taskQueue: deps.taskQueue, workflowIdPrefix: deps.workflowIdPrefix }),
    },
    maxCachedWorkflows: deps.maxCachedWorkflows,
    // In-flight activities get time to finish on shutdown instead of being cancelled.
    shutdownGraceTime: '10 seconds',
  });
  const email = await Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: emailTaskQueue(deps.taskQueue),
    activities: emailActivities(deps),
    maxTaskQueueActivitiesPerSecond: deps.emailRatePerSecond,
    shutdownGraceTime: '30 seconds',
  });
  // Outgoing webhooks: the lanes and their deliveries, apart from invoices (see webhookTaskQueue).
  const hooks = await Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: webhookTaskQueue(deps.taskQueue),
    ...workflows,
    activities: createWebhookActivities({ orm: deps.orm, webhooks, mailer: deps.mailer, from: deps.emailFrom }),
    maxCachedWorkflows: deps.maxCachedWorkflows,
    shutdownGraceTime: '10 seconds',
  });
  return [main, email, hooks];
}

export async function runWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.run()));
}
