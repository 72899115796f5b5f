// What a credit note takes back, line by line, so it carries its own VAT as EN 16931 requires:
// everything billed (a full credit), the lines the owner lists, or an amount on an invoice with
// one VAT rate. Pure: the API drafts it, the workflow decides on its total.
import { computeTotals, priceLineExact, type LineInput, type PricedLine, type Totals } from './money';
import { lineCategory } from './vat';

export function formatCreditNoteNumber(year: number, sequence: number): string {
  return `CN-${year}-${String(sequence).padStart(4, '0')}`;
}

export interface CreditNoteRequest {
  reason: string;
  lines?: LineInput[];
  amount?: number;
}

export interface CreditNoteDraft extends Totals {
  /** Takes back everything billed: the invoice is cancelled. */
  full: boolean;
}

export type Drafted = { draft: CreditNoteDraft } | { problem: { field: string; message: string } };

/** The unit price whose line, with its tax rounded once, comes to exactly `gross`; null if none does. */
function netFor(gross: number, line: Omit<LineInput, 'unitAmount'>): number | null {
  const rate = line.taxRate ?? 0;
  const guess = Math.round(gross / (1 + rate / 100));
  for (const candidate of [guess, guess - 1, guess + 1, guess - 2, guess + 2]) {
    if (candidate <= 0) continue;
    const { amount, taxAmount } = priceLineExact({ ...line, unitAmount: candidate });
    if (Number(amount + taxAmount) === gross) return candidate;
  }
  return null;
}

/**
 * `billed` is what the invoice bills (its lines and approved change orders' lines); `creditable`
 * what credit notes may still take back. Neither lines nor amount credits all that is left.
 */
export function draftCreditNote(billed: PricedLine[], creditable: number, req: CreditNoteRequest, label: string): Drafted {
  const billedTotal = billed.reduce((sum, l) => sum + l.amount + l.taxAmount, 0);
  if (req.lines) {
    const totals = computeTotals(req.lines);
    if (totals.total > creditable) return { problem: { field: 'lines', message: `the lines come to ${totals.total}, more than the ${creditable} minor units still creditable` } };
    return { draft: { ...totals, full: totals.total === creditable } };
  }
  if (req.amount === undefined && creditable === billedTotal) {
    return { draft: { ...computeTotals(billed.map(({ amount: _a, taxAmount: _t, ...line }) => line)), full: true } };
  }
  const amount = req.amount ?? creditable;
  if (amount > creditable) return { problem: { field: 'amount', message: `must be at most ${creditable} minor units, what is billed and not yet credited` } };
  const groups = new Set(billed.map((l) => `${lineCategory(l)}:${l.taxRate ?? 0}`));
  if (groups.size !== 1) return { problem: { field: 'lines', message: 'the invoice has several VAT rates: list the lines to credit, each with its rate' } };
  const { taxRate, taxCategory } = billed[0];
  const base = { description: label, quantity: 1, ...(taxRate !== undefined ? { taxRate } : {}), ...(taxCategory ? { taxCategory } : {}) };
  const unitAmount = netFor(amount, base);
  if (unitAmount === null) return { problem: { field: 'amount', message: 'no net price gives exactly this amount with its VAT; list the lines instead' } };
  const totals = computeTotals([{ ...base, unitAmount }]);
  return { draft: { ...totals, full: totals.total === creditable } };
}
