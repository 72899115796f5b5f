// POST /v1/invoices/:id/plan through the real API and workflow: a good plan shows in the invoice
// with each instalment's status, a bad one is a 400 naming the field, a closed invoice a 409.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../domain/dates';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

async function newInvoice() {
  const res = await call('POST', '/v1/invoices', { ...invoiceInput(), policy: 'standard', client: { ...invoiceInput().client, email: `plan-${randomBytes(4).toString('hex')}@client.test` } });
  expect(res.status).toBe(201);
  return res.body as { id: string; amountDue: number };
}

describe('instalment plans over the API', () => {
  it('agrees a plan and shows it; refuses a bad one field by field; a closed invoice takes none', async () => {
    const inv = await newInvoice();
    const half = Math.floor(inv.amountDue / 2);
    const bad = await call('POST', `/v1/invoices/${inv.id}/plan`, { instalments: [{ dueDate: addDays(today(), 10), amount: half }, { dueDate: addDays(today(), 5), amount: inv.amountDue - half }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ field: 'instalments.1.dueDate', message: expect.stringContaining('after the previous') }]);
    const short = await call('POST', `/v1/invoices/${inv.id}/plan`, { instalments: [{ dueDate: addDays(today(), 10), amount: half }, { dueDate: addDays(today(), 40), amount: 1 }] });
    expect(short.status).toBe(400);
    expect(short.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['instalments']);

    const plan = { instalments: [{ dueDate: addDays(today(), 10), amount: half }, { dueDate: addDays(today(), 40), amount: inv.amountDue - half }] };
    const agreed = await call('POST', `/v1/invoices/${inv.id}/plan`, plan);
    expect(agreed.status).toBe(200);
    expect(agreed.body.plan.instalments.map((i: { status: string; amount: number }) => [i.status, i.amount])).toEqual([['due', half], ['upcoming', inv.amountDue - half]]);
    const shown = await call('GET', `/v1/invoices/${inv.id}`);
    expect(shown.body.plan.current).toMatchObject({ number: 1, dueDate: plan.instalments[0].dueDate });
    expect(shown.body.timeline.map((e: { kind: string }) => e.kind)).toContain('plan_agreed');

    expect((await call('POST', `/v1/invoices/${inv.id}/payments`, { amount: inv.amountDue, method: 'bank_transfer' })).status).toBe(201);
    const closed = await call('POST', `/v1/invoices/${inv.id}/plan`, plan);
    expect(closed.status).toBe(409);
  });
});
