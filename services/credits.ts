// A client's credit (from an overpayment) pays toward their next invoice in the same currency.
import type { Client } from '@temporalio/client';
import { ClientCredit, type Invoice } from '../db/entities';
import type { Orm } from '../db/orm';
import { sendPayment } from './invoice-commands';

export async function applyClientCredits(deps: { orm: Orm; temporal: Client }, invoice: Invoice): Promise<number> {
  const em = deps.orm.em.fork();
  let applied = 0;
  const credits = await em.find(ClientCredit, { clientEmail: invoice.clientEmail, currency: invoice.currency, appliedToInvoiceId: null }, { orderBy: { createdAt: 'asc' } });
  for (const credit of credits) {
    // Claim it first, so two new invoices can never both spend the same credit.
    const claimed = await em.nativeUpdate(ClientCredit, { id: credit.id, appliedToInvoiceId: null }, { appliedToInvoiceId: invoice.id, appliedAt: new Date() });
    if (claimed !== 1) continue;
    try {
      await sendPayment(deps, invoice, { paymentId: `credit:${credit.id}`, amount: credit.amount, currency: credit.currency, method: 'credit', reference: 'credit from an earlier overpayment', receivedAt: new Date().toISOString() });
      applied += credit.amount;
    } catch (err) {
      await em.nativeUpdate(ClientCredit, { id: credit.id, appliedToInvoiceId: invoice.id }, { appliedToInvoiceId: null, appliedAt: null });
      throw err;
    }
  }
  return applied;
}
