// A credit note as the client sees it: the invoice's document shape (parties, lines, VAT
// breakdown, totals) with its own number and date, the invoice it credits and why, and nothing
// to pay (what remains due is the invoice's).
import type { CreditNote, Invoice } from '../db/entities';
import { invoiceDocument, type InvoiceDocument } from './invoice-document';

export function creditNoteDocument(invoice: Invoice, note: CreditNote, now = new Date()): InvoiceDocument {
  const credited = { ...invoice, lines: note.lines, subtotal: note.subtotal, taxTotal: note.taxTotal, total: note.total, note: null } as Invoice;
  const d = invoiceDocument(credited, [], now);
  const { words, labels: l, context } = d;
  return {
    ...d,
    kind: 'credit_note',
    title: words.creditNote,
    number: note.number,
    meta: [`${l.issued}: ${context.date(note.issueDate)}`, words.credits(invoice.number, context.issueDate), ...(d.supply ? [`${words.supplyDate}: ${d.supply}`] : [])],
    terms: '',
    discount: null,
    lateFees: null,
    note: `${words.reason}: ${note.reason}`,
    adjustments: null,
    paid: null,
    changesTotal: null,
    approvedChanges: [],
    pendingChanges: [],
    payment: null,
  };
}
