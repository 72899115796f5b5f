// The email that carries a credit note to the client: what was credited, why, and what is still
// due (or that the invoice is cancelled). One text per locale: a missing one is a type error.
import type { Locale, MessageContext } from './context';
import type { MessageText } from './templates';

export interface CreditNoteFacts {
  number: string;
  reason: string;
  total: string;
  /** The invoice is cancelled by it. */
  full: boolean;
}

const texts: Record<Locale, (c: MessageContext, n: CreditNoteFacts) => MessageText> = {
  en: (c, n) => ({
    subject: `Credit note ${n.number} for invoice ${c.number}`,
    paragraphs: [
      `Hello ${c.clientName},`,
      `We have issued credit note ${n.number} for ${n.total} against invoice ${c.number}: ${n.reason}`,
      n.full ? `It cancels the invoice in full: nothing is due on it, and you will get no more reminders about it.` : `What is still due on the invoice: ${c.amountDue}.`,
      `Please keep it with the invoice for your records.`,
      `Kind regards,\n${c.issuerName}`,
    ],
    showInvoice: false,
  }),
  bg: (c, n) => ({
    subject: `Кредитно известие ${n.number} към фактура ${c.number}`,
    paragraphs: [
      `Здравейте, ${c.clientName},`,
      `Издадохме кредитно известие ${n.number} за ${n.total} към фактура ${c.number}: ${n.reason}`,
      n.full ? `То анулира фактурата изцяло: по нея нищо не е дължимо и няма да получавате повече напомняния за нея.` : `Оставащата дължима сума по фактурата: ${c.amountDue}.`,
      `Моля, съхранете го заедно с фактурата.`,
      `С уважение,\n${c.issuerName}`,
    ],
    showInvoice: false,
  }),
};

export function creditNoteMessage(context: MessageContext, note: CreditNoteFacts): MessageText {
  return texts[context.locale](context, note);
}
