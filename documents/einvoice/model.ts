// The invoice or credit note as EN 16931 sees it (business terms BT-n), built once from the
// stored documents; the UBL and CII writers only spell it out. Amounts stay in minor units here.
import type { ChangeOrder, CreditNote, Invoice } from '../../db/entities';
import type { PricedLine } from '../../domain/money';
import { currencyExponent } from '../../domain/money';
import { EXEMPTION_CODES, lineCategory, vatBreakdown, type TaxCategory } from '../../domain/vat';

export interface EParty {
  name: string;
  vatId: string | null;
  /** Used as a tax registration (BT-32) where a VAT number may not appear (category O). */
  taxId: string | null;
  country: string;
  address: string[];
  city: string | null;
  postalCode: string | null;
  email: string;
  phone: string | null;
}

export interface ELine {
  id: string;
  name: string;
  quantity: number;
  /** BT-146, net, one unit. */
  price: number;
  /** BT-131. */
  net: number;
  category: TaxCategory;
  rate: number;
}

export interface EBreakdown { category: TaxCategory; rate: number; taxable: number; tax: number; exemptionCode: string | null; exemptionReason: string | null }

export interface EInvoice {
  /** 380 commercial invoice, 381 credit note. */
  typeCode: '380' | '381';
  number: string;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  /** Decimal places the currency's amounts are written with. */
  decimals: number;
  buyerReference: string;
  orderReference: string | null;
  /** For a credit note: the invoice it corrects (BG-3). */
  preceding: { number: string; issueDate: string } | null;
  notes: string[];
  supply: { date: string } | { start: string; end: string };
  seller: EParty;
  buyer: EParty;
  paymentTerms: string | null;
  payment: { iban: string; bic: string | null; accountName: string } | null;
  paymentReference: string;
  lines: ELine[];
  breakdown: EBreakdown[];
  totals: { lines: number; taxExclusive: number; tax: number; taxInclusive: number; prepaid: number; payable: number };
}

const addressLines = (text: string) => text.split(/\r?\n|,\s*/).map((s) => s.trim()).filter(Boolean).slice(0, 3);

function party(p: { name: string; taxId?: string | null; country?: string | null; address: string; city?: string | null; postalCode?: string | null; email: string; phone?: string | null }, vatCase: boolean): EParty {
  return {
    name: p.name, vatId: vatCase ? p.taxId ?? null : null, taxId: vatCase ? null : p.taxId ?? null, country: p.country ?? '',
    address: addressLines(p.address), city: p.city ?? null, postalCode: p.postalCode ?? null, email: p.email, phone: p.phone ?? null,
  };
}

function linesOf(priced: PricedLine[]): ELine[] {
  return priced.map((l, i) => ({ id: String(i + 1), name: l.description, quantity: l.quantity, price: l.unitAmount, net: l.amount, category: lineCategory(l), rate: l.taxRate ?? 0 }));
}

export function eInvoiceOf(invoice: Invoice, approvedChanges: ChangeOrder[], creditNote?: CreditNote): EInvoice {
  const priced = creditNote ? creditNote.lines : [...invoice.lines, ...approvedChanges.flatMap((o) => o.lines)];
  const rows = vatBreakdown(priced);
  // Outside the scope of VAT, no VAT number may appear (BR-O-02…): the issuer's number is then its tax registration.
  const vatCase = !rows.every((r) => r.category === 'O');
  const net = rows.reduce((s, r) => s + r.taxable, 0);
  const tax = rows.reduce((s, r) => s + r.tax, 0);
  const i = invoice.issuerSnapshot;
  const iban = i.paymentInstructions?.bankTransfer?.iban;
  return {
    typeCode: creditNote ? '381' : '380',
    number: creditNote?.number ?? invoice.number,
    issueDate: creditNote?.issueDate ?? invoice.issueDate,
    dueDate: creditNote ? null : invoice.dueDate,
    currency: invoice.currency,
    decimals: currencyExponent(invoice.currency),
    buyerReference: invoice.buyerReference ?? invoice.poNumber ?? invoice.number,
    orderReference: invoice.poNumber ?? null,
    preceding: creditNote ? { number: invoice.number, issueDate: invoice.issueDate } : null,
    notes: [creditNote ? `${creditNote.reason}` : invoice.note ?? ''].filter(Boolean),
    supply: invoice.supply ?? { date: invoice.issueDate },
    seller: party({ ...i, address: i.address }, vatCase),
    buyer: party({ ...invoice.client }, vatCase),
    paymentTerms: creditNote ? null : `Payment within ${invoice.termsDays} days, by ${invoice.dueDate}`,
    payment: iban ? { iban: iban.replace(/\s+/g, ''), bic: i.paymentInstructions.bankTransfer?.bic ?? null, accountName: i.paymentInstructions.bankTransfer!.accountName } : null,
    paymentReference: invoice.number,
    lines: linesOf(priced),
    breakdown: rows.map((r) => ({
      ...r,
      exemptionCode: r.category === 'S' || r.category === 'Z' || r.category === 'E' ? null : EXEMPTION_CODES[r.category],
      exemptionReason: r.category === 'E' ? invoice.taxExemptionReason ?? null : EXEMPTION_REASONS[r.category] ?? null,
    })),
    totals: { lines: net, taxExclusive: net, tax, taxInclusive: net + tax, prepaid: 0, payable: net + tax },
  };
}

/** The wording each exempt category is stated with (Article 226(11) and (11a)). */
export const EXEMPTION_REASONS: Partial<Record<TaxCategory, string>> = {
  AE: 'Reverse charge: VAT to be accounted for by the recipient (Article 196, Directive 2006/112/EC)',
  K: 'Intra-community supply exempt from VAT (Article 138, Directive 2006/112/EC)',
  G: 'Export outside the EU exempt from VAT (Article 146, Directive 2006/112/EC)',
  O: 'Not subject to VAT',
};

/** What the format needs that the invoice lacks, as field paths (empty when it can be written). */
export function eInvoiceGaps(e: EInvoice, format: 'ubl' | 'cii' | 'xrechnung' | 'factur-x'): string[] {
  const gaps: string[] = [];
  if (e.decimals > 2) gaps.push('currency');
  if (!e.seller.country) gaps.push('issuer.country');
  if (!e.buyer.country) gaps.push('client.country');
  if (format === 'xrechnung') {
    if (!e.seller.city) gaps.push('issuer.city');
    if (!e.seller.postalCode) gaps.push('issuer.postalCode');
    if (!e.buyer.city) gaps.push('client.city');
    if (!e.buyer.postalCode) gaps.push('client.postalCode');
    if (!e.seller.phone) gaps.push('issuer.phone');
  }
  return gaps;
}

/** Minor units as the decimal the XML carries. */
export function amount(e: Pick<EInvoice, 'decimals'>, minor: number): string {
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(e.decimals + 1, '0');
  const whole = e.decimals ? `${digits.slice(0, -e.decimals)}.${digits.slice(-e.decimals)}` : digits;
  return negative ? `-${whole}` : whole;
}
