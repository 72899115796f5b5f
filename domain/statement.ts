// A client's statement of account: what each open invoice's state means to the client, and the
// totals per currency. Pure; integer minor units.
import { daysBetween } from './dates';
import type { Stage } from './types';

/**
 * How an open invoice stands, in the client's terms: the ladder's inner stages (final notice,
 * collections review) are the owner's business and are never shown to the client.
 */
export type ClientStanding =
  | { kind: 'not_yet_due' }
  | { kind: 'due_today' }
  | { kind: 'overdue'; days: number }
  | { kind: 'on_hold' }
  | { kind: 'promised' };

export function clientStanding(stage: Stage, dueDate: string, today: string): ClientStanding {
  if (stage === 'paused') return { kind: 'on_hold' };
  if (stage === 'promised') return { kind: 'promised' };
  const days = daysBetween(dueDate, today);
  return days > 0 ? { kind: 'overdue', days } : days === 0 ? { kind: 'due_today' } : { kind: 'not_yet_due' };
}

export interface StatementTotal {
  currency: string;
  /** The open invoices' amounts due added up. */
  amountDue: number;
  /** Credit the client holds, taken off their next invoice in this currency (not off these). */
  credit: number;
  openInvoices: number;
}

/** One total per currency that has anything due or any credit, in alphabetical order. */
export function statementTotals(invoices: { currency: string; amountDue: number }[], credits: { currency: string; amount: number }[]): StatementTotal[] {
  const totals = new Map<string, StatementTotal>();
  const of = (currency: string) => totals.get(currency) ?? totals.set(currency, { currency, amountDue: 0, credit: 0, openInvoices: 0 }).get(currency)!;
  for (const i of invoices) {
    const t = of(i.currency);
    t.amountDue += i.amountDue;
    t.openInvoices += 1;
  }
  for (const c of credits) of(c.currency).credit += c.amount;
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** The EPC text field's limit: the remittance text a bank passes on to us. */
const REMITTANCE_TEXT = 140;

/**
 * The transfer reference that pays several invoices at once: their numbers, which our payment
 * matching splits the money over. Written compactly when the full form would not fit a bank's
 * 140 characters; as many as fit, oldest first, when even that does not.
 */
export function statementReference(numbers: string[]): string {
  const full = numbers.join(', ');
  if (full.length <= REMITTANCE_TEXT) return full;
  let text = '';
  for (const n of numbers.map((x) => x.replace(/-/g, ''))) {
    const next = text ? `${text} ${n}` : n;
    if (next.length > REMITTANCE_TEXT) break;
    text = next;
  }
  return text;
}
