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
  },
};
