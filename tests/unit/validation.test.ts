import { describe, expect, it } from 'vitest';
import { HttpError, parse } from '../../api/errors';
import { InvoiceCreateSchema, PaymentCreateSchema } from '../../api/schemas';
import { invoiceInput } from '../support/fixtures';

const failingFields = (schema: Parameters<typeof parse>[0], body: unknown): string[] => {
  try {
    parse(schema, body);
  } catch (err) {
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(400);
    return (err as HttpError).fields!.map((f) => f.field);
  }
  throw new Error('expected the input to be rejected');
};

describe('invoice validation', () => {
  it('accepts a complete invoice and upper-cases the currency', () => {
    expect(parse(InvoiceCreateSchema, { ...invoiceInput(), currency: 'eur' }).currency).toBe('EUR');
  });

  it('names every failing field', () => {
    const base = invoiceInput();
    expect(failingFields(InvoiceCreateSchema, { ...base, client: { ...base.client, email: 'nope' } })).toEqual(['client.email']);
    expect(failingFields(InvoiceCreateSchema, { ...base, currency: 'XYZ1' })).toEqual(['currency']);
    expect(failingFields(InvoiceCreateSchema, { ...base, lines: [] })).toEqual(['lines']);
    expect(failingFields(InvoiceCreateSchema, { ...base, lines: [{ description: 'x', quantity: 1, unitAmount: 10.5 }] })).toEqual(['lines.0.unitAmount']);
    expect(failingFields(InvoiceCreateSchema, { ...base, termsDays: -1, client: { ...base.client, timeZone: 'Mars/Olympus' } }).sort()).toEqual(['client.timeZone', 'termsDays']);
    expect(failingFields(InvoiceCreateSchema, { ...base, total: 5 })).toEqual(['(body)']);
  });

  it('refuses a missing client address', () => {
    const { address: _omit, ...client } = invoiceInput().client;
    expect(failingFields(InvoiceCreateSchema, { ...invoiceInput(), client })).toEqual(['client.address']);
  });

  it('takes payments only as positive whole minor units', () => {
    expect(failingFields(PaymentCreateSchema, { amount: 0, method: 'cash' })).toEqual(['amount']);
    expect(failingFields(PaymentCreateSchema, { amount: 12.3, method: 'cash' })).toEqual(['amount']);
    expect(failingFields(PaymentCreateSchema, { amount: 100, method: 'barter' })).toEqual(['method']);
  });
});
