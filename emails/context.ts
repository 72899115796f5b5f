// Everything a message about one invoice may say, formatted once for the client's locale.
import { addDays, daysBetween, formatLongDate } from '../domain/dates';
import { formatMoney } from '../domain/money';
import type { Invoice } from '../db/entities';

export interface MessageContext {
  locale: string;
  number: string;
  clientName: string;
  issuerName: string;
  total: string;
  amountDue: string;
  amountPaid: string | null;
  dueDate: string;
  /** "within 30 days (by 28 December 2026)": plain words, never "net 30". */
  terms: string;
  daysOverdue: number;
  /** A date a week after the message, for the firmer steps that ask for payment by a date. */
  payBy: string;
}

export function messageContext(invoice: Invoice, today: string): MessageContext {
  // English only for now; the client's locale picks the language once translations exist.
  const locale = 'en-GB';
  const money = (amount: number) => formatMoney(amount, invoice.currency, locale);
  const dueDate = formatLongDate(invoice.dueDate, locale);
  return {
    locale,
    number: invoice.number,
    clientName: invoice.client.name,
    issuerName: invoice.issuerSnapshot.name,
    total: money(invoice.total),
    amountDue: money(Math.max(0, invoice.total - invoice.amountPaid)),
    amountPaid: invoice.amountPaid > 0 ? money(invoice.amountPaid) : null,
    dueDate,
    terms: `within ${invoice.termsDays} ${invoice.termsDays === 1 ? 'day' : 'days'} (by ${dueDate})`,
    daysOverdue: Math.max(0, daysBetween(invoice.dueDate, today)),
    payBy: formatLongDate(addDays(today, 7), locale),
  };
}
