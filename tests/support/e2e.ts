// The whole product on the run's Temporal dev server: the real workers and the real API over
// HTTP, this file's own database and task queue, the resend SDK against a fake Resend.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, inject } from 'vitest';
import type { Orm } from '../../db/orm';
import { startTestApi, type TestApi } from './api';
import { createTestDatabase } from './database';
import { startFakeResend, type FakeResend } from './fake-resend';
import { startTestWorkers, type RunningWorkers } from './workers';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from '../../services/webhook-settings';

/** Tests send webhooks to their own loopback receivers (WEBHOOK_ALLOW_PRIVATE_URLS=true), and retry within seconds. */
export const TEST_WEBHOOK_SETTINGS: WebhookSettings = {
  ...DEFAULT_WEBHOOK_SETTINGS, allowPrivateUrls: true, retry: { initialSeconds: 1, maximumSeconds: 2, totalSeconds: 120 }, timeoutSeconds: 5,
};

export interface E2EContext {
  orm: Orm;
  resend: FakeResend;
  workers: RunningWorkers;
  api: TestApi;
  client: Client;
}

export function useE2E(options: { webhooks?: WebhookSettings } = {}): E2EContext {
  const webhooks = options.webhooks ?? TEST_WEBHOOK_SETTINGS;
  const ctx = {} as E2EContext;
  let nativeConnection: NativeConnection;
  beforeAll(async () => {
    const address = inject('temporalAddress');
    [ctx.orm, ctx.resend, nativeConnection] = await Promise.all([createTestDatabase(), startFakeResend(), NativeConnection.connect({ address })]);
    ctx.client = new Client({ connection: await Connection.connect({ address }) });
    // The API first, so the workers know its address for the links in the emails.
    const taskQueue = `test-${randomUUID()}`;
    ctx.api = await startTestApi({ orm: ctx.orm, temporal: ctx.client, taskQueue, deps: { webhooks } });
    ctx.workers = await startTestWorkers({ connection: nativeConnection, orm: ctx.orm, resend: ctx.resend, taskQueue, publicUrl: ctx.api.url, temporal: ctx.client, workflowIdPrefix: ctx.api.workflowIdPrefix, webhooks });
  });
  afterAll(async () => {
    await ctx.api?.stop();
    await ctx.workers?.stop();
    await ctx.client?.connection.close();
    await nativeConnection?.close();
    await Promise.all([ctx.orm?.close(), ctx.resend?.stop()]);
  });
  return ctx;
}
