// The reference model: what an invoice's money and status must be, written here from the
// README's rules and NOT from the product's domain code, so a rule both get wrong the same way
// is the only kind this cannot catch. Where the product's behaviour depends on the reminder
// ladder's timing (which stage, whether a pause already ran out, when a late fee falls due) the
// model says "unknown" and accepts what the system shows, as long as the views agree.

export type Status = 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';

export interface Line { description: string; quantity: number; unitAmount: number; taxRate: number }

export interface ModelPayment { source: 'stripe' | 'payments'; providerId: string; amount: number }

export interface ModelChangeOrder { id: string; token: string; total: number; rates: number[]; status: 'pending' | 'approved' | 'declined' }

export interface ModelInvoice {
  id: string;
  email: string;
  workflowId: string | null;
  /** The client's page token (for the question form); drafts have none. */
  token: string | null;
  total: number;
  status: Status;
  /** Payments minus refunds, as the ledger must sum them (may dip below 0 when a refund comes first). */
  paid: number;
  /** Approved change orders. */
  changes: number;
  discount: number;
  /** Credit notes issued (gross): they lower what is owed; crediting all that is billed voids it. */
  credited: number;
  /** The VAT rates billed (lines and approved change orders): an amount is credited only on one rate. */
  rates: number[];
  /** Early-payment offer: the discount and the instant the offer ends (server clock). */
  offer: { discount: number; endsAt: number } | null;
  /** Late fee terms (fixed fee only) and the earliest instant a fee may be charged. */
  lateFee: { amount: number; chargeableFrom: number } | null;
  /** Late fees seen so far (charged by the ladder; only ever 0 or the fixed amount). */
  fees: number;
  dueDate: string | null;
  /** true/false, or unknown once a pause may have run out by itself. */
  paused: boolean | 'unknown';
  pausedUntil: number | null;
  pendingPaymentId: string | null;
  /** The stage the invoice must show, when the model knows it. */
  stage: string | null;
  /** ...until this instant (a pause or promise running out), when it is only known for a while. */
  stageUntil: number | null;
  payments: ModelPayment[];
  changeOrders: ModelChangeOrder[];
  /** Refunds sent for payments not made yet: a later payment may use the same provider id. */
  orphans: { source: 'stripe' | 'payments'; providerId: string }[];
  /** The payment reported pending (a bank debit on its way), until it succeeds or fails. */
  pending: { source: 'stripe' | 'payments'; providerId: string; amount: number } | null;
  /** The stage all views agreed on at the last check (collections decisions depend on it). */
  observedStage: string | null;
  terms: { earlyPayment?: { percent: number; withinDays: number }; lateFees?: { graceDays: number; fixedAmount: number; capAmount?: number } };
}

export const DAY = 86_400_000;

const roundHalfAway = (v: number) => (v < 0 ? -Math.round(-v) : Math.round(v));

/** Lines are generated so that every amount is a whole number of cents: no rounding question. */
export function lineTotal(lines: Line[]): number {
  return lines.reduce((sum, l) => sum + l.quantity * l.unitAmount + (l.quantity * l.unitAmount * l.taxRate) / 100, 0);
}

export function balance(m: ModelInvoice): number {
  return Math.max(0, m.total + m.changes + m.fees - m.discount - m.credited - m.paid);
}

export const isSettled = (m: ModelInvoice) => m.status === 'paid' || m.status === 'void' || m.status === 'uncollectible';
export const takesMoney = (m: ModelInvoice) => m.status === 'open' || m.status === 'paid';

export function newInvoice(args: {
  id: string; email: string; workflowId: string | null; token: string | null; total: number; draft: boolean; rates: number[];
  issueDate: string | null; dueDate: string | null;
  earlyPayment?: { percent: number; withinDays: number }; lateFees?: { graceDays: number; fixedAmount: number; capAmount?: number };
}): ModelInvoice {
  const m: ModelInvoice = {
    id: args.id, email: args.email, workflowId: args.workflowId, token: args.token, total: args.total, status: args.draft ? 'draft' : 'open',
    paid: 0, changes: 0, discount: 0, credited: 0, rates: [...new Set(args.rates)], offer: null, lateFee: null, fees: 0, dueDate: args.dueDate,
    paused: false, pausedUntil: null, pendingPaymentId: null, stage: args.draft ? 'issued' : null, stageUntil: null,
    payments: [], changeOrders: [], orphans: [], pending: null, observedStage: null,
    terms: { earlyPayment: args.earlyPayment, lateFees: args.lateFees },
  };
  setTerms(m, args.issueDate, args);
  return m;
}

/** Offer and fees are fixed when the invoice is issued (a draft gets them on issue). */
export function setTerms(m: ModelInvoice, issueDate: string | null, t: { earlyPayment?: { percent: number; withinDays: number }; lateFees?: { graceDays: number; fixedAmount: number; capAmount?: number } }) {
  if (!issueDate || !m.dueDate) return;
  if (t.earlyPayment) {
    // The offer stands through the whole deadline day (issue date + withinDays), UTC here.
    m.offer = { discount: roundHalfAway((m.total * t.earlyPayment.percent) / 100), endsAt: Date.parse(`${issueDate}T00:00:00Z`) + (t.earlyPayment.withinDays + 1) * DAY };
  }
  if (t.lateFees) {
    const amount = Math.min(t.lateFees.fixedAmount, t.lateFees.capAmount ?? Infinity);
    m.lateFee = { amount, chargeableFrom: Date.parse(`${m.dueDate}T00:00:00Z`) + (t.lateFees.graceDays + 1) * DAY };
  }
}

/** A payment the system accepted: the balance falls, the discount may be earned, it may settle. */
export function applyPayment(m: ModelInvoice, amount: number, at: number) {
  m.paid += amount;
  // Paying the discounted balance in time earns the discount (README: "paying the discounted
  // amount in time settles the invoice"), on an open invoice only: the offer stands while the
  // invoice is open (README, "One pure model"). Money sent to an invoice already settled (by a
  // credit note, say) is the client's credit, not a payment in time.
  if (m.status === 'open' && m.offer && m.discount === 0 && at < m.offer.endsAt && m.paid >= m.total + m.changes + m.fees - m.credited - m.offer.discount) m.discount = m.offer.discount;
  if (m.status === 'open' && balance(m) === 0) settle(m, 'paid', 'paid');
}

export function applyRefund(m: ModelInvoice, amount: number) {
  m.paid -= amount;
  reopenIfDue(m);
}

export function approveChangeOrder(m: ModelInvoice, total: number, rates: number[]) {
  m.changes += total;
  m.rates = [...new Set([...m.rates, ...rates])];
  reopenIfDue(m);
}

function reopenIfDue(m: ModelInvoice) {
  if (m.status === 'paid' && balance(m) > 0) {
    m.status = 'open';
    m.stage = null;
  }
}

/** What credit notes may still take back: everything billed not yet credited. */
export const creditable = (m: ModelInvoice) => m.total + m.changes - m.credited;

/** A credit note the system issued: crediting everything voids the invoice; otherwise it may settle it. */
export function applyCredit(m: ModelInvoice, amount: number) {
  m.credited += amount;
  if (creditable(m) === 0) settle(m, 'void', 'void');
  else if (m.status === 'open' && balance(m) === 0) settle(m, 'paid', 'paid');
}

export function settle(m: ModelInvoice, status: Status, stage: string) {
  m.status = status;
  m.stage = stage;
  m.stageUntil = null;
}

export function pause(m: ModelInvoice, until: number | null, pendingPaymentId: string | null = null) {
  m.paused = true;
  m.pausedUntil = until;
  m.pendingPaymentId = pendingPaymentId;
  m.stage = 'paused';
  m.stageUntil = until;
}

export function unpause(m: ModelInvoice) {
  m.paused = false;
  m.pausedUntil = null;
  if (m.status === 'open') m.stage = null;
}

/** Time moved: holds that ran out are no longer certain, nor any stage the ladder may change. */
export function timePassed(m: ModelInvoice, now: number) {
  if (m.paused === true && m.pausedUntil !== null && now >= m.pausedUntil - 60_000) m.paused = 'unknown';
  if (m.status !== 'open') return;
  if (m.stage !== 'paused' && m.stage !== 'promised') m.stage = null;
  else if (m.stageUntil !== null && now >= m.stageUntil - 60_000) m.stage = null;
}
