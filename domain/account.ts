// The invoice's account: the one place that says what is owed, whether the early-payment offer
// stands, when the invoice is settled and what each money event does to it. Pure: the workflow
// holds an Account and feeds it events; the API, emails, pages, the PDF and the database
// projection read amounts through these same functions.
import { addDays, zonedInstant } from './dates';
import { earlyPaymentOffer, type EarlyPaymentOffer, type PaymentTerms } from './fees';
import type { InvoiceStatus, Stage } from './types';

/** No invoice's payments may add up to more: far below 2^53, so sums stay exact in JavaScript and in bigint. */
export const MAX_LEDGER_SUM = 1_000_000_000_000_000;

/** What the balance is made of; the workflow's account and the projected row both have it. */
export interface Amounts {
  total: number;
  /** Approved change orders. */
  changes: number;
  /** Late fees charged minus discounts granted and credit notes issued. */
  adjustments: number;
  /** Payments minus refunds: the ledger's sum. */
  paid: number;
}

/** THE balance: what the client still owes. */
export function amountDue(a: Amounts): number {
  return Math.max(0, a.total + a.changes + a.adjustments - a.paid);
}

/** Paid beyond everything due: becomes the client's credit. */
export function overpaid(a: Amounts): number {
  return Math.max(0, a.paid - (a.total + a.changes + a.adjustments));
}

/** The facts of the offer as stated on the invoice. */
export interface OfferTerms {
  terms: PaymentTerms;
  issueDate: string;
  timeZone: string;
  total: number;
}

export interface OfferState extends EarlyPaymentOffer {
  /** The offer can still be taken: open, not yet taken, before the end of its last day. */
  stands: boolean;
  applied: boolean;
  /** What settles the invoice now if the offer is taken (0 when it does not stand). */
  payNow: number;
}

/** The offer stands through the whole deadline day on the client's clock. */
export function offerEndsAt(offer: EarlyPaymentOffer, timeZone: string): number {
  return zonedInstant(addDays(offer.deadline, 1), 0, timeZone).getTime();
}

/**
 * THE rule of the early-payment offer: it stands while the invoice is open, the discount was not
 * granted yet, and the deadline day has not ended; a part payment does not end it. It is earned
 * when the payments cover everything due less the discount.
 */
export function offerState(t: OfferTerms, s: { status: InvoiceStatus; discount: number; amounts: Amounts }, now: number): OfferState | null {
  const offer = earlyPaymentOffer(t.terms.earlyPayment, t.issueDate, t.total);
  if (!offer) return null;
  const applied = s.discount > 0;
  const stands = s.status === 'open' && !applied && now < offerEndsAt(offer, t.timeZone);
  return { ...offer, stands, applied, payNow: stands ? Math.max(0, amountDue(s.amounts) - offer.discount) : 0 };
}

/** One row of the payment ledger: refunds are negative, so the balance is the plain sum. */
export interface LedgerEntry {
  key: string;
  kind: 'payment' | 'refund';
  amount: number;
  currency: string;
  method: string;
  reference: string | null;
  receivedAt: string;
}

export interface AdjustmentEntry {
  key: string;
  kind: 'late_fee' | 'early_payment_discount' | 'credit_note';
  amount: number;
  description: string;
}

export interface CreditEntry {
  key: string;
  amount: number;
}

export interface ChangeOrderDecision {
  changeOrderId: string;
  approved: boolean;
  amount: number;
  description: string;
  name: string;
  at: string;
  ip: string;
  userAgent: string;
}

export interface Account {
  /** Bumped by every change; each projected write carries it, so an older write never wins. */
  seq: number;
  status: InvoiceStatus;
  stage: Stage;
  /** Where the reminder ladder stands; a pause, a promise or a payment steps aside from it and back. */
  ladderStage: Stage;
  dueDate: string;
  total: number;
  currency: string;
  paid: number;
  changes: number;
  fees: number;
  discount: number;
  /** Credit notes issued against the invoice (gross): they lower what is owed. */
  creditNotes: number;
  credited: number;
  ledger: LedgerEntry[];
  adjustmentEntries: AdjustmentEntry[];
  credits: CreditEntry[];
  changeOrders: ChangeOrderDecision[];
}

export function openAccount(input: { total: number; currency: string; dueDate: string }): Account {
  return {
    seq: 1, status: 'open', stage: 'issued', ladderStage: 'issued', dueDate: input.dueDate, total: input.total, currency: input.currency,
    paid: 0, changes: 0, fees: 0, discount: 0, creditNotes: 0, credited: 0, ledger: [], adjustmentEntries: [], credits: [], changeOrders: [],
  };
}

/** Fees less discounts less credit notes: the one figure the row, the snapshot and the balance use. */
export const adjustmentsOf = (a: Account) => a.fees - a.discount - a.creditNotes;
export const amountsOf = (a: Account): Amounts => ({ total: a.total, changes: a.changes, adjustments: adjustmentsOf(a), paid: a.paid });
export const accountDue = (a: Account) => amountDue(amountsOf(a));
export const isClosed = (a: Account) => a.status !== 'open';
/** What late interest runs on: the work billed, never the fees themselves. */
export const principalDue = (a: Account) => Math.max(0, a.total + a.changes - a.discount - a.creditNotes - a.paid);

/** What one event added to the account, for the projection to write beside the row. */
export interface Entries {
  ledger?: LedgerEntry[];
  adjustments?: AdjustmentEntry[];
  credit?: CreditEntry;
  changeOrder?: ChangeOrderDecision;
}

export interface Applied {
  account: Account;
  entries: Entries;
}

/** Open while something is due, paid once nothing is; void and written-off invoices stay so. */
function settle(a: Account): Account {
  if (a.status === 'open' && accountDue(a) === 0) return { ...a, status: 'paid', stage: 'paid' };
  if (a.status === 'paid' && accountDue(a) > 0) return { ...a, status: 'open', stage: a.ladderStage };
  return a;
}

/** Overpaid money goes to the client's credit once; the ledger keeps the real payment. */
function creditOverpayment(a: Account, key: string): Applied {
  const amount = overpaid(amountsOf(a)) - a.credited;
  if (amount <= 0) return { account: a, entries: {} };
  const credit = { key: `credit:${key}`, amount };
  return { account: { ...a, credited: a.credited + amount, credits: [...a.credits, credit] }, entries: { credit } };
}

export function paymentProblem(a: Account, p: { amount: number; currency: string }): string | null {
  // A paid invoice (still watched for refunds) takes money as the client's credit.
  if (a.status !== 'open' && a.status !== 'paid') return `invoice is ${a.status}; it takes no more payments`;
  if (!Number.isSafeInteger(p.amount) || p.amount <= 0) return 'amount must be a positive integer in minor units';
  if (p.currency !== a.currency) return `currency ${p.currency} does not match the invoice's ${a.currency}`;
  if (a.paid + p.amount > MAX_LEDGER_SUM) return 'payments on one invoice cannot add up to that much';
  return null;
}

export function applyPayment(t: OfferTerms, a: Account, p: Omit<LedgerEntry, 'kind'>, now: number): Applied {
  const offer = offerState(t, { status: a.status, discount: a.discount, amounts: amountsOf(a) }, now);
  const entry: LedgerEntry = { ...p, kind: 'payment' };
  let next: Account = { ...a, seq: a.seq + 1, paid: a.paid + p.amount, ledger: [...a.ledger, entry] };
  const adjustments: AdjustmentEntry[] = [];
  if (offer?.stands && p.amount >= offer.payNow) {
    next = { ...next, discount: offer.discount };
    adjustments.push({
      key: 'early_payment_discount', kind: 'early_payment_discount', amount: -offer.discount,
      description: `Early-payment discount: ${t.terms.earlyPayment!.percent}% off for paying by ${offer.deadline}.`,
    });
    next.adjustmentEntries = [...next.adjustmentEntries, ...adjustments];
  }
  const credited = creditOverpayment(settle(next), p.key);
  return { account: credited.account, entries: { ledger: [entry], ...(adjustments.length ? { adjustments } : {}), ...credited.entries } };
}

export function refundProblem(a: Account, r: { amount: number; currency: string }): string | null {
  if (a.status === 'void' || a.status === 'uncollectible') return `invoice is ${a.status}`;
  if (!Number.isSafeInteger(r.amount) || r.amount <= 0) return 'amount must be a positive integer in minor units';
  if (r.currency !== a.currency) return `currency ${r.currency} does not match the invoice's ${a.currency}`;
  // Not capped at what was paid: a provider may announce a refund before the payment it undoes,
  // and both are real; the ledger sums right once both are in.
  if (r.amount > MAX_LEDGER_SUM) return 'amount is too large';
  return null;
}

/** A refund reopens a paid invoice: the balance is due again. */
export function applyRefund(a: Account, r: { key: string; amount: number; reason: string | null; at: string }): Applied {
  const entry: LedgerEntry = { key: r.key, kind: 'refund', amount: -r.amount, currency: a.currency, method: 'refund', reference: r.reason, receivedAt: r.at };
  return { account: settle({ ...a, seq: a.seq + 1, paid: a.paid - r.amount, ledger: [...a.ledger, entry] }), entries: { ledger: [entry] } };
}

export function lateFeeCharge(a: Account, fee: { key: string; amount: number; description: string }): Applied {
  const entry: AdjustmentEntry = { key: fee.key, kind: 'late_fee', amount: fee.amount, description: fee.description };
  return { account: { ...a, seq: a.seq + 1, fees: a.fees + fee.amount, adjustmentEntries: [...a.adjustmentEntries, entry] }, entries: { adjustments: [entry] } };
}

export function changeOrderProblem(a: Account, d: Pick<ChangeOrderDecision, 'changeOrderId' | 'approved' | 'amount'>): string | null {
  const earlier = a.changeOrders.find((c) => c.changeOrderId === d.changeOrderId);
  if (earlier) return earlier.approved === d.approved ? null : `this change order was already ${earlier.approved ? 'approved' : 'declined'}`;
  if (a.status === 'void' || a.status === 'uncollectible') return `invoice is ${a.status}`;
  if (!Number.isSafeInteger(d.amount) || d.amount < 0) return 'amount must be a whole number of minor units';
  if (d.approved && a.total + a.changes + d.amount > MAX_LEDGER_SUM) return 'the change orders on one invoice cannot add up to that much';
  return null;
}

/** An approved change order is billed beside the original lines; a declined one never is. */
export function decideChangeOrder(a: Account, d: ChangeOrderDecision): Applied {
  const changes = a.changes + (d.approved ? d.amount : 0);
  return { account: settle({ ...a, seq: a.seq + 1, changes, changeOrders: [...a.changeOrders, d] }), entries: { changeOrder: d } };
}

/** What credit notes may still take back: the work billed (lines and approved change orders) not yet credited. */
export const creditableOf = (x: { total: number; changes: number; creditNotes: number }) => x.total + x.changes - x.creditNotes;
export const creditable = (a: Account) => creditableOf(a);

export function creditNoteProblem(a: Account, c: { amount: number; currency: string }): string | null {
  if (a.status !== 'open' && a.status !== 'paid') return `invoice is ${a.status}; it takes no credit note`;
  if (!Number.isSafeInteger(c.amount) || c.amount <= 0) return 'amount must be a positive integer in minor units';
  if (c.currency !== a.currency) return `currency ${c.currency} does not match the invoice's ${a.currency}`;
  if (c.amount > creditable(a)) return `a credit note may take back at most ${creditable(a)} minor units, what is billed and not yet credited`;
  return null;
}

/**
 * A credit note lowers what is owed. Crediting everything billed cancels the invoice (it is void
 * and its reminders end); money already paid beyond what is left becomes the client's credit.
 */
export function applyCreditNote(a: Account, c: { key: string; amount: number; description: string }): Applied {
  const entry: AdjustmentEntry = { key: c.key, kind: 'credit_note', amount: -c.amount, description: c.description };
  const next: Account = { ...a, seq: a.seq + 1, creditNotes: a.creditNotes + c.amount, adjustmentEntries: [...a.adjustmentEntries, entry] };
  const ended = creditable(next) === 0 ? { ...next, status: 'void' as const, stage: 'void' as const } : settle(next);
  const credited = creditOverpayment(ended, c.key);
  return { account: credited.account, entries: { adjustments: [entry], ...credited.entries } };
}

/** A pause, a promise, a pending payment or an end (void, paid, written off): the ladder stays where it was. */
export function enterStage(a: Account, stage: Stage, status: InvoiceStatus = a.status): Account {
  return { ...a, seq: a.seq + 1, stage, status };
}

/** A step of the ladder, or a person's decision that moves it (an extension with its new due date). */
export function ladderStep(a: Account, stage: Stage, dueDate = a.dueDate): Account {
  return { ...a, seq: a.seq + 1, stage, ladderStage: stage, dueDate };
}

/** Back to where the ladder stood once a pause or a promise is over. */
export const backToLadder = (a: Account): Account => enterStage(a, a.ladderStage);

/** Something worth a line on the timeline that changes no figure (a payment on its way failed). */
export const touch = (a: Account): Account => ({ ...a, seq: a.seq + 1 });

/** The projected invoice row: what PostgreSQL keeps of the account. */
export interface AccountRow {
  status: InvoiceStatus;
  stage: Stage;
  dueDate: string;
  amountPaid: number;
  adjustmentsTotal: number;
  discountTotal: number;
  changesTotal: number;
  creditNotesTotal: number;
}

export const rowOf = (a: Account): AccountRow => ({
  status: a.status, stage: a.stage, dueDate: a.dueDate, amountPaid: a.paid,
  adjustmentsTotal: adjustmentsOf(a), discountTotal: a.discount, changesTotal: a.changes, creditNotesTotal: a.creditNotes,
});
