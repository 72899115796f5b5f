// The whole product on the time-skipping server: the real API over HTTP (its pages too), the
// real workers in this process, a fresh database and the fake Resend. Weeks of an invoice's life
// pass in seconds, so a test reaches a check-in or a collections review and then clicks through
// the pages as a person would. The API starts invoices without search attributes (that server
// has none) and issues them on the server's date.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll } from 'vitest';
import type { Orm } from '../../db/orm';
import { startTestApi, type TestApi } from './api';
import { createTestDatabase } from './database';
import { startFakeResend, type FakeResend } from './fake-resend';
import { ISSUER } from './fixtures';
import { startTimeSkippingServer } from './time-skipping-server';
import { startTestWorkers, type RunningWorkers } from './workers';

export interface TimeSkippingApi {
  env: TestWorkflowEnvironment;
  orm: Orm;
  resend: FakeResend;
  api: TestApi;
  workers: RunningWorkers;
  /** The server's clock: the wall clock plus every skip so far. */
  now(): Date;
  /** Moves the server's clock (and every workflow timer) to `at` plus `extraMs`. */
  skipTo(at: string, extraMs?: number): Promise<void>;
}

export function useTimeSkippingApi(): TimeSkippingApi {
  const ctx = {} as TimeSkippingApi;
  let offset = 0;
  beforeAll(async () => {
    [ctx.env, ctx.orm, ctx.resend] = await Promise.all([startTimeSkippingServer(), createTestDatabase(), startFakeResend()]);
    offset = (await ctx.env.currentTimeMs()) - Date.now();
    const taskQueue = `owner-${randomUUID()}`;
    ctx.api = await startTestApi({
      orm: ctx.orm, temporal: ctx.env.client, taskQueue,
      // Not in AppDeps, but createInvoice reads both from the deps it is handed (as tests/random/system.ts does).
      deps: { searchAttributes: false, now: () => new Date(Date.now() + offset) } as never,
    });
    ctx.workers = await startTestWorkers({
      connection: ctx.env.nativeConnection, orm: ctx.orm, resend: ctx.resend, taskQueue, publicUrl: ctx.api.url, temporal: ctx.env.client, workflowIdPrefix: ctx.api.workflowIdPrefix,
    });
    const issuer = await ctx.api.call('PUT', '/v1/issuer', ISSUER);
    if (issuer.status !== 200) throw new Error(`issuer not saved: ${issuer.status}`);
  });
  afterAll(async () => {
    await ctx.api?.stop();
    await ctx.workers?.stop();
    await Promise.all([ctx.env?.teardown(), ctx.orm?.close(), ctx.resend?.stop()]);
  });
  ctx.now = () => new Date(Date.now() + offset);
  ctx.skipTo = async (at, extraMs = 0) => {
    await ctx.env.sleep(Math.max(1, Date.parse(at) + extraMs - (await ctx.env.currentTimeMs())));
    offset = (await ctx.env.currentTimeMs()) - Date.now();
  };
  return ctx;
}
