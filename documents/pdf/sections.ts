// The invoice's blocks, top to bottom: title and dates (the logo beside them), the two parties,
// the lines, the totals, the VAT breakdown, the terms and notes. Each block measures itself and
// moves the cursor below everything it drew.
import type { InvoiceDocument } from '../invoice-document';
import { type Layout, MUTED, type TextStyle } from './layout';
import { drawTable, type TableRow } from './table';

/** Lines of text in one column: measured once, drawn where the caller decides. */
export interface Stack {
  items: { lines: string[]; style: TextStyle }[];
  height: number;
}

export function stack(layout: Layout, width: number, items: ({ text: string } & TextStyle)[]): Stack {
  const laid = items.map(({ text, ...style }) => ({ lines: layout.wrap(text, width, style), style }));
  return { items: laid, height: laid.reduce((sum, item) => sum + item.lines.length * layout.lineHeight(item.style), 0) };
}

export function drawStack(layout: Layout, s: Stack, x: number, y: number): void {
  for (const item of s.items) {
    for (const line of item.lines) {
      layout.line(line, x, y, item.style);
      y += layout.lineHeight(item.style);
    }
  }
}

const LOGO = { width: 150, height: 60, gap: 18 };

/** Title, dates and the supply date on the left; the logo, if any, fitted into a box top right. */
export function drawTitle(layout: Layout, d: InvoiceDocument, logo: Buffer | null): void {
  const top = layout.y;
  const width = layout.width - (logo ? LOGO.width + LOGO.gap : 0);
  if (logo) layout.pdf.image(logo, layout.right - LOGO.width, top, { fit: [LOGO.width, LOGO.height], align: 'right' });
  const s = stack(layout, width, [{ text: `${d.title} ${d.number}`, bold: true, size: 18 }, ...d.meta.map((text) => ({ text, size: 10 }))]);
  drawStack(layout, s, layout.left, top);
  layout.y = Math.max(top + s.height, logo ? top + LOGO.height : 0) + 20;
}

/** The issuer and the client side by side, each wrapped within its half. */
export function drawParties(layout: Layout, d: InvoiceDocument): void {
  const l = d.labels;
  const gap = 24;
  const half = (layout.width - gap) / 2;
  const heading = { bold: true, size: 8, color: MUTED };
  const issuer = stack(layout, half, [
    { text: d.words.from, ...heading }, { text: d.issuer.name, bold: true }, { text: `${l.taxNumber}: ${d.issuer.taxId}` },
    { text: d.issuer.address }, { text: d.issuer.email }, { text: d.issuer.phone },
  ]);
  const client = stack(layout, half, [
    { text: l.billedTo, ...heading }, { text: d.client.name, bold: true }, { text: d.client.address },
    ...(d.client.taxId ? [{ text: `${l.taxNumber}: ${d.client.taxId}` }] : []),
    ...(d.poNumber ? [{ text: `${l.poNumber}: ${d.poNumber}` }] : []),
  ]);
  layout.ensure(Math.max(issuer.height, client.height));
  drawStack(layout, issuer, layout.left, layout.y);
  drawStack(layout, client, layout.left + half + gap, layout.y);
  layout.y += Math.max(issuer.height, client.height) + 20;
}

/** The lines, then each approved change order under its own heading, in one table. */
export function drawLines(layout: Layout, d: InvoiceDocument): void {
  const l = d.labels;
  const cells = (x: InvoiceDocument['lines'][number]): TableRow => ({ cells: [x.description, x.quantity, x.unitPrice, x.taxRate, x.amount] });
  drawTable(layout, {
    columns: [
      { header: l.item, align: 'left', flex: true }, { header: l.qty, align: 'right' }, { header: l.unitPrice, align: 'right' },
      { header: l.tax, align: 'right' }, { header: l.amount, align: 'right' },
    ],
    rows: [
      ...d.lines.map(cells),
      ...d.approvedChanges.flatMap((c) => [{ heading: `${l.changeOrder}: ${c.description}` }, ...c.lines.map(cells)]),
    ],
  });
  layout.y += 12;
}

/** Subtotal to amount due, right-aligned under the amounts; never split across pages. */
export function drawTotals(layout: Layout, d: InvoiceDocument): void {
  const l = d.labels;
  const rows: [string, string, boolean][] = [[l.subtotal, d.subtotal, false], [l.tax, d.tax, false], [l.total, d.total, true]];
  // A credit note states what it credits; the invoice's balance is the invoice's business.
  if (d.kind === 'invoice') {
    if (d.changesTotal) rows.push([l.changeOrders, d.changesTotal, false]);
    if (d.adjustments) rows.push(['±', d.adjustments, false]);
    if (d.paid) rows.push([l.paidSoFar, d.paid, false]);
    rows.push([l.amountDue, d.amountDue, true]);
  }
  const gap = 16;
  const valueWidth = Math.min(Math.max(...rows.map(([, value, bold]) => layout.measure(value, { bold }))), layout.width * 0.6);
  const labelWidth = Math.min(Math.max(...rows.map(([label, , bold]) => layout.measure(label, { bold }))), layout.width - valueWidth - gap);
  const laid = rows.map(([label, value, bold]) => {
    const labelLines = layout.wrap(label, labelWidth, { bold });
    const valueLines = layout.wrap(value, valueWidth, { bold });
    return { labelLines, valueLines, bold, height: Math.max(labelLines.length, valueLines.length) * layout.lineHeight({ bold }) + 3 };
  });
  layout.ensure(laid.reduce((sum, r) => sum + r.height, 0) + 4);
  const valueX = layout.right - valueWidth;
  const labelX = valueX - gap - labelWidth;
  for (const [i, r] of laid.entries()) {
    if (i === laid.length - 1) {
      layout.rule(labelX, layout.right, layout.y);
      layout.y += 4;
    }
    const lh = layout.lineHeight({ bold: r.bold });
    r.labelLines.forEach((line, k) => layout.line(line, labelX, layout.y + k * lh, { bold: r.bold, width: labelWidth, align: 'right' }));
    r.valueLines.forEach((line, k) => layout.line(line, valueX, layout.y + k * lh, { bold: r.bold, width: valueWidth, align: 'right' }));
    layout.y += r.height;
  }
  layout.y += 16;
}

/** One row per VAT category and rate: the taxable amount and the VAT on it. */
export function drawVatBreakdown(layout: Layout, d: InvoiceDocument): void {
  if (d.vatBreakdown.length === 0) return;
  const w = d.words;
  const heading: TextStyle = { bold: true, size: 10 };
  // The heading stays with the table's header and first row.
  layout.ensure(layout.lineHeight(heading) + 4 * layout.lineHeight());
  layout.paragraph(w.vatBreakdown, heading);
  layout.y += 2;
  drawTable(layout, {
    columns: [{ header: w.vatCategory, align: 'left', flex: true }, { header: w.taxableAmount, align: 'right' }, { header: w.vat, align: 'right' }],
    rows: d.vatBreakdown.map((r) => ({ cells: [r.label, r.taxable, r.tax] })),
  });
  layout.y += 16;
}

/** The payment terms, the early-payment offer, late fees and the issuer's note, as paragraphs. */
export function drawNotes(layout: Layout, d: InvoiceDocument): void {
  const terms = d.terms.charAt(0).toUpperCase() + d.terms.slice(1);
  for (const text of [...d.vatNotes, terms, d.discount, d.lateFees, d.note]) {
    if (!text) continue;
    layout.paragraph(text);
    layout.y += 6;
  }
}
