// The typed client (client/) against the real API, workers, Temporal dev server and PostgreSQL:
// what compiles against the generated types must also be what the running API answers.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDunwellClient, type ApiError, type DunwellClient, type Invoice, type InvoiceCreate } from '../../client';
import { TEST_API_KEY } from '../support/api';
import { useE2E } from '../support/e2e';
import { ISSUER } from '../support/fixtures';

const ctx = useE2E();
let dunwell: DunwellClient;
const clientEmail = `ap-${randomBytes(4).toString('hex')}@acme.test`;
const input: InvoiceCreate = {
  client: { name: 'Acme Ltd', email: clientEmail, address: '5 Main Street, London', timeZone: 'Europe/London', phone: '+44 20 7946 0000' },
  currency: 'EUR',
  termsDays: 30,
  lines: [{ description: 'Brand identity', quantity: 1, unitAmount: 120_000, taxRate: 20 }],
};

beforeAll(async () => {
  // A trailing slash on the base URL is the common slip; the client takes it.
  dunwell = createDunwellClient({ baseUrl: `${ctx.api.url}/`, apiKey: TEST_API_KEY });
  const { response, error } = await dunwell.PUT('/v1/issuer', { body: ISSUER });
  expect(response.status, JSON.stringify(error)).toBe(200);
});

describe('the typed client', () => {
  let invoice: Invoice;

  it('creates an invoice under an Idempotency-Key, and a retry under it gets the same one', async () => {
    const key = `create-${randomBytes(6).toString('hex')}`;
    const created = await dunwell.POST('/v1/invoices', { body: input, params: { header: { 'Idempotency-Key': key } } });
    expect(created.response.status, JSON.stringify(created.error)).toBe(201);
    invoice = created.data!;
    expect(invoice).toMatchObject({ status: 'open', currency: 'EUR', total: 144_000, amountDue: 144_000 });
    expect(invoice.number).toMatch(/^INV-\d{4}-\d{4}$/);

    // The key may also go in plain headers; the API replays the stored answer.
    const again = await dunwell.POST('/v1/invoices', { body: input, headers: { 'Idempotency-Key': key } });
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data?.id).toBe(invoice.id);
  });

  it('reads it back, and finds it in the list by a query parameter', async () => {
    const got = await dunwell.GET('/v1/invoices/{id}', { params: { path: { id: invoice.id } } });
    expect(got.response.status).toBe(200);
    expect(got.data).toMatchObject({ id: invoice.id, number: invoice.number, total: 144_000 });
    expect(got.data?.lines).toHaveLength(1);

    const page = await dunwell.GET('/v1/invoices', { params: { query: { clientEmail, status: 'open', limit: 5 } } });
    expect(page.response.status).toBe(200);
    expect(page.data?.data?.map((row) => row.id)).toEqual([invoice.id]);
    expect(page.data?.hasMore).toBe(false);
  });

  it('records a payment and gets the invoice with what is left', async () => {
    const paid = await dunwell.POST('/v1/invoices/{id}/payments', {
      params: { path: { id: invoice.id }, header: { 'Idempotency-Key': `pay-${invoice.id}` } },
      body: { amount: 44_000, method: 'bank_transfer', reference: 'SEPA 2026-0412' },
    });
    expect(paid.response.status, JSON.stringify(paid.error)).toBe(201);
    expect(paid.data).toMatchObject({ id: invoice.id, amountPaid: 44_000, amountDue: 100_000, status: 'open' });
  });

  it('gets a 400 back as a typed error that names the bad field', async () => {
    const { data, error, response } = await dunwell.POST('/v1/invoices/{id}/payments', {
      params: { path: { id: invoice.id } },
      body: { amount: -5, method: 'cash' },
    });
    expect(response.status).toBe(400);
    expect(data).toBeUndefined();
    const typed: ApiError | undefined = error;
    expect(typed?.error.type).toBe('invalid_request');
    expect(typed?.error.fields?.map((f) => f.field)).toContain('amount');
  });

  it('sends the API key as a bearer token: a wrong key is a typed 401', async () => {
    const stranger = createDunwellClient({ baseUrl: ctx.api.url, apiKey: 'dw_not_the_key' });
    const { error, response } = await stranger.GET('/v1/invoices/{id}', { params: { path: { id: invoice.id } } });
    expect(response.status).toBe(401);
    expect(error?.error.type).toBe('unauthorized');
  });

  it('subscribes a webhook endpoint and reads the event log, typed', async () => {
    const endpoint = await dunwell.POST('/v1/webhook-endpoints', { body: { url: 'http://127.0.0.1:9/hooks', events: ['invoice.paid', 'task.created'] } });
    expect(endpoint.response.status, JSON.stringify(endpoint.error)).toBe(201);
    expect(endpoint.data!.secret).toMatch(/^whsec_/);
    const events = await dunwell.GET('/v1/events', { params: { query: { invoiceId: invoice.id, type: 'invoice.payment_received', limit: 5 } } });
    expect(events.data!.data?.map((e) => e.type)).toEqual(['invoice.payment_received']);
    expect(events.data!.data?.[0].data.invoice).toMatchObject({ id: invoice.id, amountDue: 100_000 });
    expect((await dunwell.DELETE('/v1/webhook-endpoints/{id}', { params: { path: { id: endpoint.data!.id } } })).response.status).toBe(200);
  });
});
