// Every way money arrives, counted exactly once: Stripe, Standard Webhooks, Resend (Svix) and
// manual payments, signed with real signers, on the Temporal dev server and PostgreSQL.
import { randomBytes, randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClientCredit, EmailSuppression, Invoice, OwnerTask, Payment, TimelineEvent, WebhookEvent } from '../../db/entities';
import { TEST_PAYMENTS_SECRET, TEST_RESEND_SECRET, TEST_STRIPE_SECRET } from '../support/api';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { waitFor } from '../support/wait';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);
const rid = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

async function newInvoice(client: Record<string, unknown> = {}) {
  const res = await call('POST', '/v1/invoices', { ...invoiceInput(), policy: 'standard', client: { ...invoiceInput().client, email: `${rid('c')}@client.test`, ...client } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; number: string; total: number; clientEmail: string; client: { email: string } };
}
const invoice = async (id: string) => (await call('GET', `/v1/invoices/${id}`)).body;
const schedule = async (id: string) => (await call('GET', `/v1/invoices/${id}/schedule`)).body;
const tasks = async (invoiceId: string) => ctx.orm.em.fork().find(OwnerTask, { invoiceId }, { orderBy: { createdAt: 'asc' } });

function stripe(type: string, object: Record<string, unknown>, id = rid('evt'), timestamp?: number) {
  const payload = JSON.stringify({ id, object: 'event', type, created: Math.floor(Date.now() / 1000), data: { object } });
  return call('POST', '/v1/webhooks/stripe', payload, { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_STRIPE_SECRET, timestamp }), authorization: '' });
}
const intent = (id: string, invoiceId: string, amount: number, extra: Record<string, unknown> = {}) => ({ id, object: 'payment_intent', amount, amount_received: amount, currency: 'eur', metadata: { invoice_id: invoiceId }, payment_method_types: ['sepa_debit'], ...extra });

function signed(secret: string, prefix: 'webhook' | 'svix', body: unknown, opts: { id?: string; at?: Date; tamper?: (s: string) => string } = {}) {
  const id = opts.id ?? rid('msg');
  const at = opts.at ?? new Date();
  const payload = JSON.stringify(body);
  const signature = new Webhook(secret).sign(id, at, payload);
  return { payload: opts.tamper ? opts.tamper(payload) : payload, headers: { [`${prefix}-id`]: id, [`${prefix}-timestamp`]: String(Math.floor(at.getTime() / 1000)), [`${prefix}-signature`]: signature, authorization: '' } };
}
function payments(type: string, data: Record<string, unknown>, opts: Parameters<typeof signed>[3] = {}) {
  const { payload, headers } = signed(TEST_PAYMENTS_SECRET, 'webhook', { type, data: { currency: 'EUR', method: 'bank_transfer', ...data } }, opts);
  return call('POST', '/v1/webhooks/payments', payload, headers);
}
function resendEvent(type: string, data: Record<string, unknown>) {
  const { payload, headers } = signed(TEST_RESEND_SECRET, 'svix', { type, created_at: new Date().toISOString(), data });
  return call('POST', '/v1/webhooks/resend', payload, headers);
}

describe('Stripe', () => {
  it('a bank debit in progress holds the reminders; its failure tells the owner and resumes them', async () => {
    const inv = await newInvoice();
    const pi = rid('pi');
    expect((await stripe('payment_intent.processing', intent(pi, inv.id, inv.total))).body.outcome).toBe('pending');
    expect(await schedule(inv.id)).toMatchObject({ state: 'paused', pause: { reason: expect.stringContaining('on its way') } });
    expect((await invoice(inv.id)).amountPaid).toBe(0); // pending is not paid
    const failed = await stripe('payment_intent.payment_failed', intent(pi, inv.id, inv.total, { last_payment_error: { message: 'insufficient funds' } }));
    expect(failed.body.outcome).toBe('failed');
    expect((await schedule(inv.id)).state).toBe('running');
    expect((await tasks(inv.id)).map((t) => t.kind)).toEqual(['payment_failed']);
  });

  it('pending then succeeded: paid, nothing counted twice', async () => {
    const inv = await newInvoice();
    const pi = rid('pi');
    await stripe('payment_intent.processing', intent(pi, inv.id, inv.total));
    expect((await stripe('payment_intent.succeeded', intent(pi, inv.id, inv.total))).body.outcome).toBe('applied');
    expect(await invoice(inv.id)).toMatchObject({ status: 'paid', amountDue: 0 });
  });

  it('a refund after payment reopens the balance; each refund counted once', async () => {
    const inv = await newInvoice();
    const pi = rid('pi');
    await stripe('payment_intent.succeeded', intent(pi, inv.id, inv.total));
    expect((await invoice(inv.id)).status).toBe('paid');
    const charge = { id: rid('ch'), object: 'charge', payment_intent: pi, currency: 'eur', amount_refunded: 30_000, metadata: {}, refunds: { data: [{ id: rid('re'), amount: 30_000, reason: 'requested_by_customer' }] } };
    expect((await stripe('charge.refunded', charge)).body.outcome).toBe('refunded');
    expect((await stripe('charge.refunded', charge)).body.outcome).toBe('refunded'); // a new event id announcing the same refund
    const after = await invoice(inv.id);
    expect(after).toMatchObject({ status: 'open', amountPaid: inv.total - 30_000, amountDue: 30_000 });
    const ledger = await ctx.orm.em.fork().find(Payment, { invoiceId: inv.id }, { orderBy: { recordedAt: 'asc' } });
    expect(ledger.map((p) => [p.kind, p.amount])).toEqual([['payment', inv.total], ['refund', -30_000]]);
  });

  it('out of order: a refund announced before its payment ends in the right balance', async () => {
    const inv = await newInvoice();
    const pi = rid('pi');
    const charge = { id: rid('ch'), object: 'charge', payment_intent: pi, currency: 'eur', amount_refunded: 50_000, metadata: { invoice_id: inv.id }, refunds: { data: [{ id: rid('re'), amount: 50_000 }] } };
    await stripe('charge.refunded', charge);
    await stripe('payment_intent.succeeded', intent(pi, inv.id, 50_000));
    expect(await invoice(inv.id)).toMatchObject({ status: 'open', amountPaid: 0, amountDue: inv.total });
  });

  it('a dispute pauses the reminders and gives the owner a task', async () => {
    const inv = await newInvoice();
    const pi = rid('pi');
    await stripe('payment_intent.succeeded', intent(pi, inv.id, 10_000));
    const res = await stripe('charge.dispute.created', { id: rid('dp'), object: 'dispute', payment_intent: pi, charge: rid('ch'), amount: 10_000, currency: 'eur', reason: 'fraudulent', metadata: {} });
    expect(res.body.outcome).toBe('disputed');
    expect((await schedule(inv.id)).state).toBe('paused');
    expect((await tasks(inv.id)).map((t) => t.kind)).toEqual(['dispute']);
  });
});

describe('Standard Webhooks payments', () => {
  it('a repeat is answered 200 with no effect', async () => {
    const inv = await newInvoice();
    const id = rid('msg');
    const body = { id: rid('tx'), amount: 20_000, invoice_id: inv.id };
    expect((await payments('payment.succeeded', body, { id })).body.outcome).toBe('applied');
    expect((await payments('payment.succeeded', body, { id })).body).toEqual({ received: true, duplicate: true });
    expect((await invoice(inv.id)).amountPaid).toBe(20_000);
  });

  it('20 different payments arriving at once leave the exact balance', async () => {
    const inv = await newInvoice();
    const results = await Promise.all(Array.from({ length: 20 }, () => payments('payment.succeeded', { id: rid('tx'), amount: 1_000, invoice_id: inv.id })));
    expect(results.map((r) => r.body.outcome)).toEqual(Array(20).fill('applied'));
    expect(await invoice(inv.id)).toMatchObject({ amountPaid: 20_000, amountDue: inv.total - 20_000 });
    expect(await ctx.orm.em.fork().count(Payment, { invoiceId: inv.id })).toBe(20);
  });

  it('partial then the rest: the reminders state what remains, then it is paid', async () => {
    const inv = await newInvoice();
    await payments('payment.succeeded', { id: rid('tx'), amount: 50_000, invoice_id: inv.id });
    expect(await invoice(inv.id)).toMatchObject({ status: 'open', amountDue: inv.total - 50_000 });
    await payments('payment.succeeded', { id: rid('tx'), amount: inv.total - 50_000, invoice_id: inv.id });
    expect(await invoice(inv.id)).toMatchObject({ status: 'paid', amountDue: 0 });
  });

  it('an overpayment becomes the client\'s credit and pays toward their next invoice', async () => {
    const first = await newInvoice();
    await payments('payment.succeeded', { id: rid('tx'), amount: first.total + 5_000, invoice_id: first.id });
    expect((await invoice(first.id)).status).toBe('paid');
    const email = first.client.email.toLowerCase();
    const credit = await waitFor(() => ctx.orm.em.fork().findOne(ClientCredit, { clientEmail: email }).then((c) => c ?? undefined), 10_000, 'the credit');
    expect(credit).toMatchObject({ amount: 5_000, currency: 'EUR', appliedToInvoiceId: null });
    const second = await newInvoice({ email: first.client.email });
    const next = await waitFor(async () => { const i = await invoice(second.id); return i.amountPaid === 5_000 && i; }, 10_000, 'the credit applied');
    expect(next.amountDue).toBe(second.total - 5_000);
    expect((await ctx.orm.em.fork().findOneOrFail(ClientCredit, { id: credit.id })).appliedToInvoiceId).toBe(second.id);
  });

  it('matches by the invoice number in a transfer reference; otherwise holds it for the owner to assign', async () => {
    const inv = await newInvoice();
    expect((await payments('payment.succeeded', { id: rid('tx'), amount: 1_000, reference: `Payment for ${inv.number.toLowerCase()} thanks` })).body.outcome).toBe('applied');
    expect((await invoice(inv.id)).amountPaid).toBe(1_000);

    const lost = await payments('payment.succeeded', { id: rid('tx'), amount: 2_000, reference: 'June retainer' });
    expect(lost.body.outcome).toBe('unapplied: no matching invoice');
    const foreign = await payments('payment.succeeded', { id: rid('tx'), amount: 2_000, currency: 'USD', invoice_id: inv.id });
    expect(foreign.body.outcome).toMatch(/^unapplied: currency USD differs/);
    const list = (await call('GET', '/v1/payments/unapplied')).body.data;
    const waiting = list.find((p: { reference: string }) => p.reference === 'June retainer');
    const usd = list.find((p: { currency: string }) => p.currency === 'USD');
    expect((await call('POST', `/v1/payments/unapplied/${usd.id}/assign`, { invoiceId: inv.id })).status).toBe(400); // never another currency
    const assigned = await call('POST', `/v1/payments/unapplied/${waiting.id}/assign`, { invoiceId: inv.id });
    expect(assigned.status).toBe(200);
    expect((await invoice(inv.id)).amountPaid).toBe(3_000);
    expect((await call('POST', `/v1/payments/unapplied/${waiting.id}/assign`, { invoiceId: inv.id })).status).toBe(409);
  });

  it('pending holds the ladder, failed resumes it, refunded reopens', async () => {
    const inv = await newInvoice();
    const tx = rid('tx');
    await payments('payment.pending', { id: tx, amount: inv.total, invoice_id: inv.id });
    expect((await schedule(inv.id)).state).toBe('paused');
    await payments('payment.failed', { id: tx, amount: inv.total, invoice_id: inv.id, reason: 'account closed' });
    expect((await schedule(inv.id)).state).toBe('running');
    const tx2 = rid('tx');
    await payments('payment.succeeded', { id: tx2, amount: inv.total, invoice_id: inv.id });
    await payments('payment.refunded', { id: tx2, refund_id: rid('rf'), amount: 4_000 });
    expect(await invoice(inv.id)).toMatchObject({ status: 'open', amountDue: 4_000 });
  });

  it('rejects a replayed, forged or altered event and records nothing', async () => {
    const inv = await newInvoice();
    const attempts = [
      payments('payment.succeeded', { id: rid('tx'), amount: 1, invoice_id: inv.id }, { at: new Date(Date.now() - 10 * 60_000) }),
      call('POST', '/v1/webhooks/payments', ...((): [string, Record<string, string>] => { const s = signed(`whsec_${Buffer.from('not-the-secret-at-all').toString('base64')}`, 'webhook', { type: 'payment.succeeded', data: { id: 'x', amount: 1, currency: 'EUR', invoice_id: inv.id } }); return [s.payload, s.headers]; })()),
      payments('payment.succeeded', { id: rid('tx'), amount: 1, invoice_id: inv.id }, { tamper: (p) => p.replace('"amount":1', '"amount":100000') }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(400);
      expect(res.body.error.type).toBe('invalid_signature');
    }
    expect(await ctx.orm.em.fork().count(WebhookEvent, { provider: 'payments', invoiceId: inv.id })).toBe(0);
    expect((await invoice(inv.id)).amountPaid).toBe(0);
    const malformed = await payments('payment.succeeded', { id: rid('tx'), amount: -5 });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields[0].field).toBe('data.amount');
  });
});

describe('Resend', () => {
  it('delivered and opened go on the timeline; a bounce stops email to that address and tells the owner', async () => {
    const inv = await newInvoice();
    const mail = await waitFor(() => ctx.resend.deliveries.find((d) => d.subject.includes(inv.number)), 15_000, 'the invoice email');
    expect((await resendEvent('email.delivered', { email_id: mail.id, to: mail.to })).body.outcome).toBe('timeline');
    expect((await resendEvent('email.opened', { email_id: mail.id, to: mail.to })).body.outcome).toBe('timeline');
    const kinds = (await ctx.orm.em.fork().find(TimelineEvent, { invoiceId: inv.id })).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['email_delivered', 'email_opened']));

    expect((await resendEvent('email.bounced', { email_id: mail.id, to: mail.to })).body.outcome).toBe(`suppressed ${mail.to[0]}`);
    expect(await ctx.orm.em.fork().count(EmailSuppression, { email: mail.to[0].toLowerCase() })).toBe(1);
    expect((await tasks(inv.id)).map((t) => t.kind)).toEqual(['email_undeliverable']);

    // The next invoice to that address is issued but not emailed.
    const second = await newInvoice({ email: mail.to[0] });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(ctx.resend.deliveries.some((d) => d.subject.includes(second.number))).toBe(false);
    const forged = await call('POST', '/v1/webhooks/resend', JSON.stringify({ type: 'email.bounced', data: {} }), { 'svix-id': 'x', 'svix-timestamp': String(Math.floor(Date.now() / 1000)), 'svix-signature': 'v1,AAAA', authorization: '' });
    expect(forged.status).toBe(400);
  });
});

describe('Idempotency-Key on every POST', () => {
  it('same key and body: the stored response; another body: 422; still in flight: 409', async () => {
    const key = randomUUID();
    const body = { ...invoiceInput(), policy: 'standard' };
    const first = await call('POST', '/v1/invoices', body, { 'idempotency-key': key });
    const again = await call('POST', '/v1/invoices', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again).toMatchObject({ status: 201, body: { id: first.body.id, number: first.body.number } });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await call('POST', '/v1/invoices', { ...body, termsDays: 14 }, { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.body.error.type).toBe('idempotency_key_reused');

    const busy = randomUUID();
    await ctx.orm.em.fork().getConnection().execute(`insert into idempotency_key (scope, key, request_hash, state) values ('owner', ?, 'x', 'in_flight')`, [busy]);
    const inFlight = await call('POST', '/v1/invoices', body, { 'idempotency-key': busy });
    expect(inFlight.status).toBe(409);
  });

  /** An invoice issued under a fresh Idempotency-Key, to a client of its own (so it can be counted). */
  async function issuedWithKey(label: string) {
    const key = randomUUID();
    const email = `${label}-${key.slice(0, 8)}@client.test`;
    const body = { ...invoiceInput(), policy: 'standard', client: { ...invoiceInput().client, email } };
    const first = await call('POST', '/v1/invoices', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    return { key, email, body, first };
  }

  it('an API process killed after issuing but before storing its answer: a retry within a minute gets 409, later the same invoice, never a second', async () => {
    const { key, email, body, first } = await issuedWithKey('killed-api');
    // What a process killed between its commit and storing the answer leaves: the claim in flight.
    const db = ctx.orm.em.fork().getConnection();
    await db.execute(`update idempotency_key set state = 'in_flight', response_status = null, response_body = null where scope = 'owner' and key = ?`, [key]);
    expect((await call('POST', '/v1/invoices', body, { 'idempotency-key': key })).status).toBe(409);
    await db.execute(`update idempotency_key set created_at = now() - interval '61 seconds' where scope = 'owner' and key = ?`, [key]);
    // A different request under that key is still refused; the same one takes the dead claim over.
    expect((await call('POST', '/v1/invoices', { ...body, termsDays: 7 }, { 'idempotency-key': key })).status).toBe(409);
    const retried = await call('POST', '/v1/invoices', body, { 'idempotency-key': key });
    expect(retried).toMatchObject({ status: 201, body: { id: first.body.id, number: first.body.number } });
    expect(await ctx.orm.em.fork().count(Invoice, { clientEmail: email })).toBe(1);
    expect((await call('POST', '/v1/invoices', body, { 'idempotency-key': key })).headers.get('idempotent-replayed')).toBe('true');
  });

  it('an issue committed whose answer was lost (connection cut at COMMIT, key released by the 503): the retry gets that invoice, not a second', async () => {
    const { key, email, body, first } = await issuedWithKey('lost-answer');
    // What the API's clean-up does after answering 503: the key is released for a retry.
    await ctx.orm.em.fork().getConnection().execute(`delete from idempotency_key where scope = 'owner' and key = ?`, [key]);
    const retried = await call('POST', '/v1/invoices', body, { 'idempotency-key': key });
    expect(retried).toMatchObject({ status: 201, body: { id: first.body.id, number: first.body.number } });
    expect(await ctx.orm.em.fork().count(Invoice, { clientEmail: email })).toBe(1);
    await waitFor(() => ctx.resend.deliveries.some((d) => d.subject.includes(first.body.number)) || undefined, 30_000, 'the invoice email');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(ctx.resend.deliveries.filter((d) => d.to.includes(email))).toHaveLength(1);
  });
});
