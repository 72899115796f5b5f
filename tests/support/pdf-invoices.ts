// Invoices built in memory to push the PDF's layout: long words, huge amounts, Cyrillic, many
// lines, change orders, every optional block. No database: the renderer takes the row as is.
import type { ChangeOrder, Invoice } from '../../db/entities';
import { computeTotals, type LineInput } from '../../domain/money';
import { ISSUER } from './fixtures';

export interface PdfCase {
  name: string;
  invoice: Invoice;
  changeOrders: ChangeOrder[];
}

const LOREM = 'Design, illustration and typesetting of the annual report including two rounds of revisions, print-ready files and a web version';
const BG_TEXT = 'Изработка на фирмена идентичност: лого, цветова палитра, шрифтове, визитки, бланки и ръководство за употреба на марката';

export function invoiceOf(lines: LineInput[], overrides: Partial<Invoice> = {}): Invoice {
  const totals = computeTotals(lines);
  return {
    id: '00000000-0000-4000-8000-000000000001', issuerId: 'default', number: 'INV-2026-0042', currency: 'EUR', termsDays: 30,
    issueDate: '2026-11-28', dueDate: '2026-12-28', subtotal: totals.subtotal, taxTotal: totals.taxTotal, total: totals.total,
    status: 'open', amountPaid: 0, adjustmentsTotal: 0, discountTotal: 0, changesTotal: 0, lines: totals.lines,
    client: { name: 'Acme Ltd', email: 'ap@acme.test', address: '5 Main Street, London', locale: 'en', timeZone: 'UTC', taxId: 'GB123456789' },
    poNumber: 'PO-7781', note: 'Thank you for trusting us with your new brand!',
    issuerSnapshot: { ...ISSUER, paymentInstructions: { ...ISSUER.paymentInstructions, cardPaymentUrl: 'https://pay.example.test/inv/42' } },
    terms: {}, ...overrides,
  } as unknown as Invoice;
}

function changeOrder(description: string, lines: LineInput[]): ChangeOrder {
  const totals = computeTotals(lines);
  return { id: 'co', invoiceId: 'x', token: 't', description, reason: 'asked for', lines: totals.lines, subtotal: totals.subtotal, taxTotal: totals.taxTotal, total: totals.total, status: 'approved' } as ChangeOrder;
}

const HUGE = 99_999_999_999_999; // 999,999,999,999.99 in a two-decimal currency

export function pdfCases(): PdfCase[] {
  const many = Array.from({ length: 200 }, (_, i) => ({ description: i % 7 === 0 ? `${i + 1}. ${LOREM}` : `Line ${i + 1}`, quantity: (i % 5) + 1, unitAmount: 1_000 + i * 137, taxRate: i % 3 === 0 ? 9 : 20 }));
  return [
    {
      name: 'long descriptions and unbreakable words',
      invoice: invoiceOf([
        { description: `${LOREM}. ${LOREM}. ${LOREM}.`.slice(0, 500), quantity: 1, unitAmount: 120_000, taxRate: 20 },
        { description: 'X'.repeat(500), quantity: 2.5, unitAmount: 4_000, taxRate: 0, taxCategory: 'E' },
        { description: `https://example.test/${'a-very-long-path-segment/'.repeat(12)}`, quantity: 1_000_000, unitAmount: 1, taxRate: 9 },
      ], {
        note: `${LOREM}. `.repeat(14).slice(0, 2000),
        client: { name: 'N'.repeat(200), email: 'ap@acme.test', address: `${'Long Street '.repeat(40)}\nLondon`.slice(0, 500), locale: 'en', timeZone: 'UTC', taxId: 'T'.repeat(50) },
        poNumber: 'P'.repeat(100),
        terms: { earlyPayment: { percent: 2, withinDays: 10 }, lateFees: { graceDays: 7, fixedAmount: 4_000, annualRatePercent: 8, capAmount: 50_000 } },
      }),
      changeOrders: [changeOrder(`Extra pages: ${LOREM}`, [{ description: LOREM, quantity: 3, unitAmount: 25_000, taxRate: 20 }])],
    },
    {
      name: 'huge amounts in euro',
      invoice: invoiceOf([{ description: 'Everything', quantity: 1, unitAmount: HUGE, taxRate: 20 }, { description: 'More of it', quantity: 999_999, unitAmount: HUGE, taxRate: 20 }], { amountPaid: HUGE }),
      changeOrders: [],
    },
    {
      name: 'huge amounts in Bulgarian, in lev',
      invoice: invoiceOf([{ description: BG_TEXT, quantity: 1, unitAmount: HUGE, taxRate: 20 }, { description: BG_TEXT.toUpperCase(), quantity: 1_000_000, unitAmount: HUGE, taxRate: 9.5 }], {
        currency: 'BGN', amountPaid: 12_345,
        client: { name: 'Акме ЕООД', email: 'ap@acme.test', address: 'ул. „Граф Игнатиев“ 15, 1000 София', locale: 'bg', timeZone: 'Europe/Sofia', taxId: 'BG987654321' },
        note: 'Благодарим ви, че ни поверихте новата си марка! Ако имате въпроси, просто отговорете на имейла.',
      }),
      changeOrders: [],
    },
    {
      name: 'yen without decimals',
      invoice: invoiceOf([{ description: 'Consulting', quantity: 1, unitAmount: 1_000_000_000_000, taxRate: 10 }], { currency: 'JPY' }),
      changeOrders: [],
    },
    { name: '200 lines', invoice: invoiceOf(many), changeOrders: [changeOrder('Follow-up work', many.slice(0, 40))] },
    {
      name: '200 lines in Bulgarian',
      invoice: invoiceOf(many.map((l, i) => ({ ...l, description: i % 5 === 0 ? BG_TEXT : `Ред ${i + 1}` })), {
        currency: 'BGN', client: { name: 'Акме ЕООД', email: 'ap@acme.test', address: 'София', locale: 'bg', timeZone: 'Europe/Sofia' },
      }),
      changeOrders: [],
    },
  ];
}
