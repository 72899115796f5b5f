// The invoice as a PDF, in the client's language, drawn from the document model the page also
// shows. DejaVu Sans (dejavu-fonts-ttf) covers Latin and Cyrillic; nothing is fetched. The layout
// lives in documents/pdf/: measured columns, pages that break cleanly, "Page x of y".
import type { ChangeOrder, Invoice } from '../db/entities';
import { embedFacturX } from './factur-x';
import { invoiceDocument, type InvoiceDocument } from './invoice-document';
import { Layout } from './pdf/layout';
import { drawPayment, qrPng } from './pdf/payment';
import { drawLines, drawNotes, drawParties, drawTitle, drawTotals, drawVatBreakdown } from './pdf/sections';

export interface PdfAssets {
  /** The issuer's logo (PNG or JPEG bytes); one PDFKit cannot read is left out, not fatal. */
  logo?: Buffer | null;
  /** Makes the PDF a Factur-X invoice: PDF/A-3b with this CII XML embedded (documents/factur-x.ts). */
  facturX?: { xml: string; at: Date };
}

export function renderInvoicePdf(invoice: Invoice, changeOrders: ChangeOrder[] = [], now = new Date(), assets: PdfAssets = {}): Promise<Buffer> {
  return renderDocumentPdf(invoiceDocument(invoice, changeOrders, now), assets);
}

/** The PDF of a document model: everything it shows comes from `d` and `assets`, so equal inputs give equal pages. */
export async function renderDocumentPdf(d: InvoiceDocument, assets: PdfAssets = {}): Promise<Buffer> {
  const layout = Layout.create({ title: `${d.title} ${d.number}`, author: d.issuer.name, lang: d.context.intl, pdfa: !!assets.facturX });
  const qr = d.payment?.epcQr ? await qrPng(d.payment.epcQr) : null;
  drawTitle(layout, d, readableImage(layout, assets.logo));
  drawParties(layout, d);
  drawLines(layout, d);
  drawTotals(layout, d);
  drawVatBreakdown(layout, d);
  drawPayment(layout, d, qr);
  drawNotes(layout, d);
  layout.footer((page, of) => ({ left: `${d.title} ${d.number}`, right: d.words.page(page, of) }));
  if (assets.facturX) embedFacturX(layout.pdf, assets.facturX.xml, assets.facturX.at);
  return layout.end();
}

/** The image when PDFKit can read it: a damaged logo must not stop the invoice. */
function readableImage(layout: Layout, image: Buffer | null | undefined): Buffer | null {
  if (!image) return null;
  try {
    (layout.pdf as unknown as { openImage(src: Buffer): unknown }).openImage(image);
    return image;
  } catch {
    return null;
  }
}
