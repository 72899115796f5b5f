// The invoice as a PDF: every field habit 2 asks for, in the client's language. DejaVu Sans
// (from the dejavu-fonts-ttf package) covers Latin and Cyrillic; nothing is fetched.
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { ChangeOrder, Invoice } from '../db/entities';
import { invoiceDocument, type InvoiceDocument } from './invoice-document';

const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = path.join(fontDir, 'DejaVuSans.ttf');
const BOLD = path.join(fontDir, 'DejaVuSans-Bold.ttf');

export function renderInvoicePdf(invoice: Invoice, changeOrders: ChangeOrder[] = [], now = new Date()): Promise<Buffer> {
  return renderDocumentPdf(invoiceDocument(invoice, changeOrders, now));
}

/** The PDF of a document model: everything it shows comes from `d`, so equal models give equal pages. */
export function renderDocumentPdf(d: InvoiceDocument): Promise<Buffer> {
  const l = d.labels;
  const pdf = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${l.invoice} ${d.number}`, Author: d.issuer.name } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));

  pdf.font(BOLD).fontSize(20).text(`${l.invoice} ${d.number}`);
  pdf.font(REGULAR).fontSize(10).moveDown(0.5);
  pdf.text(`${l.issued}: ${d.context.issueDate}    ${l.due}: ${d.context.dueDate}`);
  pdf.moveDown();
  const top = pdf.y;
  pdf.font(BOLD).text(d.issuer.name, 50, top).font(REGULAR)
    .text(`${l.taxNumber}: ${d.issuer.taxId}`).text(d.issuer.address).text(d.issuer.email).text(d.issuer.phone);
  const issuerBottom = pdf.y;
  pdf.font(BOLD).text(l.billedTo, 320, top).font(REGULAR).text(d.client.name, 320).text(d.client.address, 320);
  if (d.client.taxId) pdf.text(`${l.taxNumber}: ${d.client.taxId}`, 320);
  if (d.poNumber) pdf.text(`${l.poNumber}: ${d.poNumber}`, 320);
  pdf.y = Math.max(issuerBottom, pdf.y) + 20;

  const cols = [50, 290, 340, 420, 470];
  const row = (cells: string[], bold = false) => {
    const y = pdf.y;
    pdf.font(bold ? BOLD : REGULAR);
    cells.forEach((cell, i) => pdf.text(cell, cols[i], y, { width: i === 0 ? 230 : 75, align: i === 0 ? 'left' : 'right' }));
    pdf.moveDown(0.4);
  };
  row([l.item, l.qty, l.unitPrice, l.tax, l.amount], true);
  for (const line of d.lines) row([line.description, line.quantity, line.unitPrice, line.taxRate, line.amount]);
  for (const change of d.approvedChanges) {
    pdf.moveDown(0.5);
    row([`${l.changeOrder}: ${change.description}`, '', '', '', ''], true);
    for (const line of change.lines) row([line.description, line.quantity, line.unitPrice, line.taxRate, line.amount]);
  }
  pdf.moveDown();
  const totals: [string, string][] = [[l.subtotal, d.subtotal], [l.tax, d.tax], [l.total, d.total]];
  if (d.changesTotal) totals.push([l.changeOrders, d.changesTotal]);
  if (d.adjustments) totals.push(['±', d.adjustments]);
  if (d.paid) totals.push([l.paidSoFar, d.paid]);
  totals.push([l.amountDue, d.amountDue]);
  for (const [label, value] of totals) row(['', '', label, '', value], label === l.amountDue);
  pdf.x = 50;
  pdf.moveDown().font(REGULAR).text(d.terms.charAt(0).toUpperCase() + d.terms.slice(1), 50);
  for (const extra of [d.discount, d.lateFees, d.note]) if (extra) pdf.moveDown(0.5).text(extra, 50);
  pdf.end();
  return done;
}
