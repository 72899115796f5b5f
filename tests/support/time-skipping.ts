// The time-skipping test server with Dunwell's real workers, a database and a fake Resend:
// weeks of an invoice's life pass in seconds.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll } from 'vitest';
import type { InvoiceCreate } from '../../api/schemas';
import type { Orm } from '../../db/orm';
import { createInvoice } from '../../services/create-invoice';
import { createTestDatabase } from './database';
import { startTimeSkippingServer } from './time-skipping-server';
import { startFakeResend, type FakeResend } from './fake-resend';
import { invoiceInput, saveIssuer } from './fixtures';
import { startTestWorkers, type RunningWorkers } from './workers';

export interface TimeSkippingContext {
  env: TestWorkflowEnvironment;
  orm: Orm;
  resend: FakeResend;
  workers: RunningWorkers;
}

/** Registers beforeAll/afterAll hooks; the returned object is filled in before the first test. */
export function useTimeSkipping(): TimeSkippingContext {
  const ctx = {} as TimeSkippingContext;
  beforeAll(async () => {
    [ctx.env, ctx.orm, ctx.resend] = await Promise.all([
      startTimeSkippingServer(),
      createTestDatabase(),
      startFakeResend(),
    ]);
    await saveIssuer(ctx.orm);
    ctx.workers = await startTestWorkers({ connection: ctx.env.nativeConnection, orm: ctx.orm, resend: ctx.resend, temporal: ctx.env.client });
  });
  afterAll(async () => {
    await ctx.workers?.stop();
    await Promise.all([ctx.env?.teardown(), ctx.orm?.close(), ctx.resend?.stop()]);
  });
  return ctx;
}

let counter = 0;

/** Issues an invoice "today" on the test server's clock (earlier tests move it weeks ahead). */
export async function issueInvoice(ctx: TimeSkippingContext, overrides: Partial<InvoiceCreate> = {}) {
  const today = new Date(await ctx.env.currentTimeMs());
  const base = invoiceInput();
  const email = `client-${++counter}-${Math.random().toString(36).slice(2, 8)}@acme.test`;
  const { invoice } = await createInvoice(
    { orm: ctx.orm, temporal: ctx.env.client, taskQueue: ctx.workers.taskQueue, searchAttributes: false, now: () => today },
    { ...base, policy: 'standard', ...overrides, client: { ...base.client, email, ...overrides.client } } as InvoiceCreate,
  );
  return { invoice, handle: ctx.env.client.workflow.getHandle(invoice.workflowId), issuedAt: today };
}

export const mailsTo = (ctx: TimeSkippingContext, address: string) => ctx.resend.deliveries.filter((d) => d.to.includes(address));

export const payment = (paymentId: string, amount: number, currency = 'EUR') => ({
  paymentId, amount, currency, method: 'bank_transfer', receivedAt: new Date().toISOString(),
});
