import { describe, expect, it } from 'vitest';
import { computeTotals } from '../../domain/money';
import { isCountryCode, vatBreakdown, vatProblems, type VatParties } from '../../domain/vat';

const domestic: VatParties = { issuerTaxId: 'BG123456789', issuerCountry: 'BG', clientTaxId: null, clientCountry: 'BG', hasSupplyDate: false };
const fields = (problems: { path: (string | number)[] }[]) => problems.map((p) => p.path.join('.')).sort();

describe('the VAT breakdown', () => {
  it('sums net and VAT per category and rate, so it adds up to the invoice totals', () => {
    const { lines, subtotal, taxTotal } = computeTotals([
      { description: 'a', quantity: 3, unitAmount: 333, taxRate: 20 },
      { description: 'b', quantity: 1, unitAmount: 1_000, taxRate: 9 },
      { description: 'c', quantity: 2.5, unitAmount: 4_001, taxRate: 20 },
      { description: 'd', quantity: 1, unitAmount: 500 },
      { description: 'e', quantity: 1, unitAmount: 700, taxRate: 0, taxCategory: 'E' },
    ]);
    const rows = vatBreakdown(lines);
    expect(rows.map((r) => [r.category, r.rate])).toEqual([['S', 20], ['S', 9], ['Z', 0], ['E', 0]]);
    expect(rows[0]).toEqual({ category: 'S', rate: 20, taxable: 999 + 10_003, tax: 200 + 2_001 });
    expect(rows.reduce((s, r) => s + r.taxable, 0)).toBe(subtotal);
    expect(rows.reduce((s, r) => s + r.tax, 0)).toBe(taxTotal);
  });
});

describe('what each VAT case needs', () => {
  it('accepts a plain domestic invoice', () => {
    expect(vatProblems([{ taxRate: 20 }, {}], domestic)).toEqual([]);
  });

  it('refuses a rate that does not fit the category', () => {
    expect(fields(vatProblems([{ taxRate: 0, taxCategory: 'S' }, { taxRate: 20, taxCategory: 'AE' }], { ...domestic, clientTaxId: 'DE123456789', clientCountry: 'DE' })))
      .toEqual(['lines.0.taxRate', 'lines.1.taxRate']);
  });

  it("names the client's VAT number and country for a reverse charge", () => {
    expect(fields(vatProblems([{ taxRate: 0, taxCategory: 'AE' }], { ...domestic, clientCountry: null }))).toEqual(['client.country', 'client.taxId']);
  });

  it('needs a reason for an exemption and a supply date for an intra-community supply', () => {
    expect(fields(vatProblems([{ taxCategory: 'E' }], domestic))).toEqual(['taxExemptionReason']);
    expect(fields(vatProblems([{ taxCategory: 'K' }], { ...domestic, clientTaxId: 'DE123456789', clientCountry: 'DE' }))).toEqual(['supplyDate']);
    expect(fields(vatProblems([{ taxCategory: 'K' }], { ...domestic, clientTaxId: 'BG999999999', hasSupplyDate: true }))).toEqual(['client.country']);
  });

  it('keeps outside-scope lines alone and without VAT numbers', () => {
    expect(fields(vatProblems([{ taxCategory: 'O' }, { taxRate: 20 }], { ...domestic, clientTaxId: 'BG1' }))).toEqual(['client.taxId', 'lines']);
  });

  it('knows real country codes only', () => {
    expect(['BG', 'DE', 'GB', 'US'].every(isCountryCode)).toBe(true);
    expect(['EU', 'ZZ', 'XX', 'bg', 'BGR'].some(isCountryCode)).toBe(false);
  });
});
