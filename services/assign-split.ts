// The owner places money nobody could match over several invoices, in the order they name: the
// same split as a client payment, under the payment's own id, so assigning twice applies nothing twice.
import type { Client } from '@temporalio/client';
import { Invoice, type UnappliedPayment } from '../db/entities';
import type { Orm } from '../db/orm';
import { DomainError, type FieldError } from './errors';
import { applySplit, planSplit, takesMoney, type SplitResult } from './payment-splits';

export async function assignSplit(deps: { orm: Orm; temporal: Client }, held: UnappliedPayment, invoiceIds: string[]): Promise<SplitResult> {
  const found = await deps.orm.em.fork().find(Invoice, { id: { $in: invoiceIds } });
  const problems: FieldError[] = [];
  const invoices = invoiceIds.map((id, i) => {
    const invoice = found.find((x) => x.id === id);
    const problem = !invoice ? 'no such invoice' : invoice.currency !== held.currency ? `is in ${invoice.currency}; the payment is in ${held.currency}` : !takesMoney(invoice) ? `is ${invoice.status}` : null;
    if (problem) problems.push({ field: `invoiceIds.${i}`, message: problem });
    return invoice!;
  });
  if (problems.length) throw new DomainError('payment_rejected', `The payment cannot go to these invoices: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  const payment = {
    sourceKey: `${held.source}:${held.externalId}`, clientEmail: invoices[0].clientEmail, currency: held.currency, amount: held.amount,
    method: held.method, reference: held.reference ?? null, receivedAt: held.receivedAt.toISOString(),
  };
  return applySplit(deps, await planSplit(deps.orm, payment, async () => invoices), payment);
}
