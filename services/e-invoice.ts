// An invoice or credit note as a structured e-invoice (EN 16931): the model is built from the
// stored documents, a writer spells it out in the chosen syntax.
import { ChangeOrder, CreditNote, type Invoice } from '../db/entities';
import type { Orm } from '../db/orm';
import { writeCii, CII_GUIDELINES } from '../documents/einvoice/cii';
import { eInvoiceGaps, eInvoiceOf } from '../documents/einvoice/model';
import { writeUbl } from '../documents/einvoice/ubl';
import { DomainError } from './errors';
import { invoiceDocument } from '../documents/invoice-document';
import { creditNoteDocument } from '../documents/credit-note-document';
import { renderDocumentPdf } from '../documents/invoice-pdf';
import { issuerLogo } from './invoice-pdf';

export { E_INVOICE_FORMATS, type EInvoiceFormat } from '../domain/e-invoice';
import type { EInvoiceFormat } from '../domain/e-invoice';

export interface EInvoiceFile { filename: string; contentType: string; body: Buffer }

/** The e-invoice in `format`: XML, or for Factur-X the PDF as PDF/A-3 with the CII XML inside. */
export async function eInvoiceFile(orm: Orm, invoice: Invoice, format: EInvoiceFormat, creditNoteId?: string, now = new Date()): Promise<EInvoiceFile> {
  if (invoice.status === 'draft' || !invoice.number) throw new DomainError('not_allowed_now', 'A draft has no e-invoice until it is issued.');
  const em = orm.em.fork();
  const changes = await em.find(ChangeOrder, { invoiceId: invoice.id, status: 'approved' }, { orderBy: { createdAt: 'asc' } });
  const note = creditNoteId ? await em.findOne(CreditNote, { id: creditNoteId, invoiceId: invoice.id }) : undefined;
  if (creditNoteId && !note) throw new DomainError('invoice_not_found', `No credit note ${creditNoteId} on invoice ${invoice.number}`);
  const model = eInvoiceOf(invoice, changes, note ?? undefined);
  const gaps = eInvoiceGaps(model, format);
  if (gaps.length > 0) {
    throw new DomainError('e_invoice_incomplete', `A ${format} e-invoice needs what the invoice lacks: ${gaps.join(', ')}`,
      gaps.map((field) => ({ field, message: `is needed for a ${format} e-invoice` })));
  }
  const xml = format === 'ubl' ? writeUbl(model) : writeCii(model, format === 'xrechnung' ? CII_GUIDELINES.xrechnung : CII_GUIDELINES.en16931);
  if (format === 'factur-x') {
    const d = note ? creditNoteDocument(invoice, note, now) : invoiceDocument(invoice, changes, now);
    const pdf = await renderDocumentPdf(d, { logo: await issuerLogo(orm, invoice), facturX: { xml, at: now } });
    return { filename: `${model.number}.pdf`, contentType: 'application/pdf', body: pdf };
  }
  return { filename: `${model.number}-${format}.xml`, contentType: 'application/xml', body: Buffer.from(xml, 'utf8') };
}
