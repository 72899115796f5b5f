// A credit note's PDF: its own document, drawn like the invoice's (the same layout and checks).
import type { CreditNote, Invoice } from '../db/entities';
import type { Orm } from '../db/orm';
import { creditNoteDocument } from '../documents/credit-note-document';
import { renderDocumentPdf } from '../documents/invoice-pdf';
import { issuerLogo } from './invoice-pdf';

export async function creditNotePdf(orm: Orm, invoice: Invoice, note: CreditNote, now = new Date()): Promise<Buffer> {
  return renderDocumentPdf(creditNoteDocument(invoice, note, now), { logo: await issuerLogo(orm, invoice) });
}
