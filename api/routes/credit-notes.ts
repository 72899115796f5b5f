// Credit notes: issued against an invoice, listed with it and across invoices.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { CreditNote, Invoice } from '../../db/entities';
import { creditNoteView, issueCreditNote } from '../../services/credit-notes';
import { creditNotePdf } from '../../services/credit-note-pdf';
import { eInvoiceFile } from '../../services/e-invoice';
import { E_INVOICE_FORMATS } from '../../domain/e-invoice';
import { DomainError } from '../../services/errors';
import type { AppDeps } from '../deps';
import { parse } from '../errors';
import { CreditNoteCreateSchema, InvoiceIdSchema } from '../schemas';

const EInvoiceQuerySchema = z.object({ format: z.enum(E_INVOICE_FORMATS).default('ubl') }).strict();

const ListQuerySchema = z.object({ invoiceId: InvoiceIdSchema.optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }).strict();

export function creditNotesRouter(deps: AppDeps): { perInvoice: Router; all: Router } {
  const { orm } = deps;
  const findInvoice = async (req: Request) => {
    const id = InvoiceIdSchema.safeParse(req.params.id);
    const invoice = id.success ? await orm.em.fork().findOne(Invoice, { id: id.data }) : null;
    if (!invoice) throw new DomainError('invoice_not_found', `No invoice with id ${req.params.id}`);
    return invoice;
  };

  const perInvoice = Router();
  perInvoice.post('/:id/credit-notes', async (req, res) => {
    const invoice = await findInvoice(req);
    const input = parse(CreditNoteCreateSchema, req.body ?? {});
    const { creditNote } = await issueCreditNote(deps, invoice, input);
    res.status(201).location(`/v1/credit-notes/${creditNote.id}`).json(creditNoteView(creditNote));
  });
  perInvoice.get('/:id/credit-notes', async (req, res) => {
    const invoice = await findInvoice(req);
    const notes = await orm.em.fork().find(CreditNote, { invoiceId: invoice.id }, { orderBy: { year: 'asc', sequence: 'asc' } });
    res.json({ data: notes.map(creditNoteView) });
  });

  // The e-invoice of the invoice, or of one of its credit notes, in the format asked for.
  const eInvoice = async (req: Request, res: import('express').Response, creditNoteId?: string) => {
    const invoice = await findInvoice(req);
    const { format } = parse(EInvoiceQuerySchema, req.query, 'query');
    if (creditNoteId !== undefined && !InvoiceIdSchema.safeParse(creditNoteId).success) throw new DomainError('invoice_not_found', `No credit note with id ${creditNoteId}`);
    const file = await eInvoiceFile(orm, invoice, format, creditNoteId);
    res.type(file.contentType).attachment(file.filename).send(file.body);
  };
  perInvoice.get('/:id/e-invoice', (req, res) => eInvoice(req, res));
  perInvoice.get('/:id/credit-notes/:creditNoteId/pdf', async (req, res) => {
    const invoice = await findInvoice(req);
    const id = InvoiceIdSchema.safeParse(req.params.creditNoteId);
    const note = id.success ? await orm.em.fork().findOne(CreditNote, { id: id.data, invoiceId: invoice.id }) : null;
    if (!note) throw new DomainError('invoice_not_found', `No credit note ${req.params.creditNoteId} on invoice ${invoice.number}`);
    res.type('application/pdf').attachment(`${note.number}.pdf`).send(await creditNotePdf(orm, invoice, note));
  });
  perInvoice.get('/:id/credit-notes/:creditNoteId/e-invoice', (req, res) => eInvoice(req, res, String(req.params.creditNoteId)));

  const all = Router();
  all.get('/', async (req, res) => {
    const query = parse(ListQuerySchema, req.query, 'query');
    const notes = await orm.em.fork().find(CreditNote, query.invoiceId ? { invoiceId: query.invoiceId } : {}, { orderBy: { year: 'desc', sequence: 'desc' }, limit: query.limit });
    res.json({ data: notes.map(creditNoteView) });
  });
  all.get('/:creditNoteId', async (req, res) => {
    const id = InvoiceIdSchema.safeParse(req.params.creditNoteId);
    const note = id.success ? await orm.em.fork().findOne(CreditNote, { id: id.data }) : null;
    if (!note) throw new DomainError('invoice_not_found', `No credit note with id ${req.params.creditNoteId}`);
    res.json(creditNoteView(note));
  });
  return { perInvoice, all };
}
