// Runs Dunwell's real workers in the test process, on a task queue of the test's own.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { inject } from 'vitest';
import { createResendMailer } from '../../activities/mailer';
import type { Orm } from '../../db/orm';
import { createWorkers } from '../../worker/create-workers';
import type { OwnerLinks } from '../../services/owner-links';
import { TEST_OWNER_LINKS } from './api';
import type { FakeResend } from './fake-resend';
import type { WebhookSettings } from '../../services/webhook-settings';

export interface RunningWorkers {
  taskQueue: string;
  stop(): Promise<void>;
}

export async function startTestWorkers(opts: { connection: NativeConnection; namespace?: string; orm: Orm; resend: FakeResend; taskQueue?: string; publicUrl?: string; temporal?: Client; workflowIdPrefix?: string; ownerLinks?: OwnerLinks | null; webhooks?: WebhookSettings }): Promise<RunningWorkers> {
  const taskQueue = opts.taskQueue ?? `test-${randomUUID()}`;
  const workers = await createWorkers({
    connection: opts.connection,
    namespace: opts.namespace ?? 'default',
    taskQueue,
    orm: opts.orm,
    mailer: createResendMailer(opts.resend.apiKey, opts.resend.url),
    emailFrom: 'Studio Ivanova <billing@ivanova.studio>',
    emailRatePerSecond: 1000,
    publicUrl: opts.publicUrl ?? 'http://127.0.0.1',
    ownerLinks: opts.ownerLinks === undefined ? TEST_OWNER_LINKS : opts.ownerLinks,
    temporal: opts.temporal,
    workflowIdPrefix: opts.workflowIdPrefix,
    webhooks: opts.webhooks,
    workflowBundle: { codePath: inject('workflowBundlePath') },
  });
  const running = Promise.all(workers.map((w) => w.run()));
  let stopped: Promise<unknown> | null = null;
  return {
    taskQueue,
    // Safe to call twice (a test may stop them early, the file's teardown again).
    stop: () => {
      stopped ??= (async () => {
        for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
        await running;
      })();
      return stopped.then(() => undefined);
    },
  };
}
