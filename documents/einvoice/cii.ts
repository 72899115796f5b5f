// UN/CEFACT Cross Industry Invoice (D16B), in the EN 16931 profile: the XML of Factur-X/ZUGFeRD
// and of XRechnung's CII syntax. The schema fixes the order of every element written here.
import { amount, type EInvoice, type EParty } from './model';
import { document, el, leaf } from './xml';

export const CII_GUIDELINES = {
  en16931: 'urn:cen.eu:en16931:2017',
  xrechnung: 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0',
} as const;

const date = (d: string) => el('udt:DateTimeString', { format: '102' }, d.replaceAll('-', ''));

function tradeParty(tag: string, p: EParty, contact: boolean): string {
  return el(tag, null,
    leaf('ram:Name', p.name),
    contact && el('ram:DefinedTradeContact', null,
      leaf('ram:PersonName', p.name),
      p.phone && el('ram:TelephoneUniversalCommunication', null, leaf('ram:CompleteNumber', p.phone)),
      el('ram:EmailURIUniversalCommunication', null, leaf('ram:URIID', p.email))),
    el('ram:PostalTradeAddress', null,
      leaf('ram:PostcodeCode', p.postalCode), leaf('ram:LineOne', p.address[0]), leaf('ram:LineTwo', p.address[1]), leaf('ram:LineThree', p.address[2]),
      leaf('ram:CityName', p.city), leaf('ram:CountryID', p.country)),
    el('ram:URIUniversalCommunication', null, leaf('ram:URIID', p.email, { schemeID: 'EM' })),
    p.vatId && el('ram:SpecifiedTaxRegistration', null, leaf('ram:ID', p.vatId, { schemeID: 'VA' })),
    p.taxId && el('ram:SpecifiedTaxRegistration', null, leaf('ram:ID', p.taxId, { schemeID: 'FC' })));
}

export function writeCii(e: EInvoice, guideline: string = CII_GUIDELINES.en16931): string {
  const money = (minor: number) => amount(e, minor);
  const lines = e.lines.map((l) => el('ram:IncludedSupplyChainTradeLineItem', null,
    el('ram:AssociatedDocumentLineDocument', null, leaf('ram:LineID', l.id)),
    el('ram:SpecifiedTradeProduct', null, leaf('ram:Name', l.name)),
    el('ram:SpecifiedLineTradeAgreement', null, el('ram:NetPriceProductTradePrice', null, leaf('ram:ChargeAmount', money(l.price)))),
    el('ram:SpecifiedLineTradeDelivery', null, leaf('ram:BilledQuantity', l.quantity, { unitCode: 'C62' })),
    el('ram:SpecifiedLineTradeSettlement', null,
      el('ram:ApplicableTradeTax', null, leaf('ram:TypeCode', 'VAT'), leaf('ram:CategoryCode', l.category), l.category !== 'O' && leaf('ram:RateApplicablePercent', l.rate)),
      el('ram:SpecifiedTradeSettlementLineMonetarySummation', null, leaf('ram:LineTotalAmount', money(l.net))))));
  const supply = 'date' in e.supply
    ? el('ram:ApplicableHeaderTradeDelivery', null, el('ram:ActualDeliverySupplyChainEvent', null, el('ram:OccurrenceDateTime', null, date(e.supply.date))))
    : '<ram:ApplicableHeaderTradeDelivery/>';
  const period = 'start' in e.supply
    && el('ram:BillingSpecifiedPeriod', null, el('ram:StartDateTime', null, date(e.supply.start)), el('ram:EndDateTime', null, date(e.supply.end)));
  const t = e.totals;
  const root = el('rsm:CrossIndustryInvoice', {
    'xmlns:rsm': 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
    'xmlns:ram': 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
    'xmlns:qdt': 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
    'xmlns:udt': 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
  },
  el('rsm:ExchangedDocumentContext', null,
    // The Peppol billing process: XRechnung requires it (PEPPOL-EN16931-R001), EN 16931 allows it.
    el('ram:BusinessProcessSpecifiedDocumentContextParameter', null, leaf('ram:ID', 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0')),
    el('ram:GuidelineSpecifiedDocumentContextParameter', null, leaf('ram:ID', guideline))),
  el('rsm:ExchangedDocument', null,
    leaf('ram:ID', e.number), leaf('ram:TypeCode', e.typeCode), el('ram:IssueDateTime', null, date(e.issueDate)),
    e.notes.map((n) => el('ram:IncludedNote', null, leaf('ram:Content', n)))),
  el('rsm:SupplyChainTradeTransaction', null,
    lines,
    el('ram:ApplicableHeaderTradeAgreement', null,
      leaf('ram:BuyerReference', e.buyerReference),
      tradeParty('ram:SellerTradeParty', e.seller, true),
      tradeParty('ram:BuyerTradeParty', e.buyer, false),
      e.orderReference && el('ram:BuyerOrderReferencedDocument', null, leaf('ram:IssuerAssignedID', e.orderReference))),
    supply,
    el('ram:ApplicableHeaderTradeSettlement', null,
      leaf('ram:PaymentReference', e.paymentReference),
      leaf('ram:InvoiceCurrencyCode', e.currency),
      e.payment && el('ram:SpecifiedTradeSettlementPaymentMeans', null,
        leaf('ram:TypeCode', '58'),
        el('ram:PayeePartyCreditorFinancialAccount', null, leaf('ram:IBANID', e.payment.iban), leaf('ram:AccountName', e.payment.accountName)),
        e.payment.bic && el('ram:PayeeSpecifiedCreditorFinancialInstitution', null, leaf('ram:BICID', e.payment.bic))),
      e.breakdown.map((b) => el('ram:ApplicableTradeTax', null,
        leaf('ram:CalculatedAmount', money(b.tax)), leaf('ram:TypeCode', 'VAT'), leaf('ram:ExemptionReason', b.exemptionReason),
        leaf('ram:BasisAmount', money(b.taxable)), leaf('ram:CategoryCode', b.category), leaf('ram:ExemptionReasonCode', b.exemptionCode),
        b.category !== 'O' && leaf('ram:RateApplicablePercent', b.rate))),
      period,
      (e.paymentTerms || e.dueDate) && el('ram:SpecifiedTradePaymentTerms', null,
        leaf('ram:Description', e.paymentTerms), e.dueDate && el('ram:DueDateDateTime', null, date(e.dueDate))),
      el('ram:SpecifiedTradeSettlementHeaderMonetarySummation', null,
        leaf('ram:LineTotalAmount', money(t.lines)), leaf('ram:TaxBasisTotalAmount', money(t.taxExclusive)),
        leaf('ram:TaxTotalAmount', money(t.tax), { currencyID: e.currency }), leaf('ram:GrandTotalAmount', money(t.taxInclusive)),
        leaf('ram:TotalPrepaidAmount', money(t.prepaid)), leaf('ram:DuePayableAmount', money(t.payable))),
      e.preceding && el('ram:InvoiceReferencedDocument', null,
        leaf('ram:IssuerAssignedID', e.preceding.number),
        el('ram:FormattedIssueDateTime', null, el('qdt:DateTimeString', { format: '102' }, e.preceding.issueDate.replaceAll('-', '')))))));
  return document(root);
}
