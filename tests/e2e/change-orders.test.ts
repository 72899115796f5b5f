// Habit 8: extra scope is agreed in writing before it is billed, and shown apart from the original.
import { beforeAll, describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { pdfText } from '../support/pdf-text';
import { waitFor } from '../support/wait';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);
const extra = { description: 'Animated logo for the launch', reason: 'Asked for on the 2 December call', lines: [{ description: 'Logo animation', quantity: 1, unitAmount: 30_000, taxRate: 20 }] };

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

async function invoiceWithChangeOrder(email: string) {
  const invoice = (await call('POST', '/v1/invoices', { ...invoiceInput(), policy: 'standard', client: { ...invoiceInput().client, email } })).body;
  const proposed = await call('POST', `/v1/invoices/${invoice.id}/change-orders`, extra);
  expect(proposed.status).toBe(201);
  expect(proposed.body).toMatchObject({ status: 'pending', total: 36_000 });
  const mail = await waitFor(() => ctx.resend.deliveries.find((d) => d.to.includes(email) && d.subject.includes('extra work')), 15_000, 'the approval request');
  expect(mail.text).toContain(proposed.body.approvalUrl);
  expect(mail.text).toContain('Asked for on the 2 December call');
  return { invoice, order: proposed.body, url: proposed.body.approvalUrl as string };
}

const decide = (url: string, name: string, decision: string) =>
  fetch(url, { method: 'POST', body: new URLSearchParams({ name, decision }), redirect: 'manual', headers: { 'user-agent': 'ClientBrowser/1.0' } });

describe('change orders', () => {
  it('an approved change order is billed in its own section, with the approval on record', async () => {
    const { invoice, order, url } = await invoiceWithChangeOrder('approve@client.test');
    // Not approved yet: never in the total.
    expect((await call('GET', `/v1/invoices/${invoice.id}`)).body.amountDue).toBe(invoice.total);
    const page = await (await fetch(url)).text();
    expect(page).toContain('Animated logo for the launch');

    const res = await decide(url, 'Maria Petrova', 'approve');
    expect(res.status).toBe(303);
    const [recorded] = (await call('GET', `/v1/invoices/${invoice.id}/change-orders`)).body.data;
    expect(recorded).toMatchObject({ id: order.id, status: 'approved', decidedName: 'Maria Petrova', decidedUserAgent: 'ClientBrowser/1.0', decidedIp: expect.stringMatching(/127\.0\.0\.1/) });
    expect(recorded.decidedAt).toBeTruthy();
    const after = (await call('GET', `/v1/invoices/${invoice.id}`)).body;
    expect(after.amountDue).toBe(invoice.total + 36_000);

    const clientPage = await (await fetch(invoice.hostedUrl)).text();
    expect(clientPage).toContain('Approved change: Animated logo for the launch');
    const pdf = (await pdfText(new Uint8Array(await (await fetch(`${invoice.hostedUrl}/pdf`)).arrayBuffer()))).replace(/\s+/g, ' ');
    expect(pdf).toContain('Approved change: Animated logo for the launch');
    expect(pdf).toContain('€1,900.00'); // 1,540.00 + 360.00 due
    expect((await decide(url, 'Maria Petrova', 'decline')).status).toBe(409); // decided once
  });

  it('a declined change order stays on the timeline and never reaches the total', async () => {
    const { invoice, url } = await invoiceWithChangeOrder('decline@client.test');
    expect((await decide(url, 'Ivan Georgiev', 'decline')).status).toBe(303);
    const after = (await call('GET', `/v1/invoices/${invoice.id}`)).body;
    expect(after.amountDue).toBe(invoice.total);
    expect(after.timeline.map((e: { kind: string }) => e.kind)).toContain('change_order_declined');
    expect(await (await fetch(invoice.hostedUrl)).text()).not.toContain('Animated logo');
    expect((await decide(url, '', 'approve')).status).toBe(400);
  });

  it('an unknown or malformed change-order link is a plain 404', async () => {
    for (const token of ['nope', 'A'.repeat(32)]) {
      const res = await fetch(`${ctx.api.url}/c/${token}`);
      expect(res.status).toBe(404);
    }
  });
});
