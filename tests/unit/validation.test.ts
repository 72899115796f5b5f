import { describe, expect, it } from 'vitest';
import { HttpError, parse } from '../../api/errors';
import {
  ChangeOrderCreateSchema, ClientSchema, CollectionsDecisionSchema, InvoiceCreateSchema, InvoiceListQuerySchema, IssuerInputSchema, LateFeesSchema,
  PauseSchema, PaymentCreateSchema, PolicyInputSchema, RecurringCreateSchema, RecurringPatchSchema, TaskCompletionSchema, VoidSchema,
} from '../../api/schemas';
import { MAX_AMOUNT, computeTotals } from '../../domain/money';
import { storableTextProblem, toStorableText } from '../../domain/text';
import { invoiceInput } from '../support/fixtures';

const failingFields = (schema: Parameters<typeof parse>[0], body: unknown, where: 'body' | 'query' = 'body'): string[] => {
  try {
    parse(schema, body, where);
  } catch (err) {
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(400);
    return [...new Set((err as HttpError).fields!.map((f) => f.field))];
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

describe('text that can be stored as given', () => {
  it('names NUL, lone surrogates, bidi controls and control characters, and where they are', () => {
    expect(storableTextProblem('Hello world')).toBeNull();
    expect(storableTextProblem('Иван Петров 😀 Ünïcødé')).toBeNull();
    expect(storableTextProblem('tab\there')).toBeNull();
    expect(storableTextProblem('Hello\u0000world')).toMatch(/U\+0000.*position 6/);
    expect(storableTextProblem('a\uD800b')).toMatch(/surrogate.*U\+D800/);
    expect(storableTextProblem('a\uDC00')).toMatch(/surrogate.*U\+DC00/);
    expect(storableTextProblem('\uD83D')).toMatch(/surrogate/); // half an emoji
    expect(storableTextProblem('invoice\u202Efdp.exe')).toMatch(/U\+202E/);
    expect(storableTextProblem('x\u2066y')).toMatch(/U\+2066/);
    expect(storableTextProblem('bell\u0007')).toMatch(/U\+0007/);
    expect(storableTextProblem('del\u007F')).toMatch(/U\+007F/);
    expect(storableTextProblem('two\nlines')).toMatch(/single line/);
    expect(storableTextProblem('two\r\nlines', { multiline: true })).toBeNull();
    expect(storableTextProblem('nul\u0000', { multiline: true })).toMatch(/U\+0000/);
  });

  it('strips the same characters from text that cannot be refused', () => {
    expect(toStorableText('fraud\u0000ulent\u202E\uD800\u0007')).toBe('fraudulent');
    expect(toStorableText('two\r\nlines\tand 😀')).toBe('two\r\nlines\tand 😀');
  });

  it('every free-text field refuses them with a 400 naming the field', () => {
    const base = invoiceInput();
    const nul = 'a\u0000b';
    expect(failingFields(InvoiceCreateSchema, { ...base, note: nul })).toEqual(['note']);
    expect(failingFields(InvoiceCreateSchema, { ...base, poNumber: nul })).toEqual(['poNumber']);
    expect(failingFields(InvoiceCreateSchema, { ...base, client: { ...base.client, name: nul } })).toEqual(['client.name']);
    expect(failingFields(InvoiceCreateSchema, { ...base, client: { ...base.client, name: 'Acme\nLtd' } })).toEqual(['client.name']);
    expect(failingFields(InvoiceCreateSchema, { ...base, client: { ...base.client, email: 'ap\u0000@acme.test' } })).toEqual(['client.email']);
    expect(failingFields(InvoiceCreateSchema, { ...base, client: { ...base.client, address: 'Main St \uDFFF' } })).toEqual(['client.address']);
    expect(failingFields(InvoiceCreateSchema, { ...base, client: { ...base.client, phone: '+44\u202E' } })).toEqual(['client.phone']);
    expect(failingFields(InvoiceCreateSchema, { ...base, lines: [{ ...base.lines[0], description: `Logo${'\u0001'}` }] })).toEqual(['lines.0.description']);
    expect(failingFields(PaymentCreateSchema, { amount: 100, method: 'cash', reference: nul })).toEqual(['reference']);
    expect(failingFields(PauseSchema, { message: nul })).toEqual(['message']);
    expect(failingFields(VoidSchema, { reason: nul })).toEqual(['reason']);
    expect(failingFields(CollectionsDecisionSchema, { decision: 'agency', agency: nul })).toEqual(['agency']);
    expect(failingFields(CollectionsDecisionSchema, { decision: 'write_off', reason: nul })).toEqual(['reason']);
    expect(failingFields(TaskCompletionSchema, { outcome: 'note', note: nul })).toEqual(['note']);
    expect(failingFields(ChangeOrderCreateSchema, { description: nul, reason: 'ok', lines: base.lines })).toEqual(['description']);
    expect(failingFields(ChangeOrderCreateSchema, { description: 'ok', reason: nul, lines: base.lines })).toEqual(['reason']);
    expect(failingFields(IssuerInputSchema, { name: nul, email: 'a\u0000@b.test', paymentInstructions: { bankTransfer: { accountName: nul } } }).sort())
      .toEqual(['email', 'name', 'paymentInstructions.bankTransfer.accountName']);
    expect(failingFields(IssuerInputSchema, { paymentInstructions: { cardPaymentUrl: 'https://pay.test/\u0000' } })).toEqual(['paymentInstructions.cardPaymentUrl']);
    expect(failingFields(PolicyInputSchema, { description: nul, steps: [{ offsetDays: 0, action: 'email_client', tone: 'friendly' }] })).toEqual(['description']);
    expect(failingFields(InvoiceListQuerySchema, { clientEmail: nul }, 'query')).toEqual(['query.clientEmail']);
    expect(failingFields(RecurringPatchSchema, { note: nul })).toEqual(['note']);
  });

  it('takes line breaks where a text has lines, and tabs anywhere', () => {
    const base = invoiceInput();
    expect(parse(InvoiceCreateSchema, { ...base, note: 'Thanks!\r\nSee you', client: { ...base.client, address: '5 Main Street\nLondon', name: 'Acme\tLtd' } }).note).toBe('Thanks!\r\nSee you');
    expect(parse(PauseSchema, { message: 'Line one\nLine two' }).message).toBe('Line one\nLine two');
    expect(parse(ClientSchema, { ...base.client, name: 'Петров & Синове ООД' }).name).toBe('Петров & Синове ООД');
  });
});

describe('money within bounds', () => {
  const line = (quantity: number, unitAmount: number, taxRate?: number) => ({ description: 'Work', quantity, unitAmount, ...(taxRate !== undefined ? { taxRate } : {}) });

  it('refuses a line whose amount with tax is beyond the bound, naming the line', () => {
    const base = invoiceInput();
    expect(failingFields(InvoiceCreateSchema, { ...base, lines: Array.from({ length: 5 }, () => line(1_000_000, 1_000_000_000_000, 100)) }))
      .toEqual(['lines.0.unitAmount', 'lines.1.unitAmount', 'lines.2.unitAmount', 'lines.3.unitAmount', 'lines.4.unitAmount']);
    expect(failingFields(InvoiceCreateSchema, { ...base, lines: [line(999_999.999, 999_999_999_999)] })).toEqual(['lines.0.unitAmount']);
    expect(failingFields(InvoiceCreateSchema, { ...base, lines: [line(1, 1_000, 20), line(1, MAX_AMOUNT, 1)] })).toEqual(['lines.1.unitAmount']);
    expect(failingFields(InvoiceCreateSchema, { ...base, lines: [line(1, MAX_AMOUNT + 1)] })).toEqual(['lines.0.unitAmount']);
  });

  it('refuses a total beyond the bound as `lines`, and a zero total', () => {
    const base = invoiceInput();
    expect(failingFields(InvoiceCreateSchema, { ...base, lines: [line(1, 600_000_000_000), line(1, 400_000_000_001)] })).toEqual(['lines']);
    expect(failingFields(InvoiceCreateSchema, { ...base, lines: [line(1, 0), line(0.001, 100, 20)] })).toEqual(['lines']);
    try {
      parse(InvoiceCreateSchema, { ...base, lines: [line(1, 0)] });
    } catch (err) {
      expect((err as HttpError).fields).toEqual([{ field: 'lines', message: expect.stringMatching(/total must be greater than zero/) }]);
    }
    expect(failingFields(RecurringCreateSchema, { invoice: { ...base, lines: [line(1, 0)] }, cadence: { every: 'week', weekday: 'monday' }, startDate: '2030-01-01' })).toEqual(['invoice.lines']);
    expect(failingFields(RecurringPatchSchema, { lines: [line(2, MAX_AMOUNT / 2 + 1)] })).toEqual(['lines.0.unitAmount']);
  });

  it('takes the largest total there is, exactly', () => {
    const base = invoiceInput();
    const input = parse(InvoiceCreateSchema, { ...base, lines: [line(1, 500_000_000_000, 100)] });
    expect(computeTotals(input.lines).total).toBe(MAX_AMOUNT);
    const many = parse(InvoiceCreateSchema, { ...base, lines: Array.from({ length: 200 }, () => line(999.999, 4_000_000)) });
    expect(computeTotals(many.lines).total).toBe(200 * 3_999_996_000);
  });

  it('bounds change orders, payments and late fees the same way', () => {
    expect(failingFields(ChangeOrderCreateSchema, { description: 'x', reason: 'y', lines: [line(3, 999_999_999_999)] })).toEqual(['lines.0.unitAmount']);
    expect(failingFields(ChangeOrderCreateSchema, { description: 'x', reason: 'y', lines: [line(1, 999_999_999_999), line(1, 2)] })).toEqual(['lines']);
    expect(failingFields(PaymentCreateSchema, { amount: MAX_AMOUNT + 1, method: 'cash' })).toEqual(['amount']);
    expect(parse(PaymentCreateSchema, { amount: MAX_AMOUNT, method: 'cash' }).amount).toBe(MAX_AMOUNT);
    expect(failingFields(LateFeesSchema, { fixedAmount: MAX_AMOUNT + 1 })).toEqual(['fixedAmount']);
    expect(failingFields(LateFeesSchema, { annualRatePercent: 5, capAmount: 2 ** 60 })).toEqual(['capAmount']);
  });
});
