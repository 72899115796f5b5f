// What the API shows of an invoice: the stored record, plus the live workflow's view when asked.
import { dateIn, formatLongDate } from '../domain/dates';
import { earlyPaymentOffer } from '../workflows/fees';
import { amountDueOf, type Invoice, type TimelineEvent } from '../db/entities';
import type { InvoiceSnapshot } from '../workflows/types';

export function paymentTerms(invoice: Pick<Invoice, 'termsDays' | 'dueDate'>): string {
  return `within ${invoice.termsDays} ${invoice.termsDays === 1 ? 'day' : 'days'} (by ${formatLongDate(invoice.dueDate)})`;
}

export function invoiceSummary(invoice: Invoice) {
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    stage: invoice.stage,
    currency: invoice.currency,
    subtotal: invoice.subtotal,
    taxTotal: invoice.taxTotal,
    total: invoice.total,
    amountPaid: invoice.amountPaid,
    adjustments: invoice.adjustmentsTotal,
    amountDue: amountDueOf(invoice),
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    termsDays: invoice.termsDays,
    paymentTerms: paymentTerms(invoice),
    client: invoice.client,
    poNumber: invoice.poNumber ?? null,
    policy: { name: invoice.policyName, reason: invoice.policyReason },
    terms: invoice.terms ?? {},
    workflowId: invoice.workflowId,
    createdAt: invoice.createdAt.toISOString(),
  };
}

/** The early-payment offer as the record tells it, for when the workflow is not asked. */
function offerFromRecord(invoice: Invoice) {
  const offer = earlyPaymentOffer(invoice.terms?.earlyPayment, invoice.issueDate, invoice.total);
  if (!offer) return null;
  const today = dateIn(new Date(), invoice.client.timeZone);
  const applied = (invoice.adjustmentsTotal ?? 0) < 0;
  return { ...offer, stands: invoice.status === 'open' && !applied && today <= offer.deadline, applied };
}

export function invoiceDetail(invoice: Invoice, timeline: TimelineEvent[], live: InvoiceSnapshot | null) {
  const summary = invoiceSummary(invoice);
  return {
    ...summary,
    // While the workflow answers, its view is the freshest; the table catches up a moment later.
    ...(live
      ? { status: live.status, stage: live.stage, amountPaid: live.amountPaid, adjustments: live.adjustments ?? summary.adjustments, amountDue: live.amountDue, dueDate: live.dueDate }
      : {}),
    earlyPayment: live?.earlyPayment ?? offerFromRecord(invoice),
    lines: invoice.lines,
    note: invoice.note ?? null,
    issuer: invoice.issuerSnapshot,
    nextStep: live?.nextStep ?? null,
    workflow: live ? { reachable: true } : { reachable: false },
    timeline: timeline.map((e) => ({ at: e.at.toISOString(), kind: e.kind, message: e.message })),
  };
}
