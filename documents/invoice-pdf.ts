// The invoice as a PDF, in the client's language, drawn from the document model the page also
// shows. DejaVu Sans (dejavu-fonts-ttf) covers Latin and Cyrillic; nothing is fetched. The layout
// lives in documents/pdf/: measured columns, pages that break cleanly, "Page x of y".
import type { ChangeOrder, Invoice } from '../db/entities';
import { invoiceDocument, type InvoiceDocument } from './invoice-document';
import { Layout } from './pdf/layout';
import { drawPayment, qrPng } from './pdf/payment';
import { drawLines, drawNotes, drawParties, drawTitle, drawTotals, drawVatBreakdown } from './pdf/sections';

export interface PdfAssets {
  /** The issuer's logo (PNG or JPEG bytes); one PDFKit cannot read is left out, not fatal. */
  logo?: Buffer | null;
}

export function renderInvoicePdf(invoice: Invoice, changeOrders: ChangeOrder[] = [], now = new Date(), assets: PdfAssets = {}): Promise<Buffer> {
  return renderDocumentPdf(invoiceDocument(invoice, changeOrders, now), assets);
}

/** The PDF of a document model: everything it shows comes from `d` and `assets`, so equal inputs give equal pages. */
export async function renderDocumentPdf(d: InvoiceDocument, assets: PdfAssets = {}): Promise<Buffer> {
  const l = d.labels;
  const layout = Layout.create({ title: `${l.invoice} ${d.number}`, author: d.issuer.name, lang: d.context.intl });
  const qr = d.payment?.epcQr ? await qrPng(d.payment.epcQr) : null;
  drawTitle(layout, d, readableImage(layout, assets.logo));
  drawParties(layout, d);
  drawLines(layout, d);
  drawTotals(layout, d);
  drawVatBreakdown(layout, d);
  drawPayment(layout, d, qr);
  drawNotes(layout, d);
  layout.footer((page, of) => ({ left: `${l.invoice} ${d.number}`, right: d.words.page(page, of) }));
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
