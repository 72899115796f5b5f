// The PDF's layout, judged by pdf.js as a viewer reads it: no two things drawn over each other,
// nothing off the page, every page numbered "Page x of y", for the invoices most likely to break
// a layout (long words, huge amounts, Cyrillic, 200 lines across pages).
import { describe, expect, it } from 'vitest';
import { renderInvoicePdf } from '../../documents/invoice-pdf';
import { layoutProblems } from '../support/layout-check';
import { pdfCases } from '../support/pdf-invoices';
import { pdfLayout, pdfText } from '../support/pdf-text';

const PAGE_LABEL = { en: (i: number, n: number) => `Page ${i} of ${n}`, bg: (i: number, n: number) => `Страница ${i} от ${n}` };
const ISSUED = new Date('2026-11-28T12:00:00Z');

describe('the invoice PDF layout', () => {
  it.each(pdfCases().map((c) => [c.name, c] as const))('%s: nothing overlaps, nothing leaves the page, every page is numbered', async (_name, c) => {
    const pdf = await renderInvoicePdf(c.invoice, c.changeOrders, ISSUED);
    const pages = await pdfLayout(new Uint8Array(pdf));
    const problems = layoutProblems(pages, PAGE_LABEL[c.invoice.client.locale]);
    expect(problems.slice(0, 20), `${problems.length} problems`).toEqual([]);
    // The last lines are there, and every page with a line on it has the table's header row.
    const text = await pdfText(new Uint8Array(pdf));
    for (const line of c.invoice.lines.slice(-3)) expect(text.replace(/\s+/g, '')).toContain(line.description.replace(/\s+/g, '').slice(0, 30));
    const descriptions = new Set(c.invoice.lines.map((l) => l.description));
    const qty = c.invoice.client.locale === 'bg' ? 'Кол.' : 'Qty';
    for (const page of pages.filter((p) => p.texts.some((t) => descriptions.has(t.str)))) {
      expect(page.texts.some((t) => t.str === qty), `page ${page.page} repeats the header`).toBe(true);
    }
    if (c.invoice.lines.length === 200) expect(pages.length).toBeGreaterThan(2);
  });
});
