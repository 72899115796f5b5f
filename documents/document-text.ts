// The words the invoice document adds to the emails' labels (emails/templates.ts): the VAT
// breakdown, the supply date, the ways to pay, page numbers. English and Bulgarian.
import type { Locale } from '../emails/context';
import type { TaxCategory } from '../domain/vat';

export interface DocumentWords {
  from: string;
  vatBreakdown: string;
  vatCategory: string;
  taxableAmount: string;
  vat: string;
  categories: Record<TaxCategory, string>;
  supplyDate: string;
  accountHolder: string;
  account: string;
  routing: string;
  bank: string;
  paymentReference: string;
  payByCard: string;
  scanToPay: string;
  page(page: number, of: number): string;
  creditNote: string;
  /** "Credits invoice INV-2026-0001 of 2 December 2026". */
  credits(invoice: string, issued: string): string;
  reason: string;
  period(start: string, end: string): string;
  /** What an invoice states for lines that carry no VAT (Article 226(11), (11a)); E states the owner's own reason. */
  exemptions: Record<'AE' | 'K' | 'G' | 'O', string>;
}

export const DOCUMENT_TEXT: Record<Locale, DocumentWords> = {
  en: {
    from: 'From',
    vatBreakdown: 'VAT breakdown', vatCategory: 'VAT category and rate', taxableAmount: 'Taxable amount', vat: 'VAT',
    categories: {
      S: 'Standard rate', Z: 'Zero rate', E: 'Exempt from VAT', AE: 'Reverse charge', K: 'Intra-community supply', G: 'Export outside the EU', O: 'Outside the scope of VAT',
    },
    supplyDate: 'Date of supply', accountHolder: 'Account holder', account: 'Account number', routing: 'Routing number', bank: 'Bank',
    paymentReference: 'Payment reference', payByCard: 'Pay by card', scanToPay: 'Scan with your banking app to pay by SEPA transfer',
    page: (page, of) => `Page ${page} of ${of}`,
    creditNote: 'Credit note',
    credits: (invoice, issued) => `Credits invoice ${invoice} of ${issued}`,
    reason: 'Reason',
    period: (start, end) => `${start} – ${end}`,
    exemptions: {
      AE: 'Reverse charge: VAT to be accounted for by the recipient (Article 196 of Directive 2006/112/EC).',
      K: 'Intra-community supply, exempt from VAT (Article 138 of Directive 2006/112/EC).',
      G: 'Export outside the EU, exempt from VAT (Article 146 of Directive 2006/112/EC).',
      O: 'Not subject to VAT.',
    },
  },
  bg: {
    from: 'Доставчик',
    vatBreakdown: 'Данъчна основа и ДДС по ставки', vatCategory: 'Категория и ставка', taxableAmount: 'Данъчна основа', vat: 'ДДС',
    categories: {
      S: 'Стандартна ставка', Z: 'Нулева ставка', E: 'Освободена доставка', AE: 'Обратно начисляване', K: 'Вътреобщностна доставка', G: 'Износ извън ЕС', O: 'Извън обхвата на ДДС',
    },
    supplyDate: 'Дата на доставка', accountHolder: 'Титуляр', account: 'Номер на сметка', routing: 'Routing номер', bank: 'Банка',
    paymentReference: 'Основание за плащане', payByCard: 'Плащане с карта', scanToPay: 'Сканирайте с банковото си приложение за превод в евро (SEPA)',
    page: (page, of) => `Страница ${page} от ${of}`,
    creditNote: 'Кредитно известие',
    credits: (invoice, issued) => `Към фактура ${invoice} от ${issued}`,
    reason: 'Основание',
    period: (start, end) => `${start} – ${end}`,
    exemptions: {
      AE: 'Обратно начисляване: ДДС се начислява от получателя (чл. 196 от Директива 2006/112/ЕО).',
      K: 'Вътреобщностна доставка, освободена от ДДС (чл. 138 от Директива 2006/112/ЕО).',
      G: 'Износ извън ЕС, освободен от ДДС (чл. 146 от Директива 2006/112/ЕО).',
      O: 'Доставка извън обхвата на ДДС.',
    },
  },
};
