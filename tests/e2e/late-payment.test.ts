// The EU Late Payment Directive preset (issue 14): the owner records the reference rate; an
// invoice issued with the preset states and charges the rate plus 8 points and EUR 40.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { waitFor } from '../support/wait';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);
const client = () => ({ ...invoiceInput().client, email: `lp-${randomBytes(4).toString('hex')}@client.test` });
const fields = (res: { body: any }) => res.body.error?.fields?.map((f: { field: string }) => f.field);

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

describe('statutory late-payment terms', () => {
  it('asks for the reference rate first, then states and applies the rate plus 8 points and EUR 40', async () => {
    const refused = await call('POST', '/v1/invoices', invoiceInput({ client: client(), lateFees: { preset: 'eu-late-payment' } }));
    expect(refused.status).toBe(400);
    expect(fields(refused)).toEqual(['lateFees.preset']);

    expect((await call('POST', '/v1/reference-rates', { ratePercent: 2.15, effectiveFrom: '2026-07-01' })).status).toBe(201);
    // A rate that takes effect later applies to later invoices only.
    expect((await call('POST', '/v1/reference-rates', { ratePercent: 3, effectiveFrom: '2099-01-01' })).status).toBe(201);
    const c = client();
    const res = await call('POST', '/v1/invoices', invoiceInput({ client: c, lateFees: { preset: 'eu-late-payment' } }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.terms.lateFees).toMatchObject({ graceDays: 0, fixedAmount: 4_000, annualRatePercent: 10.15, statutory: { directive: '2011/7/EU', referenceRatePercent: 2.15, effectiveFrom: '2026-07-01' } });
    const mail = await waitFor(() => ctx.resend.deliveries.find((d) => d.to.includes(c.email)), 15_000, 'the invoice email');
    expect(mail.text).toContain('EU Late Payment Directive (2011/7/EU)');
    expect(mail.text).toContain('interest of 10.15% a year');
    expect(mail.text).toContain('€40.00');
  });

  it('needs the compensation in the currency of an invoice not in euros', async () => {
    const usd = { client: client(), currency: 'USD', lateFees: { preset: 'eu-late-payment' as const } };
    const refused = await call('POST', '/v1/invoices', invoiceInput(usd));
    expect(refused.status).toBe(400);
    expect(fields(refused)).toEqual(['lateFees.compensationAmount']);
    const res = await call('POST', '/v1/invoices', invoiceInput({ ...usd, lateFees: { preset: 'eu-late-payment', compensationAmount: 4_300 } }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.terms.lateFees).toMatchObject({ fixedAmount: 4_300 });
  });
});
