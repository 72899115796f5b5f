// The statement's PDF, judged by pdf.js as a viewer reads it: nothing drawn over anything else,
// nothing off the page, every page numbered, the table's header on every page it spans, the
// totals and the way to pay, in English and in Bulgarian.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { statementDocument } from '../../documents/statement-document';
import { renderStatementPdf } from '../../documents/statement-pdf';
import type { Statement } from '../../services/statement';
import { layoutProblems } from '../support/layout-check';
import { pdfPagePng } from '../support/pdf-image';
import { pdfLayout, pdfText } from '../support/pdf-text';

const PAGE_LABEL = { en: (i: number, n: number) => `Page ${i} of ${n}`, bg: (i: number, n: number) => `Страница ${i} от ${n}` };

function statement(locale: 'en' | 'bg', count: number): Statement {
  const invoices = Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, number: `INV-2026-${String(i + 1).padStart(4, '0')}`, currency: 'EUR',
    issueDate: '2026-10-01', dueDate: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`, total: 154_000 + i, paid: i % 3 ? 0 : 40_000, adjustments: 0,
    amountDue: (154_000 + i) - (i % 3 ? 0 : 40_000), stage: (i % 5 ? 'overdue' : 'paused') as Statement['invoices'][number]['stage'], creditorReference: 'RF00X',
  }));
  const amountDue = invoices.reduce((s, i) => s + i.amountDue, 0);
  return {
    clientEmail: 'ap@acme.test',
    client: { name: locale === 'bg' ? 'Акме ООД' : 'Acme Ltd', email: 'ap@acme.test', address: '5 Main Street, London', locale, timeZone: 'Europe/Sofia', taxId: 'GB123' },
    issuer: {
      name: 'Studio Ivanova', taxId: 'BG123456789', address: '1 Vitosha Blvd, 1000 Sofia, Bulgaria', email: 'billing@ivanova.studio', phone: '+359 2 123 4567',
      paymentInstructions: { bankTransfer: { accountName: 'Studio Ivanova', iban: 'BG80BNBG96611020345678', bic: 'BNBGBGSD' } },
    },
    asOf: '2026-12-02',
    invoices,
    creditNotes: [{ id: 'c1', number: 'CN-2026-0001', invoiceId: invoices[0].id, invoiceNumber: invoices[0].number, issueDate: '2026-11-20', currency: 'EUR', total: 8_000, reason: 'Two revision hours not done' }],
    credits: [{ id: 'k1', currency: 'EUR', amount: 2_500, createdAt: '2026-11-21T10:00:00Z', sourceInvoiceNumber: 'INV-2026-0999' }],
    totals: [{ currency: 'EUR', amountDue, credit: 2_500, openInvoices: count }],
  };
}

describe('the statement PDF', () => {
  it.each([['en', 3], ['bg', 3], ['en', 60], ['bg', 60]] as const)('%s with %i open invoices: laid out cleanly, numbered, everything there', async (locale, count) => {
    const s = statement(locale, count);
    const pdf = new Uint8Array(await renderStatementPdf(statementDocument(s)));
    const pages = await pdfLayout(pdf);
    const problems = layoutProblems(pages, PAGE_LABEL[locale]);
    expect(problems.slice(0, 20), `${problems.length} problems`).toEqual([]);
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    for (const expected of [s.invoices[0].number, s.invoices.at(-1)!.number, 'CN-2026-0001', 'IBAN: BG80BNBG96611020345678', s.client.name]) expect(text).toContain(expected);
    expect(text).toContain(locale === 'en' ? 'Statement of account' : 'Извлечение по сметка');
    expect(text).toContain(locale === 'en' ? 'Overdue by' : 'Просрочена с');
    const numbers = new Set(s.invoices.map((i) => i.number));
    const header = locale === 'en' ? 'Paid' : 'Платено';
    // Every page the invoice table reaches (its first column: the numbers) has the table's header.
    const tablePages = pages.filter((p) => p.texts.some((t) => numbers.has(t.str) && Math.abs(t.x - 50) < 1));
    expect(tablePages.length).toBeGreaterThanOrEqual(count > 30 ? 2 : 1);
    for (const page of tablePages) expect(page.texts.some((t) => t.str === header), `page ${page.page} repeats the header`).toBe(true);
    expect((await pdfLayout(pdf)).flatMap((p) => p.images)).toHaveLength(1); // the EPC QR for the euro total
    if (count > 30) expect(pages.length).toBeGreaterThan(1);
    const png = await pdfPagePng(pdf, 1);
    if (png) {
      fs.mkdirSync(path.resolve(__dirname, '../../test-artifacts'), { recursive: true });
      fs.writeFileSync(path.resolve(__dirname, `../../test-artifacts/statement-${locale}-${count}.png`), png);
    }
  });
});
