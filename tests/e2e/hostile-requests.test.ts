// Every hostile request answered calmly: malformed ids and queries, drafts poked where only issued
// invoices go, dead change orders, signed but malformed or future-dated webhooks, unsafe URLs and
// header injection. Each case states the answer it gets; none may be a 500 or change anything.
import { randomBytes, randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChangeOrder, Invoice, Issuer, TimelineEvent } from '../../db/entities';
import { headerSafe } from '../../emails/render';
import { TEST_PAYMENTS_SECRET, TEST_RESEND_SECRET, TEST_STRIPE_SECRET } from '../support/api';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { waitFor } from '../support/wait';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);
const rid = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;
const extra = { description: 'Animated logo', reason: 'Asked for on the call', lines: [{ description: 'Logo animation', quantity: 1, unitAmount: 30_000 }] };

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

const newInvoice = async (draft = false) => {
  const res = await call('POST', '/v1/invoices', { ...invoiceInput(), draft, client: { ...invoiceInput().client, email: `${rid('c')}@client.test` } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; total: number; hostedUrl: string | null; client: { email: string } };
};
const stripeRaw = (payload: string, timestamp?: number) =>
  call('POST', '/v1/webhooks/stripe', payload, { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_STRIPE_SECRET, timestamp }), authorization: '' });
const intent = (invoiceId: string, amount: number) => ({ id: rid('pi'), object: 'payment_intent', amount, amount_received: amount, currency: 'eur', metadata: { invoice_id: invoiceId } });
const event = (type: string, object: unknown, extraFields: Record<string, unknown> = {}) => ({ id: rid('evt'), object: 'event', type, created: Math.floor(Date.now() / 1000), data: { object }, ...extraFields });
function svix(secret: string, prefix: 'webhook' | 'svix', payload: string, at = new Date()) {
  const id = rid('msg');
  return { [`${prefix}-id`]: id, [`${prefix}-timestamp`]: String(Math.floor(at.getTime() / 1000)), [`${prefix}-signature`]: new Webhook(secret).sign(id, at, payload), authorization: '' };
}
const amountPaid = async (id: string) => (await ctx.orm.em.fork().findOneOrFail(Invoice, { id })).amountPaid;
const fieldsOf = (body: any) => (body?.error?.fields ?? []).map((f: { field: string }) => f.field);

describe('path and query parameters', () => {
  const lookalikes = ['-'.repeat(36), '0'.repeat(36), 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz', 'not-an-id'];

  it('an id shaped like a UUID but not one is a 404 on every route, never a 500', async () => {
    for (const id of lookalikes) {
      const cases: [string, string, unknown?][] = [
        ['GET', `/outbox/${id}`], ['GET', `/outbox/${id}/json`],
        ['POST', `/v1/tasks/${id}/complete`, { outcome: 'note', note: 'x' }],
        ['POST', `/v1/payments/unapplied/${id}/assign`, { invoiceId: randomUUID() }],
        ['GET', `/v1/recurring/${id}`], ['PATCH', `/v1/recurring/${id}`, { termsDays: 10 }], ['POST', `/v1/recurring/${id}/pause`],
        ['GET', `/v1/invoices/${id}`], ['GET', `/v1/invoices/${id}/pdf`], ['POST', `/v1/invoices/${id}/void`, {}],
        ['DELETE', `/v1/invoices/${id}`], ['POST', `/v1/invoices/${id}/link/rotate`], ['GET', `/v1/invoices/${id}/change-orders`],
        ['GET', `/i/${id}`], ['GET', `/c/${id}`],
      ];
      for (const [method, path, body] of cases) {
        const res = await call(method, path, body);
        expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(404);
      }
    }
  });

  it('a bad query is a 400 naming it', async () => {
    for (const [path, field] of [['/v1/invoices?limit=abc', 'query.limit'], ['/v1/invoices?startingAfter=' + '0'.repeat(36), 'query.startingAfter'], ['/v1/tasks?status=lost', 'query.status']]) {
      const res = await call('GET', path);
      expect(res.status, path).toBe(400);
      expect(fieldsOf(res.body)).toContain(field);
    }
  });
});

describe('drafts', () => {
  it('a draft has no PDF and no public link yet (409)', async () => {
    const draft = await newInvoice(true);
    expect((await call('GET', `/v1/invoices/${draft.id}/pdf`)).status).toBe(409);
    expect((await call('POST', `/v1/invoices/${draft.id}/link/rotate`)).status).toBe(409);
    expect((await call('GET', `/v1/invoices/${draft.id}`)).body.hostedUrl).toBeNull();
  });

  it('a draft can be deleted (204) and voided; an issued invoice is voided, not deleted (409)', async () => {
    const draft = await newInvoice(true);
    expect((await call('DELETE', `/v1/invoices/${draft.id}`)).status).toBe(204);
    expect((await call('GET', `/v1/invoices/${draft.id}`)).status).toBe(404);
    expect((await call('DELETE', `/v1/invoices/${draft.id}`)).status).toBe(404);

    const other = await newInvoice(true);
    const voided = await call('POST', `/v1/invoices/${other.id}/void`, { reason: 'Sent by mistake' });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    expect(voided.body).toMatchObject({ status: 'void', number: null });
    expect((await call('POST', `/v1/invoices/${other.id}/issue`)).status).toBe(409);
    expect((await call('DELETE', `/v1/invoices/${other.id}`)).status).toBe(409);

    const issued = await newInvoice();
    expect((await call('DELETE', `/v1/invoices/${issued.id}`)).status).toBe(409);
    expect((await call('GET', `/v1/invoices/${issued.id}`)).body.status).toBe('open');
  });
});

describe('change orders', () => {
  const decide = (url: string) => fetch(url, { method: 'POST', body: new URLSearchParams({ name: 'Maria Petrova', decision: 'approve' }), redirect: 'manual' });
  const propose = async (invoiceId: string) => {
    const res = await call('POST', `/v1/invoices/${invoiceId}/change-orders`, extra);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; approvalUrl: string };
  };
  const statusOf = async (id: string) => (await ctx.orm.em.fork().findOneOrFail(ChangeOrder, { id })).status;

  it('on a voided invoice the page offers no decision and says why (410)', async () => {
    const inv = await newInvoice();
    const order = await propose(inv.id);
    expect((await call('POST', `/v1/invoices/${inv.id}/void`, {})).status).toBe(200);
    const page = await fetch(order.approvalUrl);
    const html = await page.text();
    expect(page.status).toBe(410);
    expect(html).not.toContain('value="approve"');
    expect(html).toContain('can no longer be decided');
    expect((await decide(order.approvalUrl)).status).toBe(410);
    expect(await statusOf(order.id)).toBe('pending');
  });

  it('a rotated link or 30 days kill a change order (410)', async () => {
    const inv = await newInvoice();
    const rotated = await propose(inv.id);
    expect((await call('POST', `/v1/invoices/${inv.id}/link/rotate`)).status).toBe(200);
    expect((await fetch(rotated.approvalUrl)).status).toBe(410);
    const page = (await call('GET', `/v1/invoices/${inv.id}`)).body.hostedUrl as string;
    expect(await (await fetch(page)).text()).not.toContain(new URL(rotated.approvalUrl).pathname); // not offered again
    expect((await decide(rotated.approvalUrl)).status).toBe(410);

    const old = await propose(inv.id);
    await ctx.orm.em.fork().nativeUpdate(ChangeOrder, { id: old.id }, { createdAt: new Date(Date.now() - 31 * 86_400_000) });
    const expired = await fetch(old.approvalUrl);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('expired');
    expect((await decide(old.approvalUrl)).status).toBe(410);
    expect([await statusOf(rotated.id), await statusOf(old.id)]).toEqual(['pending', 'pending']);
    const listed = (await call('GET', `/v1/invoices/${inv.id}/change-orders`)).body.data;
    expect(listed.map((o: { expiresAt: string }) => typeof o.expiresAt)).toEqual(['string', 'string']);
  });

  it('a change order of 1.5e18 is a 400', async () => {
    const inv = await newInvoice();
    const res = await call('POST', `/v1/invoices/${inv.id}/change-orders`, { ...extra, lines: [{ description: 'Huge', quantity: 1, unitAmount: 1.5e18 }] });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain('lines.0.unitAmount');
  });
});

describe('webhooks: signed but malformed', () => {
  it('a Stripe event without an id is a 400 naming it, and nothing is applied', async () => {
    const inv = await newInvoice();
    const { id: _, ...noId } = event('payment_intent.succeeded', intent(inv.id, inv.total));
    const res = await stripeRaw(JSON.stringify(noId));
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(fieldsOf(res.body)).toContain('id');
    expect(await amountPaid(inv.id)).toBe(0);
  });

  it('a Stripe payment without a currency or with a string amount is a 400 naming it', async () => {
    const inv = await newInvoice();
    const { currency: _, ...noCurrency } = intent(inv.id, inv.total);
    const a = await stripeRaw(JSON.stringify(event('payment_intent.succeeded', noCurrency)));
    expect(a.status, JSON.stringify(a.body)).toBe(400);
    expect(fieldsOf(a.body)).toContain('data.object.currency');
    const b = await stripeRaw(JSON.stringify(event('payment_intent.succeeded', { ...intent(inv.id, inv.total), amount_received: '144000' })));
    expect(b.status).toBe(400);
    expect(fieldsOf(b.body)).toContain('data.object.amount_received');
    expect((await stripeRaw(JSON.stringify(event('payment_intent.succeeded', null)))).status).toBe(400);
    expect(await amountPaid(inv.id)).toBe(0);
  });

  it('an unknown Stripe event type is received and ignored (200)', async () => {
    const res = await stripeRaw(JSON.stringify(event('customer.created', { id: 'cus_1', object: 'customer' })));
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('ignored');
  });

  it('a Resend event of null, with to: {} or an operator for email_id is a 400 and marks nothing', async () => {
    const before = await ctx.orm.em.fork().count(TimelineEvent, { kind: 'email_delivered' });
    for (const [body, field] of [
      [null, '(body)'],
      [{ type: 'email.bounced', data: { email_id: 'x', to: {} } }, 'data.to'],
      [{ type: 'email.delivered', data: { email_id: { $eq: null } } }, 'data.email_id'],
      [{ type: 'email.delivered', data: { email_id: { $ne: 'x' } } }, 'data.email_id'],
    ] as const) {
      const payload = JSON.stringify(body);
      const res = await call('POST', '/v1/webhooks/resend', payload, svix(TEST_RESEND_SECRET, 'svix', payload));
      expect(res.status, `${payload}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(fieldsOf(res.body)).toContain(field);
    }
    expect(await ctx.orm.em.fork().count(TimelineEvent, { kind: 'email_delivered' })).toBe(before);
  });
});

describe('webhooks: dated in the future', () => {
  const tomorrow = () => new Date(Date.now() + 86_400_000);

  it('a Stripe signature dated a day ahead is refused and nothing is applied', async () => {
    const inv = await newInvoice();
    const res = await stripeRaw(JSON.stringify(event('payment_intent.succeeded', intent(inv.id, inv.total))), Math.floor(tomorrow().getTime() / 1000));
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe('invalid_signature');
    expect(await amountPaid(inv.id)).toBe(0);
  });

  it('Standard Webhooks and Resend signatures dated a day ahead are refused', async () => {
    const inv = await newInvoice();
    const payload = JSON.stringify({ type: 'payment.succeeded', data: { id: rid('tx'), amount: inv.total, currency: 'EUR', invoice_id: inv.id } });
    expect((await call('POST', '/v1/webhooks/payments', payload, svix(TEST_PAYMENTS_SECRET, 'webhook', payload, tomorrow()))).status).toBe(400);
    const mail = JSON.stringify({ type: 'email.delivered', data: { email_id: 'x' } });
    expect((await call('POST', '/v1/webhooks/resend', mail, svix(TEST_RESEND_SECRET, 'svix', mail, tomorrow()))).status).toBe(400);
    expect(await amountPaid(inv.id)).toBe(0);
  });
});

describe('payment instructions and email headers', () => {
  it('a card payment URL must be https (400 naming it)', async () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'http://pay.test/x', 'JavaScript://%0aalert(1)']) {
      const res = await call('PUT', '/v1/issuer', { ...ISSUER, paymentInstructions: { cardPaymentUrl: url } });
      expect(res.status, url).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['paymentInstructions.cardPaymentUrl']);
    }
    expect((await call('PUT', '/v1/issuer', { ...ISSUER, paymentInstructions: { cardPaymentUrl: 'https://pay.test/x' } })).status).toBe(200);
    expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
  });

  it('no CR, LF or control character reaches an email subject, even from a stored name', async () => {
    expect(headerSafe('Invoice from Evil\r\nBcc: x@evil.test\u0000\u0085')).toBe('Invoice from Evil Bcc: x@evil.test');
    // Stored around the validation, as an older row or a repair might have it.
    await ctx.orm.em.fork().nativeUpdate(Issuer, {}, { name: 'Studio\r\nBcc: spy@evil.test' });
    try {
      const inv = await newInvoice();
      const mail = await waitFor(() => ctx.resend.deliveries.find((d) => d.to.includes(inv.client.email)), 15_000, 'the invoice email');
      expect(mail.subject).not.toMatch(/[\r\n\u0000-\u001f]/);
      expect(mail.subject).toContain('Studio Bcc: spy@evil.test');
    } finally {
      expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
    }
  });
});
