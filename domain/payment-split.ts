// One payment over several invoices: each takes what it owes, in the order given (oldest due
// first, unless the payer chose), until the money runs out. Pure; integer minor units.

export interface SplitCandidate {
  invoiceId: string;
  /** What settles the invoice now (the early-payment price while that offer stands). */
  due: number;
  dueDate: string;
  issueDate: string;
  number: string;
}

export interface SplitPart {
  invoiceId: string;
  amount: number;
}

export interface Split {
  parts: SplitPart[];
  /** Paid beyond everything owed: part of the last invoice's share, which its workflow makes credit. */
  credit: number;
}

/** Oldest due date first; then the older invoice, then the lower number. */
export function oldestDueFirst<T extends Pick<SplitCandidate, 'dueDate' | 'issueDate' | 'number'>>(invoices: T[]): T[] {
  const byNumber = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return [...invoices].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.issueDate.localeCompare(b.issueDate) || byNumber(a.number, b.number));
}

/**
 * Fills the invoices in the order given. What is left after the last one goes to the last one as
 * an overpayment: its workflow, the only writer of an invoice's money, turns it into the client's
 * credit exactly as it does for any overpaid invoice, and the ledger keeps the real payment.
 */
export function splitPayment(amount: number, invoices: Pick<SplitCandidate, 'invoiceId' | 'due'>[]): Split {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new Error('amount must be a positive integer in minor units');
  if (invoices.length === 0) throw new Error('a split needs at least one invoice');
  const parts: SplitPart[] = [];
  let left = amount;
  for (const invoice of invoices) {
    const share = Math.min(left, Math.max(0, invoice.due));
    if (share > 0) parts.push({ invoiceId: invoice.invoiceId, amount: share });
    left -= share;
    if (left === 0) break;
  }
  if (left > 0) {
    const last = invoices[invoices.length - 1].invoiceId;
    const part = parts.find((p) => p.invoiceId === last);
    if (part) part.amount += left;
    else parts.push({ invoiceId: last, amount: left });
  }
  return { parts, credit: left };
}
