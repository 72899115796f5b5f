// Compiled by `tsc --noEmit -p .` (part of `npm test`), never run: proof that the typed client's
// types bite. Each @ts-expect-error must meet a real error, or tsc fails with "Unused
// '@ts-expect-error' directive"; a client typed as `any` would fail here.
import type { ApiError, DunwellClient, Invoice, InvoiceSummary } from '../../client';

declare const client: DunwellClient;
const input = {
  client: { name: 'Acme Ltd', email: 'ap@acme.test', address: '5 Main Street, London' },
  currency: 'EUR',
  termsDays: 30,
  lines: [{ description: 'Brand identity', quantity: 1, unitAmount: 120_000 }],
};

export async function rightCalls() {
  const created = await client.POST('/v1/invoices', { body: input, params: { header: { 'Idempotency-Key': 'k1' } } });
  if (created.error) {
    const error: ApiError = created.error;
    return error.error.fields?.map((f) => f.field);
  }
  const invoice: Invoice = created.data;
  const page = await client.GET('/v1/invoices', { params: { query: { status: 'open', limit: 10 } } });
  const first: InvoiceSummary | undefined = page.data?.data?.[0];
  const paid = await client.POST('/v1/invoices/{id}/payments', { params: { path: { id: invoice.id } }, body: { amount: 100, method: 'bank_transfer' } });
  return [first?.number, paid.data?.amountDue satisfies number | undefined];
}

export async function wrongCalls(id: string) {
  // @ts-expect-error a path the API does not have
  await client.GET('/v1/invoice/{id}', { params: { path: { id } } });
  // @ts-expect-error GET and POST only: the list cannot be deleted
  await client.DELETE('/v1/invoices', {});
  const { termsDays: _, ...withoutTerms } = input;
  // @ts-expect-error a misspelt body field: the required `termsDays` is missing
  await client.POST('/v1/invoices', { body: { ...withoutTerms, termDays: 30 } });
  // @ts-expect-error a field of the wrong type: money is an integer, not a string
  await client.POST('/v1/invoices/{id}/payments', { params: { path: { id } }, body: { amount: '12.00', method: 'cash' } });
  // @ts-expect-error a method the spec does not list
  await client.POST('/v1/invoices/{id}/payments', { params: { path: { id } }, body: { amount: 1200, method: 'paypal' } });
  // @ts-expect-error the path parameter is required
  await client.GET('/v1/invoices/{id}', {});
  // @ts-expect-error a query parameter the list does not take
  await client.GET('/v1/invoices', { params: { query: { state: 'open' } } });
  // @ts-expect-error a status outside the spec's enum
  await client.GET('/v1/invoices', { params: { query: { status: 'overdue' } } });
  const got = await client.GET('/v1/invoices/{id}', { params: { path: { id } } });
  // @ts-expect-error data is undefined until the error is ruled out
  got.data.amountDue;
  // @ts-expect-error the answer has no such field
  got.data?.amountOwed;
}
