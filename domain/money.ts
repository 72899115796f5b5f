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
  /** EN 16931 VAT category (domain/vat.ts); absent means S with a rate, Z without. */
  taxCategory?: import('./vat').TaxCategory;
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

/**
 * The most any one amount may be, in minor units: a line with its tax, an invoice's total, a
 * change order's, a payment, a late fee (10 000 000 000.00 in a two-decimal currency). Far below
 * what a bigint column holds (9.2 × 10^18) and what a JavaScript number holds exactly (2^53, about
 * 9 × 10^15): a balance summing thousands of such amounts (an invoice, its change orders, fees,
 * payments, refunds) is still exact everywhere it is computed or stored.
 */
export const MAX_AMOUNT = 1_000_000_000_000;

/** Rounds half away from zero; Math.round rounds -2.5 to -2, which would skew credits. */
export function roundHalfAwayFromZero(value: number): number {
  const rounded = Math.round(Math.abs(value) + Number.EPSILON * Math.abs(value));
  return value < 0 ? -rounded : rounded;
}

/** A finite number as the exact decimal it was written as: digits × 10^-scale (12.5 is 125, 1). */
function decimal(value: number): { digits: bigint; scale: number } {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  // The shortest text that reads back as this number: what the client sent, e.g. "0.1", "1e-7".
  const [mantissa, exponent = '0'] = String(value).toLowerCase().split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  const scale = fraction.length - Number(exponent);
  const digits = BigInt(whole + fraction);
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

/** n / d rounded half away from zero, for d > 0. */
function divideRounded(n: bigint, d: bigint): bigint {
  const magnitude = ((n < 0n ? -n : n) * 2n + d) / (2n * d);
  return n < 0n ? -magnitude : magnitude;
}

/**
 * A line's amount (quantity × unit price) and tax, each rounded once to a minor unit, half away
 * from zero, computed exactly: no floating point, so nothing is lost however large the numbers.
 */
export function priceLineExact(line: LineInput): { amount: bigint; taxAmount: bigint } {
  const quantity = decimal(line.quantity);
  const unit = decimal(line.unitAmount);
  const rate = decimal(line.taxRate ?? 0);
  const amount = divideRounded(quantity.digits * unit.digits, 10n ** BigInt(quantity.scale + unit.scale));
  const taxAmount = divideRounded(amount * rate.digits, 100n * 10n ** BigInt(rate.scale));
  return { amount, taxAmount };
}

export function priceLine(line: LineInput): PricedLine {
  const { amount, taxAmount } = priceLineExact(line);
  return { ...line, amount: Number(amount), taxAmount: Number(taxAmount) };
}

export function computeTotals(lines: LineInput[]): Totals {
  const exact = lines.map(priceLineExact);
  const subtotal = exact.reduce((sum, l) => sum + l.amount, 0n);
  const taxTotal = exact.reduce((sum, l) => sum + l.taxAmount, 0n);
  return {
    lines: lines.map((line, i) => ({ ...line, amount: Number(exact[i].amount), taxAmount: Number(exact[i].taxAmount) })),
    subtotal: Number(subtotal),
    taxTotal: Number(taxTotal),
    total: Number(subtotal + taxTotal),
  };
}

/** A problem with one field, its path relative to the lines (an empty path is the lines as a whole). */
export interface AmountProblem {
  path: (string | number)[];
  message: string;
}

const beyond = (value: bigint) => value > BigInt(MAX_AMOUNT) || value < -BigInt(MAX_AMOUNT);

/**
 * What is wrong with these lines' money: each line with its tax, and all of them together, must
 * come to at most MAX_AMOUNT; with `positiveTotal`, the total must also be more than zero. A line
 * beyond the bound is named by its unit price; the total is checked only when every line fits.
 */
export function linesAmountProblems(lines: LineInput[], { positiveTotal = false }: { positiveTotal?: boolean } = {}): AmountProblem[] {
  const problems: AmountProblem[] = [];
  let total = 0n;
  lines.forEach((line, i) => {
    const { amount, taxAmount } = priceLineExact(line);
    total += amount + taxAmount;
    if (beyond(amount + taxAmount)) {
      problems.push({ path: [i, 'unitAmount'], message: `is too large: with its quantity and tax this line comes to ${amount + taxAmount} minor units; a line may come to at most ${MAX_AMOUNT}` });
    }
  });
  if (problems.length > 0) return problems;
  if (beyond(total)) return [{ path: [], message: `the total comes to ${total} minor units; it may be at most ${MAX_AMOUNT}` }];
  if (positiveTotal && total <= 0n) return [{ path: [], message: 'the total must be greater than zero' }];
  return [];
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
