// Resend misbehaving: rate limits and outages are retried with backoff and each email arrives
// once; a refused address is not retried, becomes a task for the owner, and the invoice goes on.
import { beforeAll, describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { waitFor } from '../support/wait';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

describe('email faults', () => {
  it('429 then 500: retried with backoff, delivered exactly once', async () => {
    ctx.resend.failNext(429, 500);
    const before = ctx.resend.requests;
    const invoice = (await call('POST', '/v1/invoices', { ...invoiceInput(), policy: 'standard', client: { ...invoiceInput().client, email: 'retry@client.test' } })).body;
    await waitFor(() => ctx.resend.deliveries.find((d) => d.subject.includes(invoice.number)), 45_000, 'the email after retries');
    expect(ctx.resend.requests - before).toBe(3);
    expect(ctx.resend.deliveries.filter((d) => d.subject.includes(invoice.number))).toHaveLength(1);
  }, 60_000);

  it('422 (a bad address): not retried, an owner task, and the invoice keeps running', async () => {
    ctx.resend.rejectAddress('nobody@bad-address.test');
    const before = ctx.resend.requests;
    const invoice = (await call('POST', '/v1/invoices', { ...invoiceInput(), policy: 'standard', client: { ...invoiceInput().client, email: 'nobody@bad-address.test' } })).body;
    const task = await waitFor(async () => (await call('GET', '/v1/tasks')).body.data.find((t: { invoiceId: string; kind: string }) => t.invoiceId === invoice.id && t.kind === 'email_rejected'), 15_000, 'the owner task');
    expect(task.detail).toContain('Please check the address');
    expect(ctx.resend.requests - before).toBe(1);
    const detail = (await call('GET', `/v1/invoices/${invoice.id}`)).body;
    expect(detail).toMatchObject({ status: 'open', workflow: { reachable: true } });
    expect(detail.nextStep).not.toBeNull();
  });
});
