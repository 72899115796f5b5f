// One payment over several invoices of a client: the split is planned once and stored, then each
// part goes to its invoice's workflow under an id derived from the payment's, so a retry or a
// redelivery replays the same parts and the ledger counts each once.
import type { Client } from '@temporalio/client';
import { amountDueOf, Invoice, PaymentSplit } from '../db/entities';
import type { Orm } from '../db/orm';
import { splitPayment, type SplitPart } from '../domain/payment-split';
import { recordOffer } from '../emails/context';
import { DomainError } from './errors';
import { sendPayment } from './invoice-commands';
import { holdUnapplied } from './unapplied-payments';

type Deps = { orm: Orm; temporal: Client };

export interface SplitPayment {
  /** The payment's id at its source: "manual:client:…" or "payments:tx_…". */
  sourceKey: string;
  clientEmail: string;
  currency: string;
  amount: number;
  method: string;
  reference?: string | null;
  receivedAt: string;
}

export interface PartOutcome {
  invoiceId: string;
  number: string;
  amount: number;
  /** applied now, duplicate (applied before: a retry), or unapplied (the invoice took no more money; kept for you to assign). */
  outcome: 'applied' | 'duplicate' | 'unapplied';
  reason: string | null;
  /** The part of `amount` paid beyond what the invoice owed: its workflow makes it the client's credit. */
  credit: number;
}

export interface SplitResult {
  paymentId: string;
  currency: string;
  amount: number;
  credit: number;
  parts: PartOutcome[];
}

/** Each part's payment id: the payment's, and the invoice it pays. */
export const partPaymentId = (sourceKey: string, invoiceId: string) => `${sourceKey}/${invoiceId}`;

/** What settles an open invoice now: the early-payment price while that offer stands, by the one rule. */
export function dueNow(invoice: Invoice, now = Date.now()): number {
  if (invoice.status !== 'open') return 0;
  const offer = recordOffer(invoice, now);
  return offer?.stands ? offer.payNow : amountDueOf(invoice);
}

export async function findSplit(orm: Orm, sourceKey: string): Promise<PaymentSplit | null> {
  return orm.em.fork().findOne(PaymentSplit, { sourceKey });
}

/**
 * The stored split of this payment, or a new one over `invoices` (in the order to fill them;
 * `oldestDueFirst` when the payer did not choose). Stored before anything is sent: the first
 * writer wins and every later attempt reads its parts.
 */
export async function planSplit(orm: Orm, payment: SplitPayment, invoices: () => Promise<Invoice[]>): Promise<PaymentSplit> {
  const earlier = await findSplit(orm, payment.sourceKey);
  if (earlier) return sameMoney(earlier, payment);
  const targets = await invoices();
  const { parts, credit } = splitPayment(payment.amount, targets.map((i) => ({ invoiceId: i.id, due: dueNow(i) })));
  await orm.em.fork().getConnection().execute(
    `insert into payment_split (source_key, client_email, currency, amount, credit, parts, created_at) values (?, ?, ?, ?, ?, ?, now()) on conflict (source_key) do nothing`,
    [payment.sourceKey, payment.clientEmail, payment.currency, payment.amount, credit, JSON.stringify(parts)],
  );
  return sameMoney((await findSplit(orm, payment.sourceKey))!, payment);
}

/** A payment id seen again with another amount is not the same payment: refuse rather than guess. */
function sameMoney(split: PaymentSplit, payment: SplitPayment): PaymentSplit {
  if (split.amount !== payment.amount || split.currency !== payment.currency) {
    throw new DomainError('payment_rejected', `This payment was already split as ${split.amount} ${split.currency}.`, [{ field: 'amount', message: 'differs from the payment recorded under the same id' }]);
  }
  return split;
}

/** Sends every part, in order; a part its invoice refuses (voided meanwhile) waits for you, unapplied. */
export async function applySplit(deps: Deps, split: PaymentSplit, payment: SplitPayment): Promise<SplitResult> {
  const em = deps.orm.em.fork();
  const invoices = await em.find(Invoice, { id: { $in: split.parts.map((p) => p.invoiceId) } });
  const outcomes: PartOutcome[] = [];
  for (const [i, part] of split.parts.entries()) {
    const invoice = invoices.find((x) => x.id === part.invoiceId)!;
    const credit = i === split.parts.length - 1 ? split.credit : 0;
    outcomes.push({ invoiceId: invoice.id, number: invoice.number, amount: part.amount, credit, ...(await sendPart(deps, invoice, part, split, payment)) });
  }
  return { paymentId: split.sourceKey, currency: split.currency, amount: split.amount, credit: split.credit, parts: outcomes };
}

async function sendPart(deps: Deps, invoice: Invoice, part: SplitPart, split: PaymentSplit, payment: SplitPayment): Promise<Pick<PartOutcome, 'outcome' | 'reason'>> {
  const paymentId = partPaymentId(split.sourceKey, part.invoiceId);
  const money = { paymentId, amount: part.amount, currency: split.currency, method: payment.method, reference: payment.reference ?? undefined, receivedAt: payment.receivedAt };
  try {
    return { outcome: (await sendPayment(deps, invoice, money)).outcome, reason: null };
  } catch (err) {
    // "Retry shortly" and outages are the caller's to retry (the plan is kept); a refusal is not.
    if (!(err instanceof DomainError) || err.code === 'workflow_starting') throw err;
    await holdUnapplied(deps.orm, money, `part of a payment split over several invoices: ${err.message}`);
    return { outcome: 'unapplied', reason: err.message };
  }
}

/** The invoices a split may fill: open ones owe money; a paid one takes what it is given as credit. */
export const takesMoney = (i: Invoice) => i.status === 'open' || i.status === 'paid';
