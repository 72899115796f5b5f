// An invoice or credit note as a structured e-invoice (EN 16931): the model is built from the
// stored documents, a writer spells it out in the chosen syntax.
import { ChangeOrder, CreditNote, type Invoice } from '../db/entities';
import type { Orm } from '../db/orm';
import { writeCii, CII_GUIDELINES } from '../documents/einvoice/cii';
import { eInvoiceGaps, eInvoiceOf } from '../documents/einvoice/model';
import { writeUbl } from '../documents/einvoice/ubl';
import { DomainError } from './errors';

export const E_INVOICE_FORMATS = ['ubl', 'cii', 'xrechnung', 'factur-x'] as const;
export type EInvoiceFormat = (typeof E_INVOICE_FORMATS)[number];

export interface EInvoiceFile { filename: string; contentType: string; body: Buffer }

/** The XML formats; Factur-X wraps the CII one in the PDF (services/factur-x.ts). */
export async function eInvoiceXml(orm: Orm, invoice: Invoice, format: Exclude<EInvoiceFormat, 'factur-x'> | 'factur-x', creditNoteId?: string): Promise<EInvoiceFile> {
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
  const name = format === 'factur-x' ? 'factur-x.xml' : `${model.number}-${format}.xml`;
  return { filename: name, contentType: 'application/xml', body: Buffer.from(xml, 'utf8') };
}
