// A transfer whose reference names several invoices ("INV-2026-0003, INV-2026-0004", "inv 2026 3
// INV20260004", RF references) pays them all: split oldest due first, as the owner's client
// payment is. What cannot be split safely waits for the owner, unapplied.
import type { Client } from '@temporalio/client';
import { Invoice, Payment } from '../db/entities';
import type { Orm } from '../db/orm';
import { invoiceNumbersIn } from '../domain/invoice-references';
import { oldestDueFirst } from '../domain/payment-split';
import { applySplit, findSplit, planSplit, takesMoney, type SplitPayment, type SplitResult } from './payment-splits';
import { holdUnapplied, type HeldPayment } from './unapplied-payments';

/** A provider's payment, as the unapplied-payments hold keeps it. */
type NamedPayment = HeldPayment;

/** One line for the webhook's answer and its record: each part and the credit. */
export function describeSplit(r: SplitResult): string {
  const parts = r.parts.map((p) => `${p.number} ${p.outcome} ${p.amount}${p.reason ? ` (${p.reason})` : ''}`);
  return `split ${r.amount} ${r.currency}: ${parts.join('; ')}; credit ${r.credit}`;
}

/** Why the named invoices cannot share this money, if they cannot. */
function splitProblem(invoices: Invoice[], currency: string): string | null {
  if (invoices.some((i) => i.currency !== currency)) return `the reference names invoices in another currency than ${currency}`;
  if (new Set(invoices.map((i) => i.clientEmail)).size > 1) return 'the reference names invoices of different clients';
  if (!invoices.some(takesMoney)) return 'every invoice the reference names is closed';
  return null;
}

/**
 * The outcome when the payment is (or was already) split, or null when it is a matter for one
 * invoice: its reference names fewer than two known invoices, or its id is already in the ledger.
 */
export async function splitNamedPayment(deps: { orm: Orm; temporal: Client }, event: NamedPayment): Promise<string | null> {
  const payment: SplitPayment = { ...event, sourceKey: event.paymentId, clientEmail: '' };
  const planned = await findSplit(deps.orm, event.paymentId);
  if (planned) return describeSplit(await applySplit(deps, planned, payment));

  const em = deps.orm.em.fork();
  const numbers = invoiceNumbersIn(event.reference);
  if (numbers.length < 2 || (await em.count(Payment, { paymentKey: event.paymentId }))) return null;
  const named = await em.find(Invoice, { number: { $in: numbers } });
  if (named.length < 2) return null;
  const problem = splitProblem(named, event.currency);
  if (problem) return holdUnapplied(deps.orm, event, problem);
  const split = await planSplit(deps.orm, { ...payment, clientEmail: named[0].clientEmail }, async () => oldestDueFirst(named.filter(takesMoney)));
  return describeSplit(await applySplit(deps, split, payment));
}
