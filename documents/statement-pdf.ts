// The statement as a PDF, drawn with the invoice's layout (documents/pdf/): measured tables whose
// header repeats on each page, blocks that never split, "Page x of y", the EPC QR for a euro total.
import { Layout, MUTED, type TextStyle } from './pdf/layout';
import { qrPng } from './pdf/payment';
import { drawStack, stack } from './pdf/sections';
import { drawTable } from './pdf/table';
import type { StatementDocument } from './statement-document';

const HEADING: TextStyle = { bold: true, size: 11 };
const QR = { size: 100, gap: 20 };

function drawHeader(layout: Layout, d: StatementDocument): void {
  const s = stack(layout, layout.width, [{ text: d.words.title, bold: true, size: 18 }, { text: d.words.asOf(d.asOf), size: 10 }]);
  drawStack(layout, s, layout.left, layout.y);
  layout.y += s.height + 16;
  const gap = 24;
  const half = (layout.width - gap) / 2;
  const small = { bold: true, size: 8, color: MUTED };
  const issuer = stack(layout, half, [{ text: d.documentWords.from, ...small }, { text: d.issuer.name, bold: true }, { text: `${d.labels.taxNumber}: ${d.issuer.taxId}` }, { text: d.issuer.address }, { text: d.issuer.email }, { text: d.issuer.phone }]);
  const client = stack(layout, half, [{ text: d.labels.billedTo, ...small }, { text: d.client.name, bold: true }, { text: d.client.address }, ...(d.client.taxId ? [{ text: `${d.labels.taxNumber}: ${d.client.taxId}` }] : [])]);
  drawStack(layout, issuer, layout.left, layout.y);
  drawStack(layout, client, layout.left + half + gap, layout.y);
  layout.y += Math.max(issuer.height, client.height) + 16;
  layout.paragraph(d.words.intro);
  layout.y += 10;
}

/** A heading that stays with the first rows of what it heads. */
function heading(layout: Layout, text: string): void {
  layout.ensure(layout.lineHeight(HEADING) + 4 * layout.lineHeight());
  layout.paragraph(text, HEADING);
  layout.y += 2;
}

function drawInvoices(layout: Layout, d: StatementDocument): void {
  const l = d.labels;
  const w = d.words;
  if (d.invoices.length === 0) {
    layout.paragraph(w.nothingDue, { bold: true });
    layout.y += 12;
    return;
  }
  drawTable(layout, {
    columns: [
      { header: w.invoice, align: 'left', flex: true }, { header: l.issued, align: 'left' }, { header: l.due, align: 'left' },
      { header: l.total, align: 'right' }, { header: w.paid, align: 'right' }, { header: l.amountDue, align: 'right' },
    ],
    // The number and, under it, how the invoice stands: one cell, so the fixed columns stay narrow.
    rows: d.invoices.map((i) => ({ cells: [`${i.number}\n${i.standing}`, i.issued, i.due, i.total, i.paid, i.amountDue] })),
  });
  layout.y += 10;
  const rows = d.totals.flatMap((t) => [[`${w.totalDue} (${t.currency})`, t.amountDue], ...(t.credit ? [[`${w.yourCredit} (${t.currency})`, t.credit]] : [])]);
  layout.ensure(rows.length * layout.lineHeight({ bold: true }));
  for (const [label, value] of rows) {
    const width = layout.measure(value, { bold: true });
    layout.line(label, layout.left, layout.y, { bold: true });
    layout.line(value, layout.right - width, layout.y, { bold: true });
    layout.y += layout.lineHeight({ bold: true }) + 2;
  }
  layout.y += 14;
}

function drawCreditNotes(layout: Layout, d: StatementDocument): void {
  if (d.creditNotes.length === 0) return;
  const l = d.labels;
  heading(layout, d.words.creditNotes);
  drawTable(layout, {
    columns: [
      { header: d.documentWords.creditNote, align: 'left' }, { header: d.words.invoice, align: 'left' }, { header: l.issued, align: 'left' },
      { header: l.amount, align: 'right' }, { header: d.documentWords.reason, align: 'left', flex: true },
    ],
    rows: d.creditNotes.map((n) => ({ cells: [n.number, n.invoiceNumber, n.issued, n.total, n.reason] })),
  });
  layout.y += 16;
}

function drawCredits(layout: Layout, d: StatementDocument): void {
  if (d.credits.length === 0) return;
  heading(layout, d.words.credits);
  for (const c of d.credits) layout.paragraph(c.from ? `${c.amount}: ${c.from}` : c.amount);
  layout.paragraph(d.words.creditsHelp, { color: MUTED });
  layout.y += 16;
}

/** The bank details and, per currency, the total and the reference; the EPC QR beside a euro one. */
async function drawPayments(layout: Layout, d: StatementDocument): Promise<void> {
  if (!d.bank || d.payments.length === 0) return;
  const b = d.bank;
  const w = d.documentWords;
  for (const p of d.payments) {
    const qr = p.epcQr ? await qrPng(p.epcQr) : null;
    const textWidth = layout.width - (qr ? QR.size + QR.gap : 0);
    const details = stack(layout, textWidth, [
      { text: `${d.labels.bankTransfer} ${b.accountName}`, bold: true },
      ...(b.iban ? [{ text: `IBAN: ${b.iban}` }] : []), ...(b.bic ? [{ text: `BIC: ${b.bic}` }] : []),
      ...(b.accountNumber ? [{ text: `${w.account}: ${b.accountNumber}` }] : []), ...(b.routingNumber ? [{ text: `${w.routing}: ${b.routingNumber}` }] : []),
      ...(b.bankName ? [{ text: `${w.bank}: ${b.bankName}` }] : []),
      { text: `${d.words.transferAmount}: ${p.amount}`, bold: true }, { text: `${w.paymentReference}: ${p.reference}`, bold: true },
      { text: d.words.payAllHelp, color: MUTED },
    ]);
    const caption = qr ? stack(layout, QR.size, [{ text: w.scanToPay, size: 7, color: MUTED }]) : null;
    const height = Math.max(details.height, qr ? QR.size + 4 + caption!.height : 0);
    layout.ensure(layout.lineHeight(HEADING) + 4 + height);
    layout.paragraph(d.words.payAll, HEADING);
    layout.y += 4;
    const top = layout.y;
    if (qr) {
      layout.pdf.image(qr, layout.right - QR.size, top, { width: QR.size, height: QR.size });
      drawStack(layout, caption!, layout.right - QR.size, top + QR.size + 4);
    }
    drawStack(layout, details, layout.left, top);
    layout.y = top + height + 16;
  }
}

export async function renderStatementPdf(d: StatementDocument): Promise<Buffer> {
  const layout = Layout.create({ title: `${d.words.title}: ${d.client.name}`, author: d.issuer.name, lang: d.intl });
  drawHeader(layout, d);
  drawInvoices(layout, d);
  await drawPayments(layout, d);
  drawCreditNotes(layout, d);
  drawCredits(layout, d);
  layout.footer((page, of) => ({ left: `${d.words.title} · ${d.client.name} · ${d.asOf}`, right: d.documentWords.page(page, of) }));
  return layout.end();
}
