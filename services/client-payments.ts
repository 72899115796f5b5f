// The owner records one payment from a client that settles several of their invoices: oldest due
// first, or the invoices and order the owner names; the rest becomes the client's credit.
import { createHash, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { Invoice } from '../db/entities';
import type { Orm } from '../db/orm';
import { oldestDueFirst } from '../domain/payment-split';
import { DomainError, type FieldError } from './errors';
import { applySplit, planSplit, type SplitResult } from './payment-splits';

export interface ClientPaymentInput {
  amount: number;
  currency: string;
  method: string;
  reference?: string;
  paidAt?: string;
  /** The invoices to pay, in this order; all the client's open ones in the currency when left out. */
  invoices?: string[];
}

/**
 * Scoped to the client, as the invoice payment's key is to its invoice; hashed, so the id (which
 * the ledger and Temporal's update ids keep) carries no email address.
 */
function sourceKey(email: string, idempotencyKey: string | undefined): string {
  const scope = createHash('sha256').update(email).digest('hex').slice(0, 16);
  return `manual:client:${scope}:${idempotencyKey ?? randomUUID()}`;
}

/** The invoices the owner named, each checked: the client's, in the currency, open; in their order. */
async function namedInvoices(orm: Orm, email: string, currency: string, ids: string[]): Promise<Invoice[]> {
  const found = await orm.em.fork().find(Invoice, { id: { $in: ids } });
  const problems: FieldError[] = [];
  const invoices = ids.map((id, i) => {
    const invoice = found.find((x) => x.id === id);
    const problem = !invoice || invoice.clientEmail !== email ? 'is not an invoice of this client'
      : invoice.currency !== currency ? `is in ${invoice.currency}, not ${currency}`
      : invoice.status !== 'open' ? `is ${invoice.status}; it takes no more payments` : null;
    if (problem) problems.push({ field: `invoices.${i}`, message: problem });
    return invoice!;
  });
  if (problems.length) throw new DomainError('payment_rejected', `Some invoices cannot take this payment: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  return invoices;
}

async function openInvoices(orm: Orm, email: string, currency: string): Promise<Invoice[]> {
  const open = await orm.em.fork().find(Invoice, { clientEmail: email, currency, status: 'open' });
  if (open.length === 0) {
    // With nowhere to go, money is better recorded against an invoice by hand than guessed at.
    throw new DomainError('not_allowed_now', `The client has no open invoice in ${currency}; record the payment on an invoice (POST /v1/invoices/{id}/payments), where any excess becomes their credit.`);
  }
  return oldestDueFirst(open);
}

export async function payClient(deps: { orm: Orm; temporal: Client }, email: string, input: ClientPaymentInput, idempotencyKey?: string): Promise<SplitResult> {
  const payment = {
    sourceKey: sourceKey(email, idempotencyKey), clientEmail: email, currency: input.currency, amount: input.amount, method: input.method,
    reference: input.reference ?? null, receivedAt: input.paidAt ?? new Date().toISOString(),
  };
  const split = await planSplit(deps.orm, payment, () =>
    input.invoices ? namedInvoices(deps.orm, email, input.currency, input.invoices) : openInvoices(deps.orm, email, input.currency));
  return applySplit(deps, split, payment);
}
