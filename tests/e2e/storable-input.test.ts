// Anything the API accepts can be stored: text PostgreSQL cannot hold (NUL), or that would read
// back as something else (lone surrogates, bidi overrides, control characters), is refused with a
// 400 naming the field, and nothing is written; money that would overflow a column or lose
// precision is refused the same way. What a signed provider event carries is made storable instead.
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChangeOrder, Invoice, Payment, TimelineEvent, UnappliedPayment } from '../../db/entities';
import { TEST_PAYMENTS_SECRET, TEST_STRIPE_SECRET } from '../support/api';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { waitFor } from '../support/wait';
import { invoiceStateQuery } from '../../workflows/messages';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);
const rid = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;
const em = () => ctx.orm.em.fork();
/** Time for anything that did get through to reach the timeline, so a count after means something. */
const settle = () => new Promise((r) => setTimeout(r, 1_000));

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

async function newInvoice() {
  const res = await call('POST', '/v1/invoices', { ...invoiceInput(), policy: 'standard', client: { ...invoiceInput().client, email: `${rid('c')}@client.test` } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; number: string; total: number; hostedUrl: string };
}

/** The API's view, the workflow's state, the row and the ledger all say the same. */
async function agree(invoiceId: string, expected: { status: string; amountPaid: number; changesTotal: number }) {
  const view = (await call('GET', `/v1/invoices/${invoiceId}`)).body;
  const row = await em().findOneOrFail(Invoice, { id: invoiceId });
  const live = await ctx.client.workflow.getHandle(row.workflowId).query(invoiceStateQuery);
  const ledger = (await em().find(Payment, { invoiceId })).reduce((sum, p) => sum + p.amount, 0);
  expect(view).toMatchObject({ ...expected, amountDue: 0 });
  expect(live).toMatchObject({ ...expected, amountDue: 0 });
  expect(row).toMatchObject({ status: expected.status, amountPaid: expected.amountPaid, changesTotal: expected.changesTotal, projectedSeq: live.seq });
  expect(ledger).toBe(expected.amountPaid);
}

/** A 400 invalid_request whose fields are exactly these. */
function refused(res: { status: number; body: any }, fields: string[]) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.type).toBe('invalid_request');
  expect(res.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([...fields].sort());
}

const form = (url: string, fields: string) =>
  fetch(url, { method: 'POST', body: fields, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } });

describe('text the database could not store, or would store as something else', () => {
  it('a new invoice with NUL in its note or client name: 400 naming the field, no invoice written', async () => {
    const before = await em().count(Invoice);
    refused(await call('POST', '/v1/invoices', { ...invoiceInput(), note: 'Thanks\u0000!' }), ['note']);
    refused(await call('POST', '/v1/invoices', { ...invoiceInput(), client: { ...invoiceInput().client, name: 'Acme\u0000 Ltd' } }), ['client.name']);
    // The same as raw JSON text, the way any client would send it.
    const raw = JSON.stringify({ ...invoiceInput(), poNumber: 'PO-1' }).replace('"PO-1"', '"PO\\u0000-1"');
    refused(await call('POST', '/v1/invoices', raw), ['poNumber']);
    refused(await call('POST', '/v1/invoices', { ...invoiceInput(), client: { ...invoiceInput().client, name: 'Acme\u202E Ltd' } }), ['client.name']);
    refused(await call('POST', '/v1/invoices', { ...invoiceInput(), client: { ...invoiceInput().client, address: 'Main St \uD800' } }), ['client.address']);
    expect(await em().count(Invoice)).toBe(before);
  });

  it('a payment reference or a pause message with NUL: 400 naming the field, nothing recorded', async () => {
    const inv = await newInvoice();
    const payments = await em().count(Payment, { invoiceId: inv.id });
    const timeline = await em().count(TimelineEvent, { invoiceId: inv.id, kind: { $in: ['payment', 'paused'] } });
    refused(await call('POST', `/v1/invoices/${inv.id}/payments`, { amount: 1_000, method: 'bank_transfer', reference: 'TX\u00001' }), ['reference']);
    refused(await call('POST', `/v1/invoices/${inv.id}/pause`, { message: 'Wait\u0000ing for the PO' }), ['message']);
    const after = (await call('GET', `/v1/invoices/${inv.id}`)).body;
    expect(after).toMatchObject({ amountPaid: 0 });
    expect(await em().count(Payment, { invoiceId: inv.id })).toBe(payments);
    await settle();
    expect(await em().count(TimelineEvent, { invoiceId: inv.id, kind: { $in: ['payment', 'paused'] } })).toBe(timeline);
    expect((await call('GET', `/v1/invoices/${inv.id}/schedule`)).body.state).not.toBe('paused');
  });

  it('the client\'s question form with NUL answers its own page with the message, and nothing pauses', async () => {
    const inv = await newInvoice();
    const paused = () => em().count(TimelineEvent, { invoiceId: inv.id, kind: 'paused' });
    expect(await paused()).toBe(0);
    const res = await form(`${inv.hostedUrl}/question`, 'message=Hello%00world');
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('Your message');
    expect(page).toContain('U+0000');
    expect(page).not.toContain('\u0000');
    await settle();
    expect(await paused()).toBe(0);
    expect((await call('GET', `/v1/invoices/${inv.id}/schedule`)).body.state).not.toBe('paused');
    // A message that is fine still goes through.
    expect((await form(`${inv.hostedUrl}/question`, 'message=Hello%0D%0Aworld')).status).toBe(303);
    const pause = await waitFor(() => em().findOne(TimelineEvent, { invoiceId: inv.id, kind: 'paused' }).then((e) => e ?? undefined), 15_000, 'the pause on the timeline');
    expect(pause.message).toContain('Hello\r\nworld');
    // And then it settles, with record, ledger and workflow in agreement.
    expect((await call('POST', `/v1/invoices/${inv.id}/payments`, { amount: inv.total, method: 'bank_transfer' })).status).toBe(201);
    await agree(inv.id, { status: 'paid', amountPaid: inv.total, changesTotal: 0 });
  });

  it('a question form whose bytes are not UTF-8 is read as a browser reads it: U+FFFD, not literal percent escapes', async () => {
    const inv = await newInvoice();
    // %ED%A0%80 is a lone surrogate in UTF-8 form: no browser sends it; a hostile client can.
    expect((await form(`${inv.hostedUrl}/question`, 'message=Is+this+ok%ED%A0%80+now')).status).toBe(303);
    const pause = await waitFor(() => em().findOne(TimelineEvent, { invoiceId: inv.id, kind: 'paused' }).then((e) => e ?? undefined), 15_000, 'the pause on the timeline');
    expect(pause.message).toContain('Is this ok\ufffd\ufffd\ufffd now');
    expect(pause.message).not.toContain('%ED');
  });

  it('a change-order approver name with NUL: the page says so, the order stays pending', async () => {
    const inv = await newInvoice();
    const proposed = await call('POST', `/v1/invoices/${inv.id}/change-orders`, { description: 'Extra page', reason: 'Asked for on a call', lines: [{ description: 'Page', quantity: 1, unitAmount: 10_000 }] });
    expect(proposed.status).toBe(201);
    const res = await form(proposed.body.approvalUrl, 'name=Maria%00Petrova&decision=approve');
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('Your full name');
    expect(page).toContain('U+0000');
    const order = await em().findOneOrFail(ChangeOrder, { id: proposed.body.id });
    expect(order).toMatchObject({ status: 'pending', decidedName: null });
    expect((await call('GET', `/v1/invoices/${inv.id}`)).body.amountDue).toBe(inv.total);
    // Declined afterwards, it is never billed: the original total settles the invoice everywhere.
    expect((await form(proposed.body.approvalUrl, 'name=Maria%20Petrova&decision=decline')).status).toBe(303);
    expect(await em().findOneOrFail(ChangeOrder, { id: proposed.body.id })).toMatchObject({ status: 'declined', decidedName: 'Maria Petrova' });
    expect((await call('POST', `/v1/invoices/${inv.id}/payments`, { amount: inv.total, method: 'bank_transfer' })).status).toBe(201);
    await agree(inv.id, { status: 'paid', amountPaid: inv.total, changesTotal: 0 });
  });
});

describe('money within bounds', () => {
  const line = (quantity: number, unitAmount: number, taxRate?: number) => ({ description: 'Work', quantity, unitAmount, ...(taxRate !== undefined ? { taxRate } : {}) });

  it('lines, totals, payments and change orders beyond what a column holds exactly: 400 naming the field', async () => {
    const before = await em().count(Invoice);
    // Was a 500 (the total overflowed bigint).
    const five = await call('POST', '/v1/invoices', { ...invoiceInput(), lines: Array.from({ length: 5 }, () => line(1_000_000, 1_000_000_000_000, 100)) });
    refused(five, ['lines.0.unitAmount', 'lines.1.unitAmount', 'lines.2.unitAmount', 'lines.3.unitAmount', 'lines.4.unitAmount']);
    // Was stored with a total that was not quantity × price.
    refused(await call('POST', '/v1/invoices', { ...invoiceInput(), lines: [line(999_999.999, 999_999_999_999)] }), ['lines.0.unitAmount']);
    // Each line fits; together they do not.
    refused(await call('POST', '/v1/invoices', { ...invoiceInput(), lines: [line(1, 600_000_000_000), line(1, 600_000_000_000)] }), ['lines']);
    const zero = await call('POST', '/v1/invoices', { ...invoiceInput(), lines: [line(1, 0)] });
    refused(zero, ['lines']);
    expect(zero.body.error.fields[0].message).toMatch(/greater than zero/);
    expect(await em().count(Invoice)).toBe(before);

    // The largest total that is allowed is stored and read back exactly.
    const max = await call('POST', '/v1/invoices', { ...invoiceInput(), lines: [line(1, 500_000_000_000, 100)] });
    expect(max.status, JSON.stringify(max.body)).toBe(201);
    expect(max.body.total).toBe(1_000_000_000_000);
    expect((await em().findOneOrFail(Invoice, { id: max.body.id })).total).toBe(1_000_000_000_000);

    const inv = await newInvoice();
    refused(await call('POST', `/v1/invoices/${inv.id}/payments`, { amount: 1_000_000_000_001, method: 'cash' }), ['amount']);
    const orders = await em().count(ChangeOrder, { invoiceId: inv.id });
    refused(await call('POST', `/v1/invoices/${inv.id}/change-orders`, { description: 'More', reason: 'Asked', lines: [line(3, 999_999_999_999)] }), ['lines.0.unitAmount']);
    expect(await em().count(ChangeOrder, { invoiceId: inv.id })).toBe(orders);
  });
});

describe('free text in signed provider events', () => {
  it('is made storable rather than refused, so the provider is not sent into a retry loop', async () => {
    const reference = `June\u0000 retainer ${rid('r')}`;
    const payload = JSON.stringify({ type: 'payment.succeeded', data: { id: rid('tx'), amount: 2_000, currency: 'EUR', method: 'bank_transfer', reference } });
    const id = rid('msg');
    const at = new Date();
    const res = await call('POST', '/v1/webhooks/payments', payload, {
      'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(TEST_PAYMENTS_SECRET).sign(id, at, payload), authorization: '',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.outcome).toBe('unapplied: no matching invoice');
    const held = await em().findOneOrFail(UnappliedPayment, { reference: reference.replace('\u0000', '') });
    expect(held.amount).toBe(2_000);

    const inv = await newInvoice();
    const dispute = JSON.stringify({
      id: rid('evt'), object: 'event', type: 'charge.dispute.created', created: Math.floor(Date.now() / 1000),
      data: { object: { id: rid('dp'), object: 'dispute', amount: 1_000, currency: 'eur', payment_intent: rid('pi'), charge: rid('ch'), metadata: { invoice_id: inv.id }, reason: 'fraud\u0000ulent\u202E' } },
    });
    const disputed = await call('POST', '/v1/webhooks/stripe', dispute, { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: dispute, secret: TEST_STRIPE_SECRET }), authorization: '' });
    expect(disputed.status, JSON.stringify(disputed.body)).toBe(200);
    expect(disputed.body.outcome).toBe('disputed');
    const event = await waitFor(() => em().findOne(TimelineEvent, { invoiceId: inv.id, kind: 'paused' }).then((e) => e ?? undefined), 15_000, 'the dispute on the timeline');
    expect(event.message).toContain('fraudulent.');
  });
});
