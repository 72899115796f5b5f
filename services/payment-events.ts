// Every way money arrives or leaves, in one shape, through one path: matched to an invoice,
// handed to its workflow, counted once. What cannot be matched waits for a person.
import { logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import type { Client } from '@temporalio/client';
import { Invoice, Payment } from '../db/entities';
import type { Orm } from '../db/orm';
import { invoiceNumbersIn } from '../domain/invoice-references';
import { DomainError } from './errors';
import { pauseReminders, refundPayment, reportFailedPayment, reportPendingPayment, sendPayment } from './invoice-commands';
import { splitNamedPayment } from './reference-splits';
import { holdUnapplied } from './unapplied-payments';

export type PaymentEventKind = 'succeeded' | 'pending' | 'failed' | 'refunded' | 'disputed';

export interface PaymentEvent {
  kind: PaymentEventKind;
  /** The payment's stable id at its source ("stripe:pi_…", "payments:tx_…"). */
  paymentId: string;
  /** For refunds: the refund's own id. */
  refundId?: string;
  amount: number;
  currency: string;
  method: string;
  invoiceId?: string | null;
  /** A bank transfer's reference; the invoice number in it matches the invoice. */
  reference?: string | null;
  reason?: string | null;
  receivedAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** By invoice id, else by the payment already in the ledger, else by the (first) invoice the reference names. */
export async function matchInvoice(orm: Orm, event: Pick<PaymentEvent, 'invoiceId' | 'paymentId' | 'reference'>): Promise<Invoice | null> {
  const em = orm.em.fork();
  if (event.invoiceId && UUID.test(event.invoiceId)) {
    const byId = await em.findOne(Invoice, { id: event.invoiceId });
    if (byId) return byId;
  }
  const known = await em.findOne(Payment, { paymentKey: event.paymentId });
  if (known) return em.findOne(Invoice, { id: known.invoiceId });
  const numbers = invoiceNumbersIn(event.reference);
  if (numbers.length === 0) return null;
  const named = await em.find(Invoice, { number: { $in: numbers } });
  return numbers.map((n) => named.find((i) => i.number === n)).find(Boolean) ?? null;
}

export async function applyPaymentEvent(deps: { orm: Orm; temporal: Client }, event: PaymentEvent): Promise<string> {
  const outcome = await dispatch(deps, event);
  if (!outcome.startsWith('unapplied') && !outcome.startsWith('rejected') && outcome !== 'unmatched' && outcome !== 'duplicate') metrics.paymentsApplied.inc({ kind: event.kind });
  logger.info('payment event', { paymentId: event.paymentId, kind: event.kind, amount: event.amount, currency: event.currency, invoiceId: event.invoiceId ?? null, outcome });
  return outcome;
}

async function dispatch(deps: { orm: Orm; temporal: Client }, event: PaymentEvent): Promise<string> {
  // Money whose reference names several invoices (and no single invoice id) is split across them.
  const split = event.kind === 'succeeded' && !(event.invoiceId && UUID.test(event.invoiceId)) ? await splitNamedPayment(deps, event) : null;
  if (split) return split;
  const invoice = await matchInvoice(deps.orm, event);
  if (!invoice) return event.kind === 'succeeded' ? holdUnapplied(deps.orm, event, 'no matching invoice') : 'unmatched';
  // Money in another currency is never applied on its own: a person decides what it is worth.
  if (event.currency !== invoice.currency) {
    return event.kind === 'succeeded' ? holdUnapplied(deps.orm, event, `currency ${event.currency} differs from ${invoice.number}'s ${invoice.currency}`) : 'ignored: currency differs';
  }
  try {
    switch (event.kind) {
      case 'succeeded': {
        const { outcome } = await sendPayment(deps, invoice, {
          paymentId: event.paymentId, amount: event.amount, currency: event.currency, method: event.method,
          reference: event.reference ?? undefined, receivedAt: event.receivedAt,
        });
        return outcome;
      }
      case 'pending':
        await reportPendingPayment(deps.temporal, invoice, { paymentId: event.paymentId, amount: event.amount, currency: event.currency, method: event.method });
        return 'pending';
      case 'failed':
        await reportFailedPayment(deps.temporal, invoice, { paymentId: event.paymentId, reason: event.reason ?? 'the payment failed' });
        return 'failed';
      case 'refunded':
        await refundPayment(deps.temporal, invoice, { refundId: event.refundId ?? event.paymentId, amount: event.amount, currency: event.currency, reason: event.reason ?? undefined });
        return 'refunded';
      case 'disputed':
        await pauseReminders(deps.temporal, invoice, { source: 'dispute', message: `A payment of ${event.amount} ${event.currency} is disputed${event.reason ? `: ${event.reason}` : ''}.`, autoResumeDays: 0 });
        return 'disputed';
    }
  } catch (err) {
    // "Retry shortly" is the sender's to retry, not a reason to park the money.
    if (!(err instanceof DomainError) || err.code === 'workflow_starting') throw err;
    if (event.kind === 'succeeded') return holdUnapplied(deps.orm, event, err.message);
    return `rejected: ${err.message}`;
  }
}
