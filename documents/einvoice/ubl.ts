// UBL 2.1 in the Peppol BIS Billing 3.0 profile (EN 16931 compliant): an Invoice, or a CreditNote
// that refers to the invoice it corrects. The schema fixes the order of every element written here.
import { amount, type EInvoice, type EParty } from './model';
import { document, el, leaf } from './xml';

export const PEPPOL = {
  customization: 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
  profile: 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
};

function party(tag: string, p: EParty, contact: boolean): string {
  return el(tag, null, el('cac:Party', null,
    leaf('cbc:EndpointID', p.email, { schemeID: 'EM' }),
    el('cac:PartyName', null, leaf('cbc:Name', p.name)),
    el('cac:PostalAddress', null,
      leaf('cbc:StreetName', p.address[0]), leaf('cbc:AdditionalStreetName', p.address[1]), leaf('cbc:CityName', p.city), leaf('cbc:PostalZone', p.postalCode),
      p.address[2] && el('cac:AddressLine', null, leaf('cbc:Line', p.address[2])),
      el('cac:Country', null, leaf('cbc:IdentificationCode', p.country))),
    p.vatId && el('cac:PartyTaxScheme', null, leaf('cbc:CompanyID', p.vatId), el('cac:TaxScheme', null, leaf('cbc:ID', 'VAT'))),
    p.taxId && el('cac:PartyTaxScheme', null, leaf('cbc:CompanyID', p.taxId), el('cac:TaxScheme', null, leaf('cbc:ID', 'FC'))),
    el('cac:PartyLegalEntity', null, leaf('cbc:RegistrationName', p.name)),
    contact && el('cac:Contact', null, leaf('cbc:Name', p.name), leaf('cbc:Telephone', p.phone), leaf('cbc:ElectronicMail', p.email))));
}

const taxCategory = (tag: string, category: string, rate: number, extra: string[] = []) =>
  el(tag, null, leaf('cbc:ID', category), category !== 'O' && leaf('cbc:Percent', rate), extra, el('cac:TaxScheme', null, leaf('cbc:ID', 'VAT')));

export function writeUbl(e: EInvoice): string {
  const credit = e.typeCode === '381';
  const amt = (tag: string, minor: number) => leaf(tag, amount(e, minor), { currencyID: e.currency });
  const t = e.totals;
  const lines = e.lines.map((l) => el(credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine', null,
    leaf('cbc:ID', l.id),
    leaf(credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', l.quantity, { unitCode: 'C62' }),
    amt('cbc:LineExtensionAmount', l.net),
    el('cac:Item', null, leaf('cbc:Name', l.name), taxCategory('cac:ClassifiedTaxCategory', l.category, l.rate)),
    el('cac:Price', null, amt('cbc:PriceAmount', l.price))));
  const root = el(credit ? 'CreditNote' : 'Invoice', {
    xmlns: `urn:oasis:names:specification:ubl:schema:xsd:${credit ? 'CreditNote' : 'Invoice'}-2`,
    'xmlns:cac': 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
    'xmlns:cbc': 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  },
  leaf('cbc:CustomizationID', PEPPOL.customization),
  leaf('cbc:ProfileID', PEPPOL.profile),
  leaf('cbc:ID', e.number),
  leaf('cbc:IssueDate', e.issueDate),
  !credit && leaf('cbc:DueDate', e.dueDate),
  leaf(credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode', e.typeCode),
  e.notes.map((n) => leaf('cbc:Note', n)),
  leaf('cbc:DocumentCurrencyCode', e.currency),
  leaf('cbc:BuyerReference', e.buyerReference),
  'start' in e.supply && el('cac:InvoicePeriod', null, leaf('cbc:StartDate', e.supply.start), leaf('cbc:EndDate', e.supply.end)),
  e.orderReference && el('cac:OrderReference', null, leaf('cbc:ID', e.orderReference)),
  e.preceding && el('cac:BillingReference', null, el('cac:InvoiceDocumentReference', null, leaf('cbc:ID', e.preceding.number), leaf('cbc:IssueDate', e.preceding.issueDate))),
  party('cac:AccountingSupplierParty', e.seller, true),
  party('cac:AccountingCustomerParty', e.buyer, false),
  'date' in e.supply && el('cac:Delivery', null, leaf('cbc:ActualDeliveryDate', e.supply.date)),
  e.payment && el('cac:PaymentMeans', null,
    leaf('cbc:PaymentMeansCode', '58'), leaf('cbc:PaymentID', e.paymentReference),
    el('cac:PayeeFinancialAccount', null, leaf('cbc:ID', e.payment.iban), leaf('cbc:Name', e.payment.accountName),
      e.payment.bic && el('cac:FinancialInstitutionBranch', null, leaf('cbc:ID', e.payment.bic)))),
  e.paymentTerms && el('cac:PaymentTerms', null, leaf('cbc:Note', e.paymentTerms)),
  el('cac:TaxTotal', null, amt('cbc:TaxAmount', t.tax), e.breakdown.map((b) => el('cac:TaxSubtotal', null,
    amt('cbc:TaxableAmount', b.taxable), amt('cbc:TaxAmount', b.tax),
    taxCategory('cac:TaxCategory', b.category, b.rate, [leaf('cbc:TaxExemptionReasonCode', b.exemptionCode), leaf('cbc:TaxExemptionReason', b.exemptionReason)])))),
  el('cac:LegalMonetaryTotal', null,
    amt('cbc:LineExtensionAmount', t.lines), amt('cbc:TaxExclusiveAmount', t.taxExclusive), amt('cbc:TaxInclusiveAmount', t.taxInclusive),
    amt('cbc:PrepaidAmount', t.prepaid), amt('cbc:PayableAmount', t.payable)),
  lines);
  return document(root);
}
