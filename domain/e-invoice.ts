// The e-invoice formats Dunwell writes (documents/einvoice/): one list for the API, the client
// setting, the client's page and the OpenAPI document.
export const E_INVOICE_FORMATS = ['ubl', 'cii', 'xrechnung', 'factur-x'] as const;
export type EInvoiceFormat = (typeof E_INVOICE_FORMATS)[number];

export const E_INVOICE_FORMAT_NAMES: Record<EInvoiceFormat, string> = {
  ubl: 'UBL (Peppol)', cii: 'CII', xrechnung: 'XRechnung', 'factur-x': 'Factur-X / ZUGFeRD',
};
