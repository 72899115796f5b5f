// What the client sees of an invoice, in their language, whatever the medium (page or PDF):
// one model so the page, the PDF and the emails show the same numbers.
import { amountDueOf, type ChangeOrder, type Invoice } from '../db/entities';
import { dateIn } from '../domain/dates';
import { numberFormat } from '../domain/intl';
import { messageContext, type MessageContext } from '../emails/context';
import { PHRASES } from '../emails/templates';

export interface DocumentLine {
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
  amount: string;
}

export interface InvoiceDocument {
  context: MessageContext;
  labels: (typeof PHRASES)['en']['labels'];
  number: string;
  status: Invoice['status'];
  issuer: Invoice['issuerSnapshot'];
  client: Invoice['client'];
  poNumber: string | null;
  lines: DocumentLine[];
  subtotal: string;
  tax: string;
  total: string;
  adjustments: string | null;
  paid: string | null;
  amountDue: string;
  amountDueMinor: number;
  terms: string;
  discount: string | null;
  lateFees: string | null;
  note: string | null;
  /** Approved extra work, billed in its own section; pending ones shown as awaiting approval. */
  approvedChanges: { description: string; lines: DocumentLine[]; total: string }[];
  pendingChanges: { description: string; total: string; token: string }[];
  changesTotal: string | null;
}

export function invoiceDocument(invoice: Invoice, changeOrders: ChangeOrder[] = [], now = new Date()): InvoiceDocument {
  const context = messageContext(invoice, now);
  const phrases = PHRASES[context.locale];
  const quantity = (q: number) => numberFormat(context.intl, { maximumFractionDigits: 3 }).format(q);
  const line = (l: Invoice['lines'][number]): DocumentLine => ({
    description: l.description, quantity: quantity(l.quantity), unitPrice: context.money(l.unitAmount), taxRate: `${l.taxRate ?? 0}%`, amount: context.money(l.amount),
  });
  return {
    approvedChanges: changeOrders.filter((o) => o.status === 'approved').map((o) => ({ description: o.description, lines: o.lines.map(line), total: context.money(o.total) })),
    pendingChanges: changeOrders.filter((o) => o.status === 'pending').map((o) => ({ description: o.description, total: context.money(o.total), token: o.token })),
    changesTotal: invoice.changesTotal ? context.money(invoice.changesTotal) : null,
    context,
    labels: phrases.labels,
    number: invoice.number,
    status: invoice.status,
    issuer: invoice.issuerSnapshot,
    client: invoice.client,
    poNumber: invoice.poNumber ?? null,
    lines: invoice.lines.map(line),
    subtotal: context.money(invoice.subtotal),
    tax: context.money(invoice.taxTotal),
    total: context.total,
    adjustments: invoice.adjustmentsTotal ? context.money(invoice.adjustmentsTotal) : null,
    paid: context.amountPaid,
    amountDue: context.amountDue,
    amountDueMinor: amountDueOf(invoice),
    terms: phrases.terms(context),
    discount: phrases.discount(context),
    lateFees: phrases.lateFees(context),
    note: invoice.note ?? null,
  };
}
