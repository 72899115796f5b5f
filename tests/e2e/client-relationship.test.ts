// The client as one relationship, through the real API, workflows and PostgreSQL: one payment
// that settles several invoices (once, however often it is retried or redelivered), a transfer
// whose mangled reference names several invoices, the statement's totals, and one pause for all.
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClientCredit, Payment, UnappliedPayment } from '../../db/entities';
import { creditorReference, printCreditorReference } from '../../domain/creditor-reference';
import { TEST_API_KEY, TEST_PAYMENTS_SECRET } from '../support/api';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { pdfText } from '../support/pdf-text';
import { waitFor } from '../support/wait';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);
const rid = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;
const TOTAL = 154_000; // invoiceInput(): 1200.00 + 20% VAT + 2.5 h × 40.00

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

type Invoice = { id: string; number: string; total: number; dueDate: string };

/** Invoices for one new client, due in `terms` days each (so oldest due first is known). */
async function client(...terms: number[]): Promise<{ email: string; invoices: Invoice[] }> {
  const email = `${rid('c')}@client.test`;
  const invoices: Invoice[] = [];
  for (const termsDays of terms) {
    const res = await call('POST', '/v1/invoices', { ...invoiceInput(), termsDays, policy: 'standard', client: { ...invoiceInput().client, email } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    invoices.push(res.body);
  }
  return { email, invoices };
}
const invoice = async (id: string) => (await call('GET', `/v1/invoices/${id}`)).body;
const ledger = (ids: string[]) => ctx.orm.em.fork().find(Payment, { invoiceId: { $in: ids } }, { orderBy: { recordedAt: 'asc' } });
const pay = (email: string, body: object, key?: string) =>
  call('POST', `/v1/clients/${encodeURIComponent(email)}/payments`, { currency: 'EUR', method: 'bank_transfer', ...body }, key ? { 'Idempotency-Key': key } : {});

function webhook(data: Record<string, unknown>, id = rid('msg')) {
  const payload = JSON.stringify({ type: 'payment.succeeded', data: { currency: 'EUR', method: 'bank_transfer', ...data } });
  const at = new Date();
  const headers = { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(TEST_PAYMENTS_SECRET).sign(id, at, payload), authorization: '' };
  return call('POST', '/v1/webhooks/payments', payload, headers);
}

describe('one payment for several invoices', () => {
  it('settles three invoices with three ledger rows, once, however often it is retried', async () => {
    const { email, invoices } = await client(30, 10, 20);
    const key = rid('key');
    const res = await pay(email, { amount: 3 * TOTAL, reference: 'November transfer' }, key);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // Oldest due first: the 10-day invoice, then the 20-day, then the 30-day one.
    expect(res.body.parts.map((p: { number: string }) => p.number)).toEqual([invoices[1].number, invoices[2].number, invoices[0].number]);
    expect(res.body.parts.map((p: { outcome: string; amount: number }) => [p.outcome, p.amount])).toEqual(Array(3).fill(['applied', TOTAL]));
    expect(res.body.credit).toBe(0);
    for (const i of invoices) expect(await invoice(i.id)).toMatchObject({ status: 'paid', amountDue: 0, amountPaid: TOTAL });
    const rows = await ledger(invoices.map((i) => i.id));
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.paymentKey).sort()).toEqual(invoices.map((i) => `${res.body.paymentId}/${i.id}`).sort());

    // The same request again: the stored answer.
    const replay = await pay(email, { amount: 3 * TOTAL, reference: 'November transfer' }, key);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    // The key's record gone (kept only 24 hours, or a first attempt that failed): the stored split
    // and each part's id still make it the same payment, applied nothing twice.
    await ctx.orm.em.fork().getConnection().execute('delete from idempotency_key where key = ?', [key]);
    const again = await pay(email, { amount: 3 * TOTAL, reference: 'November transfer' }, key);
    expect(again.status).toBe(200);
    expect(again.body.parts.map((p: { outcome: string }) => p.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await ledger(invoices.map((i) => i.id))).toHaveLength(3);
    for (const i of invoices) expect((await invoice(i.id)).amountPaid).toBe(TOTAL);
  });

  it('runs out oldest due first: the next invoice part-paid, the last untouched', async () => {
    const { email, invoices } = await client(30, 10, 20);
    const res = await pay(email, { amount: TOTAL + 50_000 });
    expect(res.status).toBe(201);
    expect(res.body.parts.map((p: { invoiceId: string; amount: number }) => [p.invoiceId, p.amount])).toEqual([[invoices[1].id, TOTAL], [invoices[2].id, 50_000]]);
    expect(await invoice(invoices[1].id)).toMatchObject({ status: 'paid' });
    expect(await invoice(invoices[2].id)).toMatchObject({ status: 'open', amountDue: TOTAL - 50_000 });
    expect(await invoice(invoices[0].id)).toMatchObject({ status: 'open', amountPaid: 0 });
  });

  it('pays the invoices named, in their order; the rest becomes the client\'s credit', async () => {
    const { email, invoices } = await client(10, 20, 30);
    const res = await pay(email, { amount: 2 * TOTAL + 7_000, invoices: [invoices[2].id, invoices[0].id] });
    expect(res.status).toBe(201);
    expect(res.body.parts.map((p: { invoiceId: string; amount: number; credit: number }) => [p.invoiceId, p.amount, p.credit])).toEqual([[invoices[2].id, TOTAL, 0], [invoices[0].id, TOTAL + 7_000, 7_000]]);
    expect(res.body.credit).toBe(7_000);
    expect((await invoice(invoices[1].id)).amountPaid).toBe(0);
    const credit = await waitFor(() => ctx.orm.em.fork().findOne(ClientCredit, { clientEmail: email }).then((c) => c ?? undefined), 10_000, 'the credit');
    expect(credit).toMatchObject({ amount: 7_000, currency: 'EUR', sourceInvoiceId: invoices[0].id, appliedToInvoiceId: null });
  });

  it('refuses, naming the field, what it cannot place', async () => {
    const { email, invoices } = await client(10);
    const other = await client(10);
    const bad = await pay(email, { amount: 100, invoices: [other.invoices[0].id] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ field: 'invoices.0', message: 'is not an invoice of this client' }]);
    expect((await pay(email, { amount: 100, currency: 'USD' })).status).toBe(409); // no open invoice in USD
    expect((await pay(email, { amount: 0 })).body.error.fields[0].field).toBe('amount');
    expect((await pay(email, { amount: 100, invoices: [invoices[0].id, invoices[0].id] })).status).toBe(400);
    expect((await pay('not-an-email', { amount: 100 })).body.error.fields).toEqual([{ field: 'email', message: 'must be an email address' }]);
    expect(await ledger([invoices[0].id])).toHaveLength(0);
  });
});

describe('a transfer whose reference names several invoices', () => {
  it('is split across them however the numbers are mangled, and counted once when redelivered', async () => {
    const { invoices } = await client(10, 20, 30);
    const [a, b, c] = invoices;
    // "inv 2026 0003", "INV20260004", and the third by its RF reference, printed and in lowercase.
    const reference = `${a.number.toLowerCase().replace(/-/g, ' ')}, ${b.number.replace(/-/g, '')} ${printCreditorReference(creditorReference(c.number)).toLowerCase()}`;
    const tx = rid('tx');
    const id = rid('msg');
    const first = await webhook({ id: tx, amount: 3 * TOTAL - 4_000, reference }, id);
    expect(first.status).toBe(200);
    expect(first.body.outcome).toBe(`split ${3 * TOTAL - 4_000} EUR: ${a.number} applied ${TOTAL}; ${b.number} applied ${TOTAL}; ${c.number} applied ${TOTAL - 4_000}; credit 0`);
    expect(await invoice(a.id)).toMatchObject({ status: 'paid' });
    expect(await invoice(b.id)).toMatchObject({ status: 'paid' });
    expect(await invoice(c.id)).toMatchObject({ status: 'open', amountDue: 4_000 });

    expect((await webhook({ id: tx, amount: 3 * TOTAL - 4_000, reference }, id)).body).toEqual({ received: true, duplicate: true });
    // The provider announces the same payment again under a new event id: the stored split, parts already in.
    const again = await webhook({ id: tx, amount: 3 * TOTAL - 4_000, reference });
    expect(again.body.outcome).toMatch(/duplicate.*duplicate.*duplicate/);
    expect(await ledger(invoices.map((i) => i.id))).toHaveLength(3);
    expect((await invoice(c.id)).amountDue).toBe(4_000);
  });

  it('one named invoice is an ordinary match; invoices of two clients wait for the owner, who may split them', async () => {
    const { invoices: [one] } = await client(10);
    expect((await webhook({ id: rid('tx'), amount: 1_000, reference: `thanks ${one.number.replace(/-/g, '')}` })).body.outcome).toBe('applied');
    expect((await invoice(one.id)).amountPaid).toBe(1_000);
    const { invoices: [other] } = await client(10);
    const tx = rid('tx');
    const res = await webhook({ id: tx, amount: TOTAL + 5_000, reference: `${one.number} ${other.number}` });
    expect(res.body.outcome).toBe('unapplied: the reference names invoices of different clients');
    const held = await ctx.orm.em.fork().findOneOrFail(UnappliedPayment, { externalId: tx });
    expect(held).toMatchObject({ amount: TOTAL + 5_000 });

    // The owner decides: split it over both, in the order given; assigning again is refused.
    const assigned = await call('POST', `/v1/payments/unapplied/${held.id}/assign`, { invoiceIds: [one.id, other.id] });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body.split.parts.map((p: { invoiceId: string; amount: number; outcome: string }) => [p.invoiceId, p.amount, p.outcome])).toEqual([[one.id, TOTAL - 1_000, 'applied'], [other.id, 6_000, 'applied']]);
    expect(await invoice(one.id)).toMatchObject({ status: 'paid' });
    expect(await invoice(other.id)).toMatchObject({ amountPaid: 6_000 });
    expect((await call('POST', `/v1/payments/unapplied/${held.id}/assign`, { invoiceIds: [other.id] })).status).toBe(409);
    expect((await call('POST', `/v1/payments/unapplied/${held.id}/assign`, { invoiceId: one.id, invoiceIds: [other.id] })).status).toBe(400);
  });
});

describe('the statement', () => {
  it('lists every open invoice oldest due first, the credit notes and credit, and the totals; JSON, PDF and the client\'s page', async () => {
    const { email, invoices } = await client(30, 10, 20);
    const [later, first, middle] = invoices;
    await pay(email, { amount: 40_000, invoices: [middle.id] });
    const note = await call('POST', `/v1/invoices/${later.id}/credit-notes`, { reason: 'Two revision hours not done', lines: [{ description: 'Extra revisions (hours)', quantity: 2, unitAmount: 4_000 }] });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    // An earlier invoice overpaid and settled: its excess is credit the statement shows.
    const paid = (await call('POST', '/v1/invoices', { ...invoiceInput(), client: { ...invoiceInput().client, email } })).body as Invoice;
    await pay(email, { amount: TOTAL + 2_500, invoices: [paid.id] });
    await waitFor(() => ctx.orm.em.fork().count(ClientCredit, { clientEmail: email }).then((n) => n > 0), 10_000, 'the credit');

    const res = await call('GET', `/v1/clients/${encodeURIComponent(email.toUpperCase())}/statement`);
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.invoices.map((i: { number: string }) => i.number)).toEqual([first.number, middle.number, later.number]);
    expect(s.invoices.map((i: { amountDue: number }) => i.amountDue)).toEqual([TOTAL, TOTAL - 40_000, TOTAL - 8_000]);
    expect(s.invoices[1]).toMatchObject({ paid: 40_000, total: TOTAL, creditorReference: creditorReference(middle.number) });
    expect(s.creditNotes).toEqual([expect.objectContaining({ invoiceNumber: later.number, total: 8_000, reason: 'Two revision hours not done' })]);
    expect(s.credits).toEqual([expect.objectContaining({ amount: 2_500, currency: 'EUR', sourceInvoiceNumber: paid.number })]);
    expect(s.totals).toEqual([{ currency: 'EUR', amountDue: 3 * TOTAL - 40_000 - 8_000, credit: 2_500, openInvoices: 3 }]);
    expect(s.statementUrl).toMatch(new RegExp(`^${ctx.api.url}/s/[A-Za-z0-9_-]{32}$`));
    expect((await call('GET', `/v1/clients/${email}/statement`)).body.statementUrl).toBe(s.statementUrl); // one link per client

    const pdf = await fetch(`${ctx.api.url}/v1/clients/${email}/statement?format=pdf`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    for (const expected of ['Statement of account', first.number, middle.number, later.number, 'Total due (EUR) €4,140.00', 'Page 1 of 1', 'CN-']) expect(text).toContain(expected);

    const page = await fetch(s.statementUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    for (const n of [first.number, middle.number, later.number]) expect(html).toContain(n);
    expect((await fetch(`${s.statementUrl}/pdf`)).headers.get('content-type')).toBe('application/pdf');

    const rotated = await call('POST', `/v1/clients/${email}/statement/link/rotate`, {});
    expect(rotated.body.statementUrl).not.toBe(s.statementUrl);
    for (const url of [s.statementUrl, `${s.statementUrl}/pdf`, `${ctx.api.url}/s/short`, `${ctx.api.url}/s/${'A'.repeat(32)}`]) {
      const gone = await fetch(url);
      expect(gone.status, url).toBe(404);
      expect(await gone.text()).toBe('Not found');
    }
    expect((await call('GET', `/v1/clients/nobody@client.test/statement`)).status).toBe(404);
    expect((await call('GET', `/v1/clients/${email}/statement?format=xml`)).status).toBe(400);
  });
});

describe('pausing a whole client', () => {
  it('pauses and resumes every open invoice through its workflow, reporting the ones already paused or not paused', async () => {
    const { email, invoices } = await client(10, 20, 30);
    expect((await call('POST', `/v1/invoices/${invoices[2].id}/pause`, { message: 'Asked about the revisions' })).status).toBe(200);
    const paused = await call('POST', `/v1/clients/${email}/pause`, { message: 'Their accountant is away until the 15th', autoResumeDays: 14 });
    expect(paused.status).toBe(200);
    const outcome = (r: typeof paused) => Object.fromEntries(r.body.invoices.map((i: { invoiceId: string; outcome: string }) => [i.invoiceId, i.outcome]));
    expect(outcome(paused)).toEqual({ [invoices[0].id]: 'paused', [invoices[1].id]: 'paused', [invoices[2].id]: 'already_paused' });
    for (const i of invoices) expect((await call('GET', `/v1/invoices/${i.id}/schedule`)).body.state).toBe('paused');
    expect((await call('GET', `/v1/invoices/${invoices[0].id}/schedule`)).body.pause.reason).toBe('Their accountant is away until the 15th');

    const resumed = await call('POST', `/v1/clients/${email}/resume`, { note: 'Back from holiday' });
    expect(outcome(resumed)).toEqual({ [invoices[0].id]: 'resumed', [invoices[1].id]: 'resumed', [invoices[2].id]: 'resumed' });
    for (const i of invoices) expect((await call('GET', `/v1/invoices/${i.id}/schedule`)).body.state).toBe('running');
    expect(outcome(await call('POST', `/v1/clients/${email}/resume`, {}))).toEqual({ [invoices[0].id]: 'not_paused', [invoices[1].id]: 'not_paused', [invoices[2].id]: 'not_paused' });

    // A paid invoice is not touched; an unknown client has nothing to pause.
    await pay(email, { amount: TOTAL, invoices: [invoices[0].id] });
    expect(outcome(await call('POST', `/v1/clients/${email}/pause`, { message: 'Again' }))).toEqual({ [invoices[1].id]: 'paused', [invoices[2].id]: 'paused' });
    expect((await call('POST', '/v1/clients/nobody@client.test/pause', { message: 'x' })).body.invoices).toEqual([]);
    expect((await call('POST', `/v1/clients/${email}/pause`, {})).status).toBe(400);
  });
});
