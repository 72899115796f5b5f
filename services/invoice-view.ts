// What the API shows of an invoice: the stored record, plus the live workflow's view when asked.
import { lineCategory, vatBreakdown } from '../domain/vat';
import { formatLongDate } from '../domain/dates';
import { amountDueOf, type Invoice, type TimelineEvent } from '../db/entities';
import { recordOffer } from '../emails/context';
import type { InvoiceSnapshot } from '../domain/types';

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
    changesTotal: invoice.changesTotal,
    creditNotesTotal: invoice.creditNotesTotal,
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

export function invoiceDetail(invoice: Invoice, timeline: TimelineEvent[], live: InvoiceSnapshot | null) {
  const summary = invoiceSummary(invoice);
  return {
    ...summary,
    // While the workflow answers, its view is the freshest; the table catches up a moment later.
    ...(live
      ? { status: live.status, stage: live.stage, amountPaid: live.amountPaid, adjustments: live.adjustments, changesTotal: live.changesTotal, creditNotesTotal: live.creditNotesTotal ?? 0, amountDue: live.amountDue, dueDate: live.dueDate }
      : {}),
    earlyPayment: live ? live.earlyPayment : recordOffer(invoice, Date.now()),
    lines: invoice.lines.map((line) => ({ ...line, taxCategory: lineCategory(line) })),
    vatBreakdown: vatBreakdown(invoice.lines),
    supply: invoice.supply ?? { date: invoice.issueDate },
    taxExemptionReason: invoice.taxExemptionReason ?? null,
    note: invoice.note ?? null,
    issuer: invoice.issuerSnapshot,
    nextStep: live?.nextStep ?? null,
    workflow: live ? { reachable: true } : { reachable: false },
    timeline: timeline.map((e) => ({ at: e.at.toISOString(), kind: e.kind, message: e.message })),
  };
}
