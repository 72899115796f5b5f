// Money is always an integer count of the currency's minor unit (cents, stotinki…).
// Tax is rounded once per line, half away from zero, so the printed lines add up to the total.
import { numberFormat } from './intl';

export interface LineInput {
  description: string;
  quantity: number;
  /** Price of one unit in minor units. */
  unitAmount: number;
  /** Tax rate in percent, e.g. 20 for 20 %. */
  taxRate?: number;
}

export interface PricedLine extends LineInput {
  /** quantity × unitAmount, rounded to a minor unit. */
  amount: number;
  taxAmount: number;
}

export interface Totals {
  lines: PricedLine[];
  subtotal: number;
  taxTotal: number;
  total: number;
}

/** Rounds half away from zero; Math.round rounds -2.5 to -2, which would skew credits. */
export function roundHalfAwayFromZero(value: number): number {
  const rounded = Math.round(Math.abs(value) + Number.EPSILON * Math.abs(value));
  return value < 0 ? -rounded : rounded;
}

export function priceLine(line: LineInput): PricedLine {
  const amount = roundHalfAwayFromZero(line.quantity * line.unitAmount);
  const taxAmount = roundHalfAwayFromZero((amount * (line.taxRate ?? 0)) / 100);
  return { ...line, amount, taxAmount };
}

export function computeTotals(lines: LineInput[]): Totals {
  const priced = lines.map(priceLine);
  const subtotal = priced.reduce((sum, l) => sum + l.amount, 0);
  const taxTotal = priced.reduce((sum, l) => sum + l.taxAmount, 0);
  return { lines: priced, subtotal, taxTotal, total: subtotal + taxTotal };
}

/** Minor-unit exponent per ISO 4217 currency; Intl knows them all. */
export function currencyExponent(currency: string): number {
  return numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(amount: number, currency: string, locale = 'en-GB'): string {
  const exponent = currencyExponent(currency);
  return numberFormat(locale, { style: 'currency', currency }).format(amount / 10 ** exponent);
}

export function isKnownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('currency').includes(code);
  } catch {
    return false;
  }
}
