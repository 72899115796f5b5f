// Histories made by today's code on the real dev server replay against today's code: what a
// worker does after a restart or a cache eviction. (Recorded histories of earlier versions replay
// in tests/workflow/replay.test.ts.) Found by the kill -9 test: two bookkeeping local activities
// racing in one workflow task came back in another order on replay.
import { Worker } from '@temporalio/worker';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { waitFor } from '../support/wait';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

async function issued(email: string) {
  const invoice = (await call('POST', '/v1/invoices', { ...invoiceInput(), policy: 'standard', client: { ...invoiceInput().client, email } })).body;
  await waitFor(() => ctx.resend.deliveries.some((d) => d.subject.includes(invoice.number)) || undefined, 20_000, 'the invoice email');
  return invoice as { id: string; number: string; total: number; workflowId: string };
}

async function replays(workflowId: string) {
  const history = await ctx.client.workflow.getHandle(workflowId).fetchHistory();
  await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, history, workflowId);
}

const paid = (id: string) => waitFor(async () => ((await call('GET', `/v1/invoices/${id}`)).body.status === 'paid') || undefined, 20_000, 'paid');

describe('replay of live histories', () => {
  it('a payment that settles the invoice at once', async () => {
    const invoice = await issued('replay-settle@client.test');
    expect((await call('POST', `/v1/invoices/${invoice.id}/payments`, { amount: invoice.total, method: 'bank_transfer' })).status).toBe(201);
    await paid(invoice.id);
    await replays(invoice.workflowId);
  });

  it('a pause, a part payment, a resume and the rest', async () => {
    const invoice = await issued('replay-partial@client.test');
    expect((await call('POST', `/v1/invoices/${invoice.id}/pause`, { source: 'client', message: 'Half now?' })).status).toBe(200);
    expect((await call('POST', `/v1/invoices/${invoice.id}/payments`, { amount: 1000, method: 'card' })).status).toBe(201);
    expect((await call('POST', `/v1/invoices/${invoice.id}/resume`, { note: 'agreed' })).status).toBe(200);
    expect((await call('POST', `/v1/invoices/${invoice.id}/payments`, { amount: invoice.total - 1000, method: 'card' })).status).toBe(201);
    await paid(invoice.id);
    await replays(invoice.workflowId);
  });
});
