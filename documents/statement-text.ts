// The words of a client's statement of account, page and PDF alike, in English and Bulgarian.
import type { Locale } from '../emails/context';
import type { ClientStanding } from '../domain/statement';

export interface StatementWords {
  title: string;
  asOf(date: string): string;
  intro: string;
  openInvoices: string;
  invoice: string;
  paid: string;
  status: string;
  standing(s: ClientStanding): string;
  nothingDue: string;
  creditNotes: string;
  credits: string;
  creditsHelp: string;
  fromOverpayment(invoice: string): string;
  totalDue: string;
  yourCredit: string;
  payAll: string;
  payAllHelp: string;
  transferAmount: string;
  viewInvoice: string;
}

const days = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const STATEMENT_TEXT: Record<Locale, StatementWords> = {
  en: {
    title: 'Statement of account',
    asOf: (date) => `As of ${date}`,
    intro: 'Your open invoices with us, the credit notes we issued you and any credit you hold.',
    openInvoices: 'Open invoices',
    invoice: 'Invoice', paid: 'Paid', status: 'Status',
    standing: (s) => ({ not_yet_due: 'Not yet due', due_today: 'Due today', overdue: s.kind === 'overdue' ? `Overdue by ${days(s.days, 'day', 'days')}` : '', on_hold: 'On hold while we talk', promised: 'Payment date agreed' })[s.kind],
    nothingDue: 'Nothing is due. Thank you!',
    creditNotes: 'Credit notes', credits: 'Your credit',
    creditsHelp: 'Credit is taken off your next invoice in the same currency.',
    fromOverpayment: (invoice) => `Paid beyond ${invoice}`,
    totalDue: 'Total due', yourCredit: 'Your credit',
    payAll: 'Pay everything at once',
    payAllHelp: 'One transfer of the total with this reference settles every invoice above, the oldest first.',
    transferAmount: 'Amount', viewInvoice: 'View',
  },
  bg: {
    title: 'Извлечение по сметка',
    asOf: (date) => `Към ${date}`,
    intro: 'Неплатените ви фактури към нас, издадените ви кредитни известия и наличният ви кредит.',
    openInvoices: 'Неплатени фактури',
    invoice: 'Фактура', paid: 'Платено', status: 'Състояние',
    standing: (s) => ({ not_yet_due: 'Предстоящ падеж', due_today: 'Падеж днес', overdue: s.kind === 'overdue' ? `Просрочена с ${days(s.days, 'ден', 'дни')}` : '', on_hold: 'Задържана, докато се чуем', promised: 'Уговорена дата за плащане' })[s.kind],
    nothingDue: 'Нямате дължими суми. Благодарим ви!',
    creditNotes: 'Кредитни известия', credits: 'Вашият кредит',
    creditsHelp: 'Кредитът се приспада от следващата ви фактура в същата валута.',
    fromOverpayment: (invoice) => `Надплатено по ${invoice}`,
    totalDue: 'Общо дължимо', yourCredit: 'Вашият кредит',
    payAll: 'Платете всичко наведнъж',
    payAllHelp: 'Един превод на общата сума с това основание погасява всички фактури по-горе, като започва от най-старата.',
    transferAmount: 'Сума', viewInvoice: 'Преглед',
  },
};
