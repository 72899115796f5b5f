// What the API shows of an invoice: the stored record, plus the live workflow's view when asked.
import { formatLongDate } from '../domain/dates';
import type { Invoice, TimelineEvent } from '../db/entities';
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
    amountDue: Math.max(0, invoice.total - invoice.amountPaid),
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    paymentTerms: paymentTerms(invoice),
    client: invoice.client,
    poNumber: invoice.poNumber ?? null,
    workflowId: invoice.workflowId,
    createdAt: invoice.createdAt.toISOString(),
  };
}

export function invoiceDetail(invoice: Invoice, timeline: TimelineEvent[], live: InvoiceSnapshot | null) {
  const summary = invoiceSummary(invoice);
  return {
    ...summary,
    // While the workflow answers, its view is the freshest; the table catches up a moment later.
    ...(live ? { status: live.status, stage: live.stage, amountPaid: live.amountPaid, amountDue: live.amountDue, dueDate: live.dueDate } : {}),
    lines: invoice.lines,
    note: invoice.note ?? null,
    issuer: invoice.issuerSnapshot,
    nextStep: live?.nextStep ?? null,
    workflow: live ? { reachable: true } : { reachable: false },
    timeline: timeline.map((e) => ({ at: e.at.toISOString(), kind: e.kind, message: e.message })),
  };
}
