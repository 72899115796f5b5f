// The invoice's PDF, rendered once per version of what it shows and kept in PostgreSQL: a version
// is the hash of the document model the PDF is drawn from and of the issuer's logo, so a payment,
// a change order, the end of the early-payment offer or a new logo makes a new one, and nothing else does.
import crypto from 'node:crypto';
import type { ChangeOrder, Invoice } from '../db/entities';
import type { Orm } from '../db/orm';
import { invoiceDocument, type InvoiceDocument } from '../documents/invoice-document';
import { renderDocumentPdf } from '../documents/invoice-pdf';
import { logoBytes } from '../domain/logo';

/** Bump when the drawing changes, so PDFs stored in the old layout are drawn again. */
const LAYOUT_VERSION = 2;

/** What the PDF shows, and nothing else (the message context also holds "a week from today"; pending change orders are on the page only). */
function versionOf(d: InvoiceDocument, logo: Buffer | null): string {
  const { context, pendingChanges: _pending, ...shown } = d;
  const hash = crypto.createHash('sha256').update(JSON.stringify({ layout: LAYOUT_VERSION, shown, issueDate: context.issueDate, dueDate: context.dueDate }));
  if (logo) hash.update(logo);
  return hash.digest('hex');
}

/** The issuer's current logo: branding, not part of the invoice as issued, too large to copy into every snapshot. */
export async function issuerLogo(orm: Orm, invoice: Pick<Invoice, 'issuerId'>): Promise<Buffer | null> {
  const [issuer] = await orm.em.fork().getConnection().execute<{ logo: string | null }[]>('select logo from issuer where id = ?', [invoice.issuerId]);
  return logoBytes(issuer?.logo);
}

export async function invoicePdf(orm: Orm, invoice: Invoice, changeOrders: ChangeOrder[], now = new Date()): Promise<Buffer> {
  const d = invoiceDocument(invoice, changeOrders, now);
  const conn = orm.em.fork().getConnection();
  const logo = await issuerLogo(orm, invoice);
  const version = versionOf(d, logo);
  const stored = async () => (await conn.execute<{ pdf: Buffer }[]>('select pdf from invoice_pdf where invoice_id = ? and version = ?', [invoice.id, version]))[0]?.pdf;
  const kept = await stored();
  if (kept) return kept;
  const pdf = await renderDocumentPdf(d, { logo });
  // Two renderings of one version at once (the email's and a download): the first stored wins and
  // both answer with it, so every copy of a version is the same bytes.
  await conn.execute(
    `insert into invoice_pdf (invoice_id, version, pdf, rendered_at) values (?, ?, ?, now())
     on conflict (invoice_id) do update set version = excluded.version, pdf = excluded.pdf, rendered_at = now()
     where invoice_pdf.version <> excluded.version`,
    [invoice.id, version, pdf],
  );
  return (await stored()) ?? pdf;
}
