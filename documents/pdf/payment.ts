// "How to pay": the bank details with the invoice number as the reference, the card link, the
// crypto address, and the EPC QR code beside them when the document model has a payload for it.
import QRCode from 'qrcode';
import type { InvoiceDocument } from '../invoice-document';
import { type Layout, MUTED, type TextStyle } from './layout';
import { drawStack, stack } from './sections';

const QR = { size: 100, gap: 20 };
const LINK = '#1f4fd1';

/** The QR as a PNG: error correction M and a quiet zone of four modules, as EPC069-12 asks. */
export function qrPng(payload: string): Promise<Buffer> {
  return QRCode.toBuffer(payload, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 4 });
}

export function drawPayment(layout: Layout, d: InvoiceDocument, qr: Buffer | null): void {
  const p = d.payment;
  if (!p) return;
  const l = d.labels;
  const w = d.words;
  const items: ({ text: string } & TextStyle)[] = [];
  const space = () => items.length && items.push({ text: '', size: 4 });
  if (p.bank) {
    const b = p.bank;
    items.push({ text: `${l.bankTransfer} ${b.accountName}`, bold: true });
    if (b.iban) items.push({ text: `IBAN: ${b.iban}` });
    if (b.bic) items.push({ text: `BIC: ${b.bic}` });
    if (b.accountNumber) items.push({ text: `${w.account}: ${b.accountNumber}` });
    if (b.routingNumber) items.push({ text: `${w.routing}: ${b.routingNumber}` });
    if (b.bankName) items.push({ text: `${w.bank}: ${b.bankName}` });
    items.push({ text: `${w.paymentReference}: ${p.reference}`, bold: true }, { text: `${l.amountDue}: ${d.amountDue}` });
  }
  if (p.cardUrl) {
    space();
    items.push({ text: w.payByCard, bold: true }, { text: p.cardUrl, color: LINK, link: p.cardUrl });
  }
  if (p.crypto) {
    space();
    items.push({ text: `${p.crypto.asset}${p.crypto.network ? ` (${p.crypto.network})` : ''}`, bold: true }, { text: p.crypto.address }, { text: `${l.amountDue}: ${d.amountDue}` });
  }

  const heading: TextStyle = { bold: true, size: 11 };
  const textWidth = layout.width - (qr ? QR.size + QR.gap : 0);
  const caption = qr ? stack(layout, QR.size, [{ text: w.scanToPay, size: 7, color: MUTED }]) : null;
  const qrHeight = qr ? QR.size + 4 + caption!.height : 0;
  const details = stack(layout, textWidth, items);
  const height = layout.lineHeight(heading) + 4 + Math.max(details.height, qrHeight);
  // Kept on one page when it fits on one; otherwise the details flow on beside the code's page.
  layout.ensure(layout.fitsOnAPage(height) ? height : layout.lineHeight(heading) + 4 + qrHeight);
  layout.paragraph(l.howToPay, heading);
  layout.y += 4;
  const top = layout.y;
  const page = layout.pageBreaks;
  if (qr) {
    const x = layout.right - QR.size;
    layout.pdf.image(qr, x, top, { width: QR.size, height: QR.size });
    drawStack(layout, caption!, x, top + QR.size + 4);
  }
  if (layout.fitsOnAPage(height)) {
    drawStack(layout, details, layout.left, top);
    layout.y = top + Math.max(details.height, qrHeight);
  } else {
    for (const item of items) layout.paragraph(item.text, { ...item, width: textWidth });
    if (layout.pageBreaks === page) layout.y = Math.max(layout.y, top + qrHeight);
  }
  layout.y += 16;
}
