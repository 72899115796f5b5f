// E-invoices (issue 14) judged by a validator nobody here wrote: Mustang checks each format
// against the XML schemas and the EN 16931 (and XRechnung) Schematron rules.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceCreate } from '../../api/schemas';
import { TEST_API_KEY } from '../support/api';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { ensureMustang, validateEInvoice } from '../support/mustang';
import { waitFor } from '../support/wait';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);

const client = (overrides: Partial<InvoiceCreate['client']> = {}) => ({
  ...invoiceInput().client, email: `e-${randomBytes(4).toString('hex')}@client.test`,
  country: 'BG', city: 'Plovdiv', postalCode: '4000', address: '12 Glavna Street\nPlovdiv', taxId: 'BG987654321', ...overrides,
});

async function issue(input: Partial<InvoiceCreate>) {
  const res = await call('POST', '/v1/invoices', invoiceInput({ client: client(), ...input }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; number: string; total: number; hostedUrl: string };
}

async function fetchFile(path: string): Promise<Buffer> {
  const res = await fetch(`${ctx.api.url}${path}`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
  expect(res.status, await res.clone().text()).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function judged(path: string, name: string) {
  await judgedBytes(await fetchFile(path), name);
}

async function judgedBytes(bytes: Buffer, name: string) {
  const verdict = await validateEInvoice(bytes, name);
  expect(verdict.errors, verdict.report.slice(0, 4000)).toEqual([]);
  expect(verdict.valid).toBe(true);
}

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
  await ensureMustang();
}, 600_000);

const XML_FORMATS = ['ubl', 'cii', 'xrechnung'] as const;

describe('e-invoices', () => {
  it('a domestic invoice with several VAT rates, a supply period and a zero-rated line is valid in every format', async () => {
    const inv = await issue({
      lines: [
        { description: 'Brand identity', quantity: 1, unitAmount: 120_000, taxRate: 20 },
        { description: 'Printed catalogue', quantity: 3, unitAmount: 3_333, taxRate: 9 },
        { description: 'Export packaging', quantity: 2.5, unitAmount: 4_001, taxRate: 0 },
        // Tax rounded per line (10 × 0.666 → 10 × 0.67) differs from the rate applied to the sum (6.66).
        ...Array.from({ length: 30 }, (_, i) => ({ description: `Hour ${i + 1} of support`, quantity: 1, unitAmount: 333, taxRate: 20 })),
      ],
      supplyPeriod: { start: '2026-11-01', end: '2026-11-30' }, buyerReference: 'LEITWEG-991-12345-67',
    });
    for (const format of XML_FORMATS) await judged(`/v1/invoices/${inv.id}/e-invoice?format=${format}`, `${inv.number}-${format}.xml`);
    // Factur-X: the PDF as PDF/A-3 with the CII inside; Mustang checks both the PDF/A and the XML.
    await judged(`/v1/invoices/${inv.id}/e-invoice?format=factur-x`, `${inv.number}-factur-x.pdf`);
  }, 300_000);

  it('a reverse-charge supply to another member state states the reverse charge and is valid', async () => {
    const inv = await issue({
      client: client({ country: 'DE', city: 'Berlin', postalCode: '10115', taxId: 'DE123456789', address: 'Unter den Linden 1\nBerlin' }),
      lines: [{ description: 'Consulting', quantity: 10, unitAmount: 9_000, taxRate: 0, taxCategory: 'AE' }],
      supplyDate: '2026-11-28',
    });
    const xml = (await fetchFile(`/v1/invoices/${inv.id}/e-invoice?format=ubl`)).toString('utf8');
    expect(xml).toContain('<cbc:TaxExemptionReasonCode>VATEX-EU-AE</cbc:TaxExemptionReasonCode>');
    for (const format of XML_FORMATS) await judged(`/v1/invoices/${inv.id}/e-invoice?format=${format}`, `${inv.number}-ae-${format}.xml`);
  }, 300_000);

  it('a credit note is a valid UBL CreditNote and CII 381 that refers to its invoice', async () => {
    const inv = await issue({ lines: [{ description: 'Design', quantity: 2, unitAmount: 50_000, taxRate: 20 }, { description: 'Print', quantity: 1, unitAmount: 10_000, taxRate: 9 }] });
    const note = await call('POST', `/v1/invoices/${inv.id}/credit-notes`, { reason: 'One design round dropped', lines: [{ description: 'Design', quantity: 1, unitAmount: 50_000, taxRate: 20 }] });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    const ubl = (await fetchFile(`/v1/invoices/${inv.id}/credit-notes/${note.body.id}/e-invoice?format=ubl`)).toString('utf8');
    expect(ubl).toContain('<CreditNote ');
    expect(ubl).toContain(`<cac:InvoiceDocumentReference><cbc:ID>${inv.number}</cbc:ID>`);
    for (const format of XML_FORMATS) await judged(`/v1/invoices/${inv.id}/credit-notes/${note.body.id}/e-invoice?format=${format}`, `${note.body.number}-${format}.xml`);
    await judged(`/v1/invoices/${inv.id}/credit-notes/${note.body.id}/e-invoice?format=factur-x`, `${note.body.number}-factur-x.pdf`);
  }, 300_000);

  it("the client's setting chooses the e-invoice their invoice email carries; their page offers every format", async () => {
    const facturX = client();
    expect((await call('PUT', `/v1/clients/${facturX.email}`, { eInvoiceFormat: 'factur-x' })).status).toBe(200);
    const a = await issue({ client: facturX });
    const mailA = await waitFor(() => ctx.resend.deliveries.find((d) => d.to.includes(facturX.email)), 15_000, 'the Factur-X invoice email');
    expect(mailA.attachments.map((x) => x.filename)).toEqual([`${a.number}.pdf`]);
    const verdict = await validateEInvoice(Buffer.from(mailA.attachments[0].content, 'base64'), `${a.number}-email-factur-x.pdf`);
    expect(verdict.errors, verdict.report.slice(0, 4000)).toEqual([]);
    expect(verdict.valid).toBe(true);

    const ubl = client();
    expect((await call('PUT', `/v1/clients/${ubl.email}`, { eInvoiceFormat: 'ubl' })).status).toBe(200);
    const b = await issue({ client: ubl });
    const mailB = await waitFor(() => ctx.resend.deliveries.find((d) => d.to.includes(ubl.email)), 15_000, 'the UBL invoice email');
    expect(mailB.attachments.map((x) => x.filename)).toEqual([`${b.number}.pdf`, `${b.number}-ubl.xml`]);
    await judgedBytes(Buffer.from(mailB.attachments[1].content, 'base64'), `${b.number}-email-ubl.xml`);

    const page = await fetch(b.hostedUrl);
    const html = await page.text();
    for (const format of [...XML_FORMATS, 'factur-x']) expect(html).toContain(`/e-invoice?format=${format}`);
    const fromPage = await fetch(`${b.hostedUrl}/e-invoice?format=cii`);
    expect(fromPage.status).toBe(200);
    await judgedBytes(Buffer.from(await fromPage.arrayBuffer()), `${b.number}-page-cii.xml`);
  }, 300_000);

  it('names what a format needs and the invoice lacks', async () => {
    const inv = await issue({ client: client({ country: undefined, city: undefined }) });
    const res = await call('GET', `/v1/invoices/${inv.id}/e-invoice?format=xrechnung`);
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['client.city', 'client.country']);
  });

  it('refuses a reverse charge without the client VAT number, naming the field', async () => {
    const res = await call('POST', '/v1/invoices', invoiceInput({
      client: client({ taxId: undefined, country: 'DE' }), lines: [{ description: 'Consulting', quantity: 1, unitAmount: 9_000, taxRate: 0, taxCategory: 'AE' }],
    }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['client.taxId']);
  });
});
