// Proves the e-invoice judge judges: Mustang accepts hand-written correct EN 16931 invoices and
// rejects the same invoices with a wrong VAT total, naming the broken business rules.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureMustang, validateEInvoice, validateEInvoiceWithCli } from '../support/mustang';

const FIXTURES = path.resolve(__dirname, '../fixtures/einvoice');
const ciiPath = path.join(FIXTURES, 'cii-en16931.xml');
const ublPath = path.join(FIXTURES, 'ubl-peppol.xml');

/** The fixture with its invoice VAT total (BT-110) raised from 190.00 to 200.00, nothing else changed. */
function withWrongVatTotal(file: string, from: string, to: string): Buffer {
  const xml = fs.readFileSync(file, 'utf8');
  expect(xml).toContain(from);
  return Buffer.from(xml.replace(from, to));
}

const brokenCii = () =>
  withWrongVatTotal(ciiPath, '<ram:TaxTotalAmount currencyID="EUR">190.00<', '<ram:TaxTotalAmount currencyID="EUR">200.00<');
// In UBL the first TaxAmount is the invoice total; the subtotal's own TaxAmount stays 190.00.
const brokenUbl = () =>
  withWrongVatTotal(ublPath, '<cbc:TaxAmount currencyID="EUR">190.00</cbc:TaxAmount>\n    <cac:TaxSubtotal>', '<cbc:TaxAmount currencyID="EUR">200.00</cbc:TaxAmount>\n    <cac:TaxSubtotal>');

/** The business rules an error names ("[ID BR-CO-15]"), or the whole text for a schema error. */
const rules = (errors: string[]) => errors.map((e) => /\[ID ([^\]]+)\]/.exec(e)?.[1] ?? e);

describe('the e-invoice judge (Mustang)', () => {
  // The first run on a machine fetches the validator with Maven (about 60 MB).
  beforeAll(async () => {
    await ensureMustang();
  }, 15 * 60_000);

  it('accepts a correct EN 16931 CII invoice', async () => {
    const result = await validateEInvoice(ciiPath);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.report).toContain('<profile>urn:cen.eu:en16931:2017</profile>');
  }, 300_000);

  it('rejects the CII invoice whose VAT total does not add up, naming BR-CO-14 and BR-CO-15', async () => {
    const result = await validateEInvoice(brokenCii(), 'cii-wrong-vat-total.xml');
    expect(result.valid).toBe(false);
    expect(rules(result.errors)).toContain('BR-CO-15');
    expect(rules(result.errors)).toContain('BR-CO-14');
    // Kept for a person to read.
    expect(fs.existsSync(path.resolve(__dirname, '../../test-artifacts/mustang/cii-wrong-vat-total.mustang.xml'))).toBe(true);
  }, 300_000);

  it('accepts a correct Peppol BIS 3.0 UBL invoice and rejects it with a wrong VAT total', async () => {
    const good = await validateEInvoice(ublPath);
    expect(good.errors).toEqual([]);
    expect(good.valid).toBe(true);
    const bad = await validateEInvoice(brokenUbl(), 'ubl-wrong-vat-total.xml');
    expect(bad.valid).toBe(false);
    expect(rules(bad.errors)).toContain('BR-CO-15');
  }, 300_000);

  it('gives the same verdicts as the Mustang CLI run on its own', async () => {
    const [good, bad] = [await validateEInvoiceWithCli(ciiPath), await validateEInvoiceWithCli(brokenCii(), 'cii-wrong-vat-total-cli.xml')];
    expect(good.valid).toBe(true);
    expect(bad.valid).toBe(false);
    const resident = await validateEInvoice(brokenCii(), 'cii-wrong-vat-total.xml');
    expect(bad.errors).toEqual(resident.errors);
  }, 300_000);
});
