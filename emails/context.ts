// Everything a message about one invoice may say, formatted once for the client's locale.
import { addDays, dateIn, daysBetween, formatLongDate } from '../domain/dates';
import { formatMoney } from '../domain/money';
import { offerState } from '../domain/account';
import { amountDueOf, rowAmounts, type Invoice } from '../db/entities';

export type Locale = 'en' | 'bg';

export interface MessageContext {
  locale: Locale;
  /** BCP 47 tag for number and date formats. */
  intl: string;
  number: string;
  clientName: string;
  issuerName: string;
  total: string;
  amountDue: string;
  amountPaid: string | null;
  dueDate: string;
  issueDate: string;
  termsDays: number;
  daysOverdue: number;
  daysToDue: number;
  /** A date a week after the message, for the firmer steps that ask for payment by a date. */
  payBy: string;
  /** The early-payment offer while it stands. */
  discount: { percent: number; amount: string; payNow: string; deadline: string } | null;
  /** Late-fee terms, stated from the first message when they are on. */
  lateFees: {
    fixed: string | null; annualRatePercent: number | null; graceDays: number; cap: string | null;
    /** The EU Late Payment Directive's terms: stated as the law's, with the reference rate they rest on. */
    statutory: { directive: string; referenceRatePercent: number; effectiveFrom: string } | null;
  } | null;
  /** Late fees already added to what is due. */
  feesCharged: string | null;
  money(amount: number): string;
  date(date: string): string;
}

/** The offer as the record tells it, by the same rule the workflow applies. */
export function recordOffer(invoice: Invoice, now: number) {
  return offerState(
    { terms: invoice.terms ?? {}, issueDate: invoice.issueDate, timeZone: invoice.client.timeZone, total: invoice.total },
    { status: invoice.status, discount: invoice.discountTotal ?? 0, amounts: rowAmounts(invoice) },
    now,
  );
}

/** `now` is the moment of the message; its day on the client's clock counts for dates and the offer. */
/** Adjustments are fees less discounts less credit notes: the fees alone. */
const lateFeesCharged = (i: Invoice) => (i.adjustmentsTotal ?? 0) + (i.discountTotal ?? 0) + (i.creditNotesTotal ?? 0);

export function messageContext(invoice: Invoice, now: Date): MessageContext {
  const today = dateIn(now, invoice.client.timeZone);
  const locale: Locale = invoice.client.locale === 'bg' ? 'bg' : 'en';
  const intl = locale === 'bg' ? 'bg-BG' : 'en-GB';
  const money = (amount: number) => formatMoney(amount, invoice.currency, intl);
  const date = (d: string) => formatLongDate(d, intl);
  const offer = recordOffer(invoice, now.getTime());
  const fees = invoice.terms?.lateFees;
  return {
    locale,
    intl,
    number: invoice.number,
    clientName: invoice.client.name,
    issuerName: invoice.issuerSnapshot.name,
    total: money(invoice.total),
    amountDue: money(amountDueOf(invoice)),
    amountPaid: invoice.amountPaid > 0 ? money(invoice.amountPaid) : null,
    dueDate: date(invoice.dueDate),
    issueDate: date(invoice.issueDate),
    termsDays: invoice.termsDays,
    daysOverdue: Math.max(0, daysBetween(invoice.dueDate, today)),
    daysToDue: Math.max(0, daysBetween(today, invoice.dueDate)),
    payBy: date(addDays(today, 7)),
    discount: offer?.stands ? { percent: invoice.terms.earlyPayment!.percent, amount: money(offer.discount), payNow: money(offer.payNow), deadline: date(offer.deadline) } : null,
    lateFees: fees
      ? { fixed: fees.fixedAmount ? money(fees.fixedAmount) : null, annualRatePercent: fees.annualRatePercent ?? null, graceDays: fees.graceDays, cap: fees.capAmount ? money(fees.capAmount) : null, statutory: fees.statutory ? { ...fees.statutory, effectiveFrom: date(fees.statutory.effectiveFrom) } : null }
      : null,
    feesCharged: lateFeesCharged(invoice) > 0 ? money(lateFeesCharged(invoice)) : null,
    money,
    date,
  };
}
