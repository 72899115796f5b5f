// What the client sees of their statement, in their language, whatever the medium (page or PDF):
// one model so both show the same numbers, words and ways to pay.
import type { ClientDetails, IssuerSnapshot, PaymentInstructions } from '../db/entities';
import { formatLongDate } from '../domain/dates';
import { epcQrPayload } from '../domain/epc-qr';
import { formatMoney } from '../domain/money';
import { clientStanding, statementReference } from '../domain/statement';
import type { Locale } from '../emails/context';
import { PHRASES } from '../emails/templates';
import type { Statement } from '../services/statement';
import { DOCUMENT_TEXT, type DocumentWords } from './document-text';
import { STATEMENT_TEXT, type StatementWords } from './statement-text';

export interface StatementPayment {
  currency: string;
  amount: string;
  /** The invoice numbers the transfer pays: our matching splits the money over them. */
  reference: string;
  /** EPC069-12 payload for a euro total to a valid IBAN; null otherwise. */
  epcQr: string | null;
}

export interface StatementDocument {
  locale: Locale;
  intl: string;
  words: StatementWords;
  labels: (typeof PHRASES)['en']['labels'];
  documentWords: DocumentWords;
  asOf: string;
  issuer: IssuerSnapshot;
  client: ClientDetails;
  invoices: { id: string; number: string; issued: string; due: string; total: string; paid: string; amountDue: string; standing: string; overdue: boolean }[];
  creditNotes: { number: string; invoiceNumber: string; issued: string; total: string; reason: string }[];
  credits: { amount: string; from: string }[];
  totals: { currency: string; amountDue: string; credit: string | null }[];
  /** One transfer per currency with something due. */
  payments: StatementPayment[];
  bank: NonNullable<PaymentInstructions['bankTransfer']> | null;
}

export function statementDocument(s: Statement): StatementDocument {
  const locale: Locale = s.client.locale === 'bg' ? 'bg' : 'en';
  const intl = locale === 'bg' ? 'bg-BG' : 'en-GB';
  const words = STATEMENT_TEXT[locale];
  const money = (amount: number, currency: string) => formatMoney(amount, currency, intl);
  const date = (d: string) => formatLongDate(d, intl);
  const bank = s.issuer.paymentInstructions?.bankTransfer ?? null;
  const payments = s.totals.filter((t) => t.amountDue > 0).map((t): StatementPayment => {
    const reference = statementReference(s.invoices.filter((i) => i.currency === t.currency).map((i) => i.number));
    const epcQr = bank?.iban && t.currency === 'EUR'
      ? epcQrPayload({ name: bank.accountName, iban: bank.iban, bic: bank.bic, amountMinor: t.amountDue, text: reference })
      : null;
    return { currency: t.currency, amount: money(t.amountDue, t.currency), reference, epcQr };
  });
  return {
    locale, intl, words, labels: PHRASES[locale].labels, documentWords: DOCUMENT_TEXT[locale],
    asOf: date(s.asOf), issuer: s.issuer, client: s.client, bank,
    invoices: s.invoices.map((i) => {
      const standing = clientStanding(i.stage, i.dueDate, s.asOf);
      return {
        id: i.id, number: i.number, issued: date(i.issueDate), due: date(i.dueDate), total: money(i.total, i.currency), paid: money(i.paid, i.currency),
        amountDue: money(i.amountDue, i.currency), standing: words.standing(standing), overdue: standing.kind === 'overdue',
      };
    }),
    creditNotes: s.creditNotes.map((n) => ({ number: n.number, invoiceNumber: n.invoiceNumber, issued: date(n.issueDate), total: money(n.total, n.currency), reason: n.reason })),
    credits: s.credits.map((c) => ({ amount: money(c.amount, c.currency), from: c.sourceInvoiceNumber ? words.fromOverpayment(c.sourceInvoiceNumber) : '' })),
    totals: s.totals.map((t) => ({ currency: t.currency, amountDue: money(t.amountDue, t.currency), credit: t.credit ? money(t.credit, t.currency) : null })),
    payments,
  };
}
