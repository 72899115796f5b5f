// VAT as EN 16931 and Article 226 of Directive 2006/112/EC describe it: each line has a VAT
// category (UNCL 5305 codes), the invoice carries a breakdown per category and rate, and a
// category without VAT states why. Pure: the API's validation, the PDF, the pages and the
// e-invoice writers all read these functions.
import type { PricedLine } from './money';

export const TAX_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'] as const;
export type TaxCategory = (typeof TAX_CATEGORIES)[number];

/** Categories that carry no VAT and state a reason (an exemption, the reverse charge…). */
export type ExemptCategory = Exclude<TaxCategory, 'S' | 'Z'>;

/** The VATEX code each exempt category is stated with; E takes the owner's own legal reference. */
export const EXEMPTION_CODES: Record<Exclude<ExemptCategory, 'E'>, string> = {
  AE: 'VATEX-EU-AE', K: 'VATEX-EU-IC', G: 'VATEX-EU-G', O: 'VATEX-EU-O',
};

/** EU member states (ISO 3166 alpha-2; Greece is EL in VAT numbers, GR as a country). */
export const EU_COUNTRIES = new Set(['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE']);

const regions = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });

/** An ISO 3166-1 alpha-2 country code that names a real country (not EU, UN, ZZ…). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XK'].includes(code) && regions.of(code) !== undefined;
}

export interface TaxedLine {
  taxRate?: number;
  taxCategory?: TaxCategory;
}

/** A line without a category is standard-rated when it has a rate and zero-rated when not. */
export function lineCategory(line: TaxedLine): TaxCategory {
  return line.taxCategory ?? ((line.taxRate ?? 0) > 0 ? 'S' : 'Z');
}

export interface VatBreakdownRow {
  category: TaxCategory;
  /** Percent, as on the lines. */
  rate: number;
  /** Sum of the lines' net amounts in this category and rate (minor units). */
  taxable: number;
  /** Sum of the lines' tax (each rounded once per line, so the breakdown adds up to the total). */
  tax: number;
}

/** The breakdown per category and rate, in the order categories are listed, then by rate. */
export function vatBreakdown(lines: (TaxedLine & Pick<PricedLine, 'amount' | 'taxAmount'>)[]): VatBreakdownRow[] {
  const rows = new Map<string, VatBreakdownRow>();
  for (const line of lines) {
    const category = lineCategory(line);
    const rate = line.taxRate ?? 0;
    const key = `${category}:${rate}`;
    const row = rows.get(key) ?? { category, rate, taxable: 0, tax: 0 };
    row.taxable += line.amount;
    row.tax += line.taxAmount;
    rows.set(key, row);
  }
  const order = (c: TaxCategory) => TAX_CATEGORIES.indexOf(c);
  return [...rows.values()].sort((a, b) => order(a.category) - order(b.category) || b.rate - a.rate);
}

/** What an invoice's VAT case needs from its parties, for the rules below. */
export interface VatParties {
  issuerTaxId?: string | null;
  issuerCountry?: string | null;
  clientTaxId?: string | null;
  clientCountry?: string | null;
  exemptionReason?: string | null;
  /** True when the invoice states a supply date or period (Article 226(7)). */
  hasSupplyDate: boolean;
}

export interface VatProblem {
  /** Field path as the API names it. */
  path: (string | number)[];
  message: string;
}

/**
 * What the invoice's VAT case lacks: a rate that does not fit its category, a VAT number or a
 * country a reverse charge or an intra-community supply needs, a reason for an exemption.
 */
export function vatProblems(lines: TaxedLine[], p: VatParties): VatProblem[] {
  const problems: VatProblem[] = [];
  const categories = new Set(lines.map(lineCategory));
  lines.forEach((line, i) => {
    const category = lineCategory(line);
    const rate = line.taxRate ?? 0;
    if (category === 'S' && rate <= 0) problems.push({ path: ['lines', i, 'taxRate'], message: 'a standard-rated line (S) needs a rate above 0' });
    if (category !== 'S' && rate !== 0) problems.push({ path: ['lines', i, 'taxRate'], message: `a line in category ${category} carries no VAT: its rate must be 0` });
  });
  const needs = (path: (string | number)[], present: unknown, message: string) => {
    if (!present) problems.push({ path, message });
  };
  if (categories.has('E')) needs(['taxExemptionReason'], p.exemptionReason, 'an exempt line (E) needs the exemption reason, e.g. the article of the VAT law');
  for (const category of ['AE', 'K'] as const) {
    if (!categories.has(category)) continue;
    const what = category === 'AE' ? 'a reverse-charge line (AE)' : 'an intra-community supply (K)';
    needs(['issuer', 'taxId'], p.issuerTaxId, `${what} needs the issuer's VAT number`);
    needs(['client', 'taxId'], p.clientTaxId, `${what} needs the client's VAT number`);
    needs(['issuer', 'country'], p.issuerCountry, `${what} needs the issuer's country`);
    needs(['client', 'country'], p.clientCountry, `${what} needs the client's country`);
  }
  if (categories.has('K')) {
    if (p.issuerCountry && p.clientCountry && (p.issuerCountry === p.clientCountry || !EU_COUNTRIES.has(p.issuerCountry) || !EU_COUNTRIES.has(p.clientCountry))) {
      problems.push({ path: ['client', 'country'], message: 'an intra-community supply (K) is between two different EU member states' });
    }
    needs(['supplyDate'], p.hasSupplyDate, 'an intra-community supply (K) needs the supply date or period');
  }
  if (categories.has('G')) needs(['issuer', 'taxId'], p.issuerTaxId, "an export (G) needs the issuer's VAT number");
  if (categories.has('O')) {
    if (categories.size > 1) problems.push({ path: ['lines'], message: 'an invoice with a line outside the scope of VAT (O) has only such lines' });
    if (p.clientTaxId) problems.push({ path: ['client', 'taxId'], message: 'an invoice outside the scope of VAT (O) carries no VAT number' });
  }
  return problems;
}
