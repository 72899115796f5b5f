// Stopping workers in the middle of a burst loses nothing and sends nothing twice: a new worker
// picks up where the old one stopped (in-flight activities finish within the grace time).
import { NativeConnection } from '@temporalio/worker';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { waitFor } from '../support/wait';
import { startTestWorkers } from '../support/workers';
import { reconcileUnstartedInvoices } from '../../worker/reconciler';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

describe('graceful shutdown under load', () => {
  it('30 invoices, workers stopped mid-burst and replaced: every invoice emailed exactly once', async () => {
    const created = Promise.all(Array.from({ length: 30 }, (_, i) => call('POST', '/v1/invoices', { ...invoiceInput(), policy: 'standard', client: { ...invoiceInput().client, email: `burst-${i}@client.test` } })));
    await waitFor(() => ctx.resend.deliveries.length >= 3 || undefined, 20_000, 'the first emails');
    await ctx.workers.stop(); // SIGTERM's path: drain, finish in-flight activities within the grace time
    const invoices = (await created).map((r) => r.body);
    expect(invoices.every((i) => i.number)).toBe(true);

    const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
    const replacement = await startTestWorkers({ connection, orm: ctx.orm, resend: ctx.resend, taskQueue: ctx.workers.taskQueue, publicUrl: ctx.api.url, temporal: ctx.client });
    ctx.workers = replacement;
    try {
      // As the worker process does: the reconciler starts any workflow whose start was cut off
      // (under load a start can miss its 5 s deadline; the row is committed and waits for it).
      await waitFor(async () => {
        await reconcileUnstartedInvoices({ orm: ctx.orm, client: ctx.client, taskQueue: ctx.workers.taskQueue }, 0);
        return invoices.every((i) => ctx.resend.deliveries.some((d) => d.subject.includes(i.number))) || undefined;
      }, 100_000, 'every invoice emailed');
      const keys = ctx.resend.deliveries.map((d) => d.idempotencyKey);
      expect(new Set(keys).size).toBe(keys.length); // none delivered twice
      for (const invoice of invoices) {
        expect(ctx.resend.deliveries.filter((d) => d.subject.includes(invoice.number))).toHaveLength(1);
      }
    } finally {
      await replacement.stop();
      await connection.close();
    }
  }, 180_000);
});
