// The invoice's PDF, rendered once per version of what it shows and kept in PostgreSQL: a version
// is the hash of the document model the PDF is drawn from, so a payment, a change order or the
// end of the early-payment offer makes a new one, and nothing else does.
import crypto from 'node:crypto';
import type { ChangeOrder, Invoice } from '../db/entities';
import type { Orm } from '../db/orm';
import { invoiceDocument, type InvoiceDocument } from '../documents/invoice-document';
import { renderDocumentPdf } from '../documents/invoice-pdf';

/** What the PDF shows, and nothing else (the message context also holds "a week from today"; pending change orders are on the page only). */
function versionOf(d: InvoiceDocument): string {
  const { context, pendingChanges: _pending, ...shown } = d;
  return crypto.createHash('sha256').update(JSON.stringify({ shown, issueDate: context.issueDate, dueDate: context.dueDate })).digest('hex');
}

export async function invoicePdf(orm: Orm, invoice: Invoice, changeOrders: ChangeOrder[], now = new Date()): Promise<Buffer> {
  const d = invoiceDocument(invoice, changeOrders, now);
  const version = versionOf(d);
  const conn = orm.em.fork().getConnection();
  const [kept] = await conn.execute<{ pdf: Buffer }[]>('select pdf from invoice_pdf where invoice_id = ? and version = ?', [invoice.id, version]);
  if (kept) return kept.pdf;
  const pdf = await renderDocumentPdf(d);
  await conn.execute(
    `insert into invoice_pdf (invoice_id, version, pdf, rendered_at) values (?, ?, ?, now())
     on conflict (invoice_id) do update set version = excluded.version, pdf = excluded.pdf, rendered_at = now()`,
    [invoice.id, version, pdf],
  );
  return pdf;
}
