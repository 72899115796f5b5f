// What the PDF says beyond the lines: how to pay (with the EPC QR image only for euro and a valid
// IBAN), the VAT breakdown per category and rate, the supply date, the logo in its box top right.
import { describe, expect, it } from 'vitest';
import { invoiceDocument } from '../../documents/invoice-document';
import { renderDocumentPdf, renderInvoicePdf } from '../../documents/invoice-pdf';
import { PAGE } from '../../documents/pdf/layout';
import { layoutProblems } from '../support/layout-check';
import { invoiceOf } from '../support/pdf-invoices';
import { pdfLayout, pdfText } from '../support/pdf-text';
import { badgePng } from '../support/png';

const ISSUED = new Date('2026-11-28T12:00:00Z');
const LINES = [
  { description: 'Brand identity', quantity: 1, unitAmount: 120_000, taxRate: 20 },
  { description: 'Workshop', quantity: 2, unitAmount: 10_000, taxRate: 9 },
  { description: 'Training (exempt)', quantity: 1, unitAmount: 5_000, taxRate: 0, taxCategory: 'E' as const },
];
const render = async (...args: Parameters<typeof renderInvoicePdf>) => new Uint8Array(await renderInvoicePdf(...args));
const images = async (pdf: Uint8Array) => (await pdfLayout(pdf)).flatMap((p) => p.images);
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('the invoice PDF', () => {
  it('says how to pay: bank details with the invoice\'s RF creditor reference, the card link, and the EPC QR for euro carrying it', async () => {
    const pdf = await render(invoiceOf(LINES), [], ISSUED);
    const text = flat(await pdfText(pdf));
    expect(text).toContain('How to pay');
    expect(text).toContain('Bank transfer to Studio Ivanova');
    expect(text).toContain('IBAN: BG80BNBG96611020345678');
    expect(text).toContain('BIC: BNBGBGSD');
    expect(text).toContain('Payment reference: RF73 INV2 0260 042');
    // The code carries the same reference in its structured field (line 10), and no free text.
    expect(invoiceDocument(invoiceOf(LINES), [], ISSUED).payment!.epcQr!.split('\n').slice(9)).toEqual(['RF73INV20260042']);
    expect(text).toContain('https://pay.example.test/inv/42');
    const [qr] = await images(pdf);
    expect(qr, 'the EPC QR code').toBeDefined();
    expect(qr.width).toBeCloseTo(qr.height, 1);
    expect(qr.width).toBeGreaterThanOrEqual(90); // ~35 mm: a phone reads it from the page
  });

  it('has no QR image for another currency, an invalid IBAN, no IBAN, or nothing left to pay', async () => {
    const bank = (b: object) => ({ issuerSnapshot: { ...invoiceOf(LINES).issuerSnapshot, paymentInstructions: { bankTransfer: { accountName: 'Studio Ivanova', ...b } } } });
    const cases = [
      invoiceOf(LINES, { currency: 'BGN' }),
      invoiceOf(LINES, bank({ iban: 'BG81BNBG96611020345678' })),
      invoiceOf(LINES, bank({ accountNumber: '12345678', routingNumber: '021000021' })),
      invoiceOf(LINES, { status: 'paid', amountPaid: invoiceOf(LINES).total } as never),
    ];
    for (const invoice of cases) expect(await images(await render(invoice, [], ISSUED))).toEqual([]);
    // The bank details are still there when only the code is missing.
    expect(flat(await pdfText(await render(cases[1], [], ISSUED)))).toContain('IBAN: BG81BNBG96611020345678');
    expect(flat(await pdfText(await render(cases[3], [], ISSUED)))).not.toContain('How to pay');
  });

  it('breaks the VAT down per category and rate, and shows the supply date when there is one', async () => {
    const d = invoiceDocument(invoiceOf(LINES), [], ISSUED);
    expect(d.vatBreakdown).toEqual([
      { category: 'S', label: 'Standard rate 20%', taxable: '€1,200.00', tax: '€240.00' },
      { category: 'S', label: 'Standard rate 9%', taxable: '€200.00', tax: '€18.00' },
      { category: 'E', label: 'Exempt from VAT', taxable: '€50.00', tax: '€0.00' },
    ]);
    expect(d.supply).toBeNull();
    const supplied = invoiceDocument({ ...invoiceOf(LINES), supply: { start: '2026-11-01', end: '2026-11-30' } }, [], ISSUED);
    const text = flat(await pdfText(new Uint8Array(await renderDocumentPdf(supplied))));
    expect(text).toContain('VAT breakdown');
    expect(text).toMatch(/Standard rate 9% €200\.00 €18\.00/);
    expect(text).toMatch(/Exempt from VAT €50\.00 €0\.00/);
    expect(text).toContain('Date of supply: 1 November 2026 – 30 November 2026');
  });

  it('draws the logo within its box top right, clear of everything else', async () => {
    const pdf = await render(invoiceOf(LINES), [], ISSUED, { logo: badgePng(600, 100) });
    const pages = await pdfLayout(pdf);
    expect(layoutProblems(pages, (i, n) => `Page ${i} of ${n}`)).toEqual([]);
    const logo = pages[0].images.find((i) => i.y < 100)!;
    expect(logo).toBeDefined();
    expect(logo.x + logo.width).toBeCloseTo(PAGE.width - PAGE.margin, 1);
    expect(logo.y).toBeCloseTo(PAGE.margin, 1);
    expect(logo.width).toBeLessThanOrEqual(150.01);
    expect(logo.height).toBeLessThanOrEqual(60.01);
  });

  it('leaves out a logo it cannot read instead of failing', async () => {
    const broken = Buffer.concat([badgePng().subarray(0, 40), Buffer.alloc(20)]);
    expect(await images(await render(invoiceOf(LINES, { currency: 'BGN' }), [], ISSUED, { logo: broken }))).toEqual([]);
  });
});
