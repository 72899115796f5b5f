// What the client sees of an invoice, in their language, whatever the medium (page or PDF):
// one model so the page, the PDF and the emails show the same numbers.
import { amountDueOf, type ChangeOrder, type Invoice, type PaymentInstructions } from '../db/entities';
import { creditorReference, printCreditorReference } from '../domain/creditor-reference';
import { epcQrPayload } from '../domain/epc-qr';
import { numberFormat } from '../domain/intl';
import { isHttpsUrl } from '../domain/text';
import { vatBreakdown, type TaxCategory } from '../domain/vat';
import { messageContext, type MessageContext } from '../emails/context';
import { PHRASES } from '../emails/templates';
import { DOCUMENT_TEXT, type DocumentWords } from './document-text';

export interface DocumentLine {
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
  amount: string;
}

/** One row of the VAT breakdown per category and rate (domain/vat.ts), formatted. */
export interface DocumentVatRow {
  category: TaxCategory;
  /** The category in words, with the rate where it has one: "Standard rate 20%". */
  label: string;
  taxable: string;
  tax: string;
}

/** How to pay an open invoice: what the page and the PDF both show. */
export interface DocumentPayment {
  /** What the client writes on a transfer: the invoice's ISO 11649 reference, printed in groups of four. */
  reference: string;
  /** The same reference as a bank's field takes it (no spaces); the EPC QR carries it. */
  creditorReference: string;
  bank: NonNullable<PaymentInstructions['bankTransfer']> | null;
  /** https only: a row stored before that rule must not become a javascript: link. */
  cardUrl: string | null;
  crypto: NonNullable<PaymentInstructions['crypto']> | null;
  /** The EPC069-12 payload for the amount due: euro, a valid IBAN, an amount the code can carry. */
  epcQr: string | null;
}

export interface InvoiceDocument {
  kind: 'invoice' | 'credit_note';
  /** "Invoice" or "Credit note", in the client's language. */
  title: string;
  /** The lines under the title: issued, due (or the invoice credited), supply. */
  meta: string[];
  /** What the law asks an invoice to state for lines without VAT, and the owner's exemption reason. */
  vatNotes: string[];
  context: MessageContext;
  labels: (typeof PHRASES)['en']['labels'];
  /** The document's own words (VAT breakdown, supply date, page numbers). */
  words: DocumentWords;
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
  /** Per VAT category and rate, over the lines and the approved changes' lines. */
  vatBreakdown: DocumentVatRow[];
  /** The date or period of supply as the invoice states it; null when it is the issue date. */
  supply: string | null;
  /** Null when nothing is to be paid (paid, void, uncollectible, a draft). */
  payment: DocumentPayment | null;
}

function paymentOf(invoice: Invoice, amountDueMinor: number): DocumentPayment | null {
  const p = invoice.issuerSnapshot.paymentInstructions ?? {};
  if (invoice.status !== 'open' || amountDueMinor <= 0) return null;
  const bank = p.bankTransfer ?? null;
  const cardUrl = p.cardPaymentUrl && isHttpsUrl(p.cardPaymentUrl) ? p.cardPaymentUrl : null;
  if (!bank && !cardUrl && !p.crypto) return null;
  // Structured, so the client's bank checks it as it is typed and ours matches it without guessing.
  const reference = creditorReference(invoice.number);
  const epcQr = bank?.iban && invoice.currency === 'EUR'
    ? epcQrPayload({ name: bank.accountName, iban: bank.iban, bic: bank.bic, amountMinor: amountDueMinor, creditorReference: reference })
    : null;
  return { reference: printCreditorReference(reference), creditorReference: reference, bank, cardUrl, crypto: p.crypto ?? null, epcQr };
}

/** Each exempt category's statement once; an exemption (E) with the owner's reason. */
export function vatNotesOf(categories: TaxCategory[], words: DocumentWords, exemptionReason: string | null): string[] {
  const present = new Set(categories);
  return [
    ...(present.has('E') && exemptionReason ? [`${words.categories.E}: ${exemptionReason}`] : []),
    ...(['AE', 'K', 'G', 'O'] as const).filter((c) => present.has(c)).map((c) => words.exemptions[c]),
  ];
}

export function invoiceDocument(invoice: Invoice, changeOrders: ChangeOrder[] = [], now = new Date()): InvoiceDocument {
  const context = messageContext(invoice, now);
  const phrases = PHRASES[context.locale];
  const words = DOCUMENT_TEXT[context.locale];
  const quantity = (q: number) => numberFormat(context.intl, { maximumFractionDigits: 3 }).format(q);
  const percent = (rate: number) => `${numberFormat(context.intl, { maximumFractionDigits: 3 }).format(rate)}%`;
  const line = (l: Invoice['lines'][number]): DocumentLine => ({
    description: l.description, quantity: quantity(l.quantity), unitPrice: context.money(l.unitAmount), taxRate: percent(l.taxRate ?? 0), amount: context.money(l.amount),
  });
  const approved = changeOrders.filter((o) => o.status === 'approved');
  const amountDueMinor = amountDueOf(invoice);
  const supply = !invoice.supply ? null : 'date' in invoice.supply ? context.date(invoice.supply.date) : words.period(context.date(invoice.supply.start), context.date(invoice.supply.end));
  const rows = vatBreakdown([...invoice.lines, ...approved.flatMap((o) => o.lines)]);
  const l = phrases.labels;
  return {
    kind: 'invoice',
    title: l.invoice,
    meta: [`${l.issued}: ${context.issueDate}`, `${l.due}: ${context.dueDate}`, ...(supply ? [`${words.supplyDate}: ${supply}`] : [])],
    vatNotes: vatNotesOf(rows.map((r) => r.category), words, invoice.taxExemptionReason ?? null),
    words,
    vatBreakdown: rows.map((row) => ({
      category: row.category,
      label: row.category === 'S' || row.rate ? `${words.categories[row.category]} ${percent(row.rate)}` : words.categories[row.category],
      taxable: context.money(row.taxable),
      tax: context.money(row.tax),
    })),
    supply,
    payment: paymentOf(invoice, amountDueMinor),
    approvedChanges: approved.map((o) => ({ description: o.description, lines: o.lines.map(line), total: context.money(o.total) })),
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
    amountDueMinor,
    terms: phrases.terms(context),
    discount: phrases.discount(context),
    lateFees: phrases.lateFees(context),
    note: invoice.note ?? null,
  };
}
