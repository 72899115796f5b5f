// Outgoing webhooks and the event log (issue 16): every change in an invoice's life is an event;
// each subscribed endpoint gets it signed the Standard Webhooks way, at least once, in order per
// invoice, retried with backoff by a Temporal workflow while the endpoint is down.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookDelivery, WebhookEndpoint } from '../../db/entities';
import { createWebhookActivities } from '../../activities/webhooks';
import { createResendMailer } from '../../activities/mailer';
import { TEST_WEBHOOK_SETTINGS, useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { waitFor } from '../support/wait';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { startTestApi } from '../support/api';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.down()));
});

async function receiver(options: { startDown?: boolean } = {}) {
  const r = await startWebhookReceiver(options);
  receivers.push(r);
  return r;
}

async function endpointFor(r: WebhookReceiver, events: string[] = ['*']) {
  const res = await call('POST', '/v1/webhook-endpoints', { url: r.url, events, description: 'CRM' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
  r.setSecret(res.body.secret);
  return res.body as { id: string; secret: string };
}

async function issue() {
  const email = `wh-${randomBytes(4).toString('hex')}@client.test`;
  const res = await call('POST', '/v1/invoices', invoiceInput({ client: { ...invoiceInput().client, email } }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; number: string; total: number };
}

/** The log's events of an invoice, oldest first. */
async function logOf(invoiceId: string): Promise<{ id: string; type: string }[]> {
  const res = await call('GET', `/v1/events?invoiceId=${invoiceId}&limit=100`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return [...res.body.data].reverse();
}

describe('outgoing webhooks', () => {
  it('an endpoint down for a while, then back, gets every event once, in order per invoice, each signature verified', async () => {
    const r = await receiver({ startDown: true });
    const endpoint = await endpointFor(r);
    const paid = await issue();
    const voided = await issue();
    await waitFor(async () => (await logOf(paid.id)).some((e) => e.type === 'invoice.sent'), 20_000, 'the first invoice sent');
    expect((await call('POST', `/v1/invoices/${paid.id}/pause`, { message: 'Client is checking with their accountant' })).status).toBe(200);
    expect((await call('POST', `/v1/invoices/${paid.id}/resume`, {})).status).toBe(200);
    expect((await call('POST', `/v1/invoices/${paid.id}/payments`, { amount: 5_000, method: 'bank_transfer' })).status).toBe(201);
    expect((await call('POST', `/v1/invoices/${paid.id}/payments`, { amount: paid.total - 5_000, method: 'bank_transfer' })).status).toBe(201);
    await waitFor(async () => (await logOf(voided.id)).some((e) => e.type === 'invoice.sent'), 20_000, 'the second invoice sent');
    expect((await call('POST', `/v1/invoices/${voided.id}/void`, { reason: 'Issued to the wrong company' })).status).toBe(200);

    // Down: attempts fail and are recorded, nothing is lost.
    await waitFor(async () => {
      const d = (await call('GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries?status=pending`)).body.data as { attempts: number; lastError: string | null }[];
      return d.some((x) => x.attempts >= 2 && x.lastError);
    }, 30_000, 'failed attempts recorded while the endpoint is down');
    expect(r.accepted).toEqual([]);

    // Back, refusing its first two requests still.
    r.failNext(2);
    await r.up();
    const expected = { [paid.id]: await logOf(paid.id), [voided.id]: await logOf(voided.id) };
    expect(expected[paid.id].map((e) => e.type)).toEqual([
      'invoice.issued', 'invoice.sent', 'invoice.paused', 'invoice.resumed', 'invoice.payment_received', 'invoice.payment_received', 'invoice.paid',
    ]);
    expect(expected[voided.id].map((e) => e.type)).toEqual(['invoice.issued', 'invoice.sent', 'invoice.credited', 'invoice.voided']);
    const all = [...expected[paid.id], ...expected[voided.id]].map((e) => e.id);
    await waitFor(() => all.every((id) => r.accepted.some((a) => a.webhookId === id)), 60_000, 'every event delivered');

    expect(r.refused).toEqual([]);
    expect(r.failedOnPurpose).toBe(2);
    // Once: no event accepted twice.
    const ids = r.accepted.map((a) => a.webhookId);
    expect(new Set(ids).size).toBe(ids.length);
    // In order per invoice: as the invoice's workflow made the changes.
    for (const invoiceId of [paid.id, voided.id]) {
      expect(r.accepted.filter((a) => a.invoiceId === invoiceId).map((a) => a.webhookId)).toEqual(expected[invoiceId].map((e) => e.id));
    }
    // Each carries the invoice as that change left it.
    const last = r.accepted.filter((a) => a.invoiceId === paid.id).at(-1)!;
    expect(last.body).toMatchObject({ type: 'invoice.paid', data: { invoice: { id: paid.id, number: paid.number, status: 'paid', amountDue: 0 } } });
    const firstPayment = r.accepted.find((a) => a.invoiceId === paid.id && a.type === 'invoice.payment_received')!;
    expect(firstPayment.body.data.invoice).toMatchObject({ status: 'open', amountDue: paid.total - 5_000 });

    const deliveries = (await call('GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=100`)).body.data as { status: string; attempts: number }[];
    expect(deliveries.length).toBe(all.length);
    expect(deliveries.every((d) => d.status === 'succeeded')).toBe(true);
    expect(deliveries.some((d) => d.attempts > 2)).toBe(true);
    expect((await ctx.orm.em.fork().findOneOrFail(WebhookEndpoint, { id: endpoint.id })).failingSince).toBeNull();
  });

  it('sends only the subscribed types; a failed delivery is sent again on request', async () => {
    const r = await receiver();
    const endpoint = await endpointFor(r, ['invoice.paid', 'task.created']);
    const inv = await issue();
    // A client's question opens a task for the owner: task.created, with the task.
    expect((await call('POST', `/v1/invoices/${inv.id}/pause`, { message: 'Is the VAT right?', source: 'client' })).status).toBe(200);
    const task = await waitFor(() => r.accepted.find((a) => a.invoiceId === inv.id && a.type === 'task.created'), 30_000, 'the task event');
    expect(task.body.data).toMatchObject({ task: { kind: 'client_question', id: expect.any(String) }, invoice: { id: inv.id, stage: 'paused' } });
    expect((await call('POST', `/v1/invoices/${inv.id}/payments`, { amount: inv.total, method: 'card' })).status).toBe(201);
    await waitFor(() => r.accepted.some((a) => a.invoiceId === inv.id && a.type === 'invoice.paid'), 30_000, 'the paid event');
    expect(r.accepted.filter((a) => a.invoiceId === inv.id).map((a) => a.type)).toEqual(['task.created', 'invoice.paid']);

    // A delivery whose retries ran out (marked as the lane does) goes again on the owner's word.
    const em = ctx.orm.em.fork();
    const delivery = await em.findOneOrFail(WebhookDelivery, { endpointId: endpoint.id, invoiceId: inv.id, eventId: r.accepted.at(-1)!.webhookId });
    await em.nativeUpdate(WebhookDelivery, { id: delivery.id }, { status: 'failed', lastError: 'gave up' });
    const before = r.accepted.length;
    const retried = await call('POST', `/v1/webhook-endpoints/${endpoint.id}/deliveries/${delivery.id}/retry`);
    expect(retried.status, JSON.stringify(retried.body)).toBe(202);
    await waitFor(() => r.accepted.length > before, 30_000, 'the delivery sent again');
    expect(r.accepted.at(-1)!.webhookId).toBe(delivery.eventId);
    expect((await call('POST', `/v1/webhook-endpoints/${endpoint.id}/deliveries/whd_000000000000000000000000/retry`)).status).toBe(404);
  });

  it('an endpoint failing for long is disabled, once, and the owner is emailed; its deliveries fail', async () => {
    const r = await receiver();
    r.failAll(true);
    const endpoint = await endpointFor(r, ['task.created']);
    const inv = await issue();
    // The task.created event, delivered by hand (the activities the lane runs), beside no workflow.
    await ctx.orm.em.fork().execute(`insert into event (id, type, invoice_id, invoice_seq, body) values ('evt_${'ab'.repeat(12)}', 'task.created', ?, 1, ?)`,
      [inv.id, JSON.stringify({ id: `evt_${'ab'.repeat(12)}`, type: 'task.created', timestamp: new Date().toISOString(), data: { invoice: { id: inv.id }, message: 'Check in' } })]);
    await ctx.orm.em.fork().execute(`insert into webhook_delivery (id, endpoint_id, event_id, invoice_id, invoice_seq, event_seq) values ('whd_${'cd'.repeat(12)}', ?, 'evt_${'ab'.repeat(12)}', ?, 1, 0)`, [endpoint.id, inv.id]);
    const activities = createWebhookActivities({
      orm: ctx.orm, webhooks: { ...TEST_WEBHOOK_SETTINGS, disableAfterSeconds: 1 }, mailer: createResendMailer(ctx.resend.apiKey, ctx.resend.url), from: 'Dunwell <noreply@dunwell.test>',
    });
    const deliveryId = `whd_${'cd'.repeat(12)}`;
    await expect(activities.deliverWebhook({ deliveryId })).rejects.toMatchObject({ type: 'DeliveryFailed' });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await expect(activities.deliverWebhook({ deliveryId })).rejects.toMatchObject({ type: 'DeliveryFailed' });
    const row = await ctx.orm.em.fork().findOneOrFail(WebhookEndpoint, { id: endpoint.id });
    expect(row.status).toBe('disabled');
    const mail = await waitFor(() => ctx.resend.deliveries.find((d) => d.subject.includes('webhook endpoint was turned off') && d.text.includes(endpoint.id)), 10_000, 'the owner told');
    expect(mail.to).toEqual([ISSUER.email]);
    await expect(activities.deliverWebhook({ deliveryId })).rejects.toMatchObject({ type: 'EndpointDisabled', nonRetryable: true });
    expect(ctx.resend.deliveries.filter((d) => d.text.includes(endpoint.id)).length).toBe(1);
    expect((await call('GET', `/v1/webhook-endpoints/${endpoint.id}`)).body).toMatchObject({ status: 'disabled', disabledReason: expect.stringContaining('failed since') });
    expect((await call('POST', `/v1/webhook-endpoints/${endpoint.id}/enable`)).body).toMatchObject({ status: 'enabled', failingSince: null });
  });
});

describe('destinations', () => {
  it('refuses private, loopback and link-local URLs at creation when not allowed, naming the field', async () => {
    const strict = await startTestApi({ orm: ctx.orm, temporal: ctx.client, taskQueue: ctx.workers.taskQueue, deps: { webhooks: { ...TEST_WEBHOOK_SETTINGS, allowPrivateUrls: false } } });
    try {
      for (const url of ['https://127.0.0.1/hook', 'https://10.1.2.3/hook', 'https://169.254.169.254/latest', 'https://[::1]/x', 'https://[fd00::1]/x', 'https://localhost/x', 'http://93.184.216.34/x', 'https://user:pw@93.184.216.34/x', 'https://[::ffff:127.0.0.1]/x']) {
        const res = await strict.call('POST', '/v1/webhook-endpoints', { url, events: ['*'] });
        expect(res.status, url).toBe(400);
        expect(res.body.error.fields.map((f: { field: string }) => f.field), url).toEqual(['url']);
      }
    } finally {
      await strict.stop();
    }
  });

  it('re-checks on every delivery: an endpoint saved while allowed is refused when not, and not retried', async () => {
    const r = await receiver();
    const endpoint = await endpointFor(r, ['invoice.paid']);
    const inv = await issue();
    const eventId = `evt_${'ef'.repeat(12)}`;
    const deliveryId = `whd_${'01'.repeat(12)}`;
    await ctx.orm.em.fork().execute(`insert into event (id, type, invoice_id, invoice_seq, body) values (?, 'invoice.paid', ?, 9, '{}')`, [eventId, inv.id]);
    await ctx.orm.em.fork().execute(`insert into webhook_delivery (id, endpoint_id, event_id, invoice_id, invoice_seq, event_seq) values (?, ?, ?, ?, 9, 0)`, [deliveryId, endpoint.id, eventId, inv.id]);
    const strict = createWebhookActivities({ orm: ctx.orm, webhooks: { ...TEST_WEBHOOK_SETTINGS, allowPrivateUrls: false } });
    await expect(strict.deliverWebhook({ deliveryId })).rejects.toMatchObject({ type: 'DestinationNotAllowed', nonRetryable: true });
    expect(r.accepted.filter((a) => a.webhookId === eventId)).toEqual([]);
    const row = await ctx.orm.em.fork().findOneOrFail(WebhookDelivery, { id: deliveryId });
    expect(row.lastError).toMatch(/destination not allowed/);
  });
});

describe('the event log', () => {
  it('lists events newest first, filtered by type and invoice, page by page; bad queries name the field', async () => {
    const inv = await issue();
    expect((await call('POST', `/v1/invoices/${inv.id}/payments`, { amount: inv.total, method: 'card' })).status).toBe(201);
    await waitFor(async () => (await logOf(inv.id)).some((e) => e.type === 'invoice.paid'), 20_000, 'the paid event');
    const paidOnly = await call('GET', `/v1/events?type=invoice.paid&invoiceId=${inv.id}`);
    expect(paidOnly.body.data.map((e: { type: string }) => e.type)).toEqual(['invoice.paid']);
    expect(paidOnly.body.data[0]).toMatchObject({ id: expect.stringMatching(/^evt_[0-9a-f]{24}$/), timestamp: expect.any(String), data: { invoice: { id: inv.id, status: 'paid' } } });
    const first = await call('GET', `/v1/events?invoiceId=${inv.id}&limit=2`);
    expect(first.body).toMatchObject({ object: 'list', hasMore: true });
    const second = await call('GET', `/v1/events?invoiceId=${inv.id}&limit=2&startingAfter=${first.body.nextCursor}`);
    const pages = [...first.body.data, ...second.body.data].map((e: { id: string }) => e.id);
    expect(pages).toEqual((await logOf(inv.id)).map((e) => e.id).reverse().slice(0, pages.length));
    for (const [query, field] of [['type=invoice.exploded', 'query.type'], ['limit=0', 'query.limit'], ['startingAfter=evt_nope', 'query.startingAfter'], ['invoiceId=7', 'query.invoiceId']]) {
      const res = await call('GET', `/v1/events?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });
});
