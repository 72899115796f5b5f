import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import { amountDueOf, ChangeOrder, CreditNote, Invoice, TimelineEvent } from '../../db/entities';
import { changeOrderExpiresAt, proposeChangeOrder } from '../../services/change-orders';
import { createInvoice, issueDraft } from '../../services/create-invoice';
import { DomainError } from '../../services/errors';
import { decideCollectionsReview } from '../../services/owner-tasks';
import { pauseReminders, readLiveState, recordPromise, resumeReminders, sendPayment } from '../../services/invoice-commands';
import { creditNoteView, issueCreditNote } from '../../services/credit-notes';
import { agreePlan } from '../../services/instalment-plan';
import { scheduleView } from '../../services/schedule-view';
import { invoicePdf } from '../../services/invoice-pdf';
import { deleteDraft, voidDraft } from '../../services/drafts';
import { activeToken, pageUrl, rotateLink } from '../../services/invoice-links';
import { invoiceDetail, invoiceSummary } from '../../services/invoice-view';
import type { InvoiceSnapshot } from '../../domain/types';
import type { AppDeps } from '../deps';
import { HttpError, parse } from '../errors';
import {
  ChangeOrderCreateSchema,
  CollectionsDecisionSchema,
  InvoiceCreateSchema,
  InvoiceIdSchema,
  InvoiceListQuerySchema,
  PauseSchema,
  PaymentCreateSchema,
  PlanSchema,
  PromiseSchema,
  ResumeSchema,
  VoidSchema,
} from '../schemas';

const changeOrderView = (o: ChangeOrder) => ({
  id: o.id, status: o.status, description: o.description, reason: o.reason, lines: o.lines, subtotal: o.subtotal, taxTotal: o.taxTotal, total: o.total,
  decidedName: o.decidedName ?? null, decidedAt: o.decidedAt?.toISOString() ?? null, decidedIp: o.decidedIp ?? null, decidedUserAgent: o.decidedUserAgent ?? null,
  expiresAt: changeOrderExpiresAt(o).toISOString(),
});

export function invoicesRouter(deps: AppDeps): Router {
  const router = Router();
  const { orm, temporal } = deps;

  const findInvoice = async (req: Request) => {
    const id = InvoiceIdSchema.safeParse(req.params.id);
    const invoice = id.success ? await orm.em.fork().findOne(Invoice, { id: id.data }) : null;
    if (!invoice) throw new DomainError('invoice_not_found', `No invoice with id ${req.params.id}`);
    return invoice;
  };

  const notADraft = (invoice: Invoice, what: string) => {
    if (invoice.status === 'draft' || !invoice.number) throw new DomainError('not_allowed_now', `A draft ${what} until it is issued (POST /v1/invoices/${invoice.id}/issue).`);
  };

  /** The next step as planned from the record, for when the workflow is not asked. */
  const plannedNextStep = (invoice: Invoice) => {
    const next = scheduleView(invoice, null).upcoming[0];
    return next ? { id: next.stepId, action: next.action, at: next.at } : null;
  };

  /**
   * The record, plus the live workflow's view while the invoice is open. A closed invoice's row is
   * final, and a fresh one's plan is known without asking: both skip the query round trip.
   */
  /** `state`: the workflow's answer to the update just sent; no second round trip, no race with a query. */
  const detail = async (invoice: Invoice, { live = true, state: given }: { live?: boolean; state?: InvoiceSnapshot | null } = {}) => {
    const em = orm.em.fork();
    const fresh = await em.findOneOrFail(Invoice, { id: invoice.id });
    const timeline = await em.find(TimelineEvent, { invoiceId: invoice.id }, { orderBy: { id: 'asc' } });
    const token = await activeToken(em, invoice.id);
    const state = given ?? (live && fresh.status === 'open' ? await readLiveState(temporal, fresh) : null);
    const notes = await em.find(CreditNote, { invoiceId: invoice.id }, { orderBy: { year: 'asc', sequence: 'asc' } });
    const body = { ...invoiceDetail(fresh, timeline, state), creditNotes: notes.map(creditNoteView), hostedUrl: token ? pageUrl(deps.publicUrl, token) : null, plan: state?.plan ?? null };
    if (!state && fresh.status === 'open' && fresh.workflowId) body.nextStep = plannedNextStep(fresh);
    return body;
  };

  router.post('/', async (req, res) => {
    const input = parse(InvoiceCreateSchema, req.body);
    const { invoice } = await createInvoice(deps, input, { idempotencyKey: req.get('idempotency-key') });
    // Committed is issued: a read-back failing now (the database going away) must not answer a
    // 503 that the client would retry into a second invoice. The record as written answers instead.
    const body = await detail(invoice, { live: false }).catch(() => ({ ...invoiceDetail(invoice, [], null), hostedUrl: null, nextStep: plannedNextStep(invoice) }));
    res.status(201).location(`/v1/invoices/${invoice.id}`).json(body);
  });

  router.post('/:id/change-orders', async (req, res) => {
    const invoice = await findInvoice(req);
    const input = parse(ChangeOrderCreateSchema, req.body);
    const { order, approvalUrl } = await proposeChangeOrder(deps, invoice, input);
    res.status(201).json({ ...changeOrderView(order), approvalUrl });
  });

  router.get('/:id/change-orders', async (req, res) => {
    const invoice = await findInvoice(req);
    const orders = await orm.em.fork().find(ChangeOrder, { invoiceId: invoice.id }, { orderBy: { createdAt: 'asc' } });
    res.json({ data: orders.map(changeOrderView) });
  });

  router.post('/:id/issue', async (req, res) => {
    const invoice = await findInvoice(req);
    await issueDraft(deps, invoice.id);
    res.json(await detail(invoice));
  });

  router.get('/', async (req, res) => {
    const query = parse(InvoiceListQuerySchema, req.query, 'query');
    const em = orm.em.fork();
    const where: Record<string, unknown> = {};
    if (query.status) where.status = query.status;
    if (query.clientEmail) where.clientEmail = query.clientEmail.toLowerCase();
    if (query.startingAfter) {
      const cursor = await em.findOne(Invoice, { id: query.startingAfter });
      if (!cursor) throw new HttpError(400, 'invalid_request', `startingAfter: no invoice with id ${query.startingAfter}`, [{ field: 'query.startingAfter', message: 'no such invoice' }]);
      where.$or = [{ createdAt: { $lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { $lt: cursor.id } }];
    }
    const rows = await em.find(Invoice, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    res.json({ data: page.map(invoiceSummary), hasMore: rows.length > query.limit, nextCursor: rows.length > query.limit ? page.at(-1)!.id : null });
  });

  router.get('/:id', async (req, res) => {
    res.json(await detail(await findInvoice(req)));
  });

  router.post('/:id/payments', async (req, res) => {
    const invoice = await findInvoice(req);
    const input = parse(PaymentCreateSchema, req.body);
    if (invoice.status !== 'open') throw new DomainError('invoice_closed', `Invoice ${invoice.number} is ${invoice.status}; it takes no more payments.`);
    const amountDue = amountDueOf(invoice);
    if (input.amount > amountDue) {
      throw new DomainError('payment_rejected', `amount ${input.amount} is more than the ${amountDue} due`, [{ field: 'amount', message: `must be at most ${amountDue}` }]);
    }
    // With an Idempotency-Key, a retried request is the same payment; without one, each is new.
    const key = req.get('idempotency-key');
    const { outcome, state } = await sendPayment(deps, invoice, {
      paymentId: `manual:${key ? `${invoice.id}:${key}` : randomUUID()}`,
      amount: input.amount,
      currency: invoice.currency,
      method: input.method,
      reference: input.reference,
      receivedAt: input.paidAt ?? new Date().toISOString(),
    });
    res.status(outcome === 'applied' ? 201 : 200).json(await detail(invoice, { state }));
  });

  router.post('/:id/void', async (req, res) => {
    const invoice = await findInvoice(req);
    const input = parse(VoidSchema, req.body ?? {});
    if (invoice.status === 'draft') await voidDraft(orm, invoice, input.reason);
    else if (invoice.status !== 'open') throw new DomainError('invoice_closed', `Invoice ${invoice.number} is ${invoice.status}; only an open invoice or a draft can be voided (issue a credit note instead).`);
    // An issued invoice does not disappear (Directive 2006/112/EC): a full credit note cancels it.
    else return void res.json(await detail(invoice, { state: (await issueCreditNote(deps, invoice, { reason: input.reason ?? 'Invoice voided' })).state }));
    res.json(await detail(invoice));
  });

  router.post('/:id/collections-decision', async (req, res) => {
    const invoice = await findInvoice(req);
    const input = parse(CollectionsDecisionSchema, req.body);
    res.json(await detail(invoice, { state: await decideCollectionsReview(deps, invoice, input) }));
  });

  // A draft is not a document yet (no number, no dates): delete it or void it, issue it, then its PDF.
  router.delete('/:id', async (req, res) => {
    await deleteDraft(orm, await findInvoice(req));
    res.status(204).end();
  });

  router.get('/:id/pdf', async (req, res) => {
    const invoice = await findInvoice(req);
    notADraft(invoice, 'has no PDF');
    const orders = await orm.em.fork().find(ChangeOrder, { invoiceId: invoice.id, status: 'approved' });
    res.type('application/pdf').set('Content-Disposition', `inline; filename="${invoice.number}.pdf"`).send(await invoicePdf(orm, invoice, orders));
  });

  // A new link for the client; the old one stops working at once.
  router.post('/:id/link/rotate', async (req, res) => {
    const invoice = await findInvoice(req);
    notADraft(invoice, 'has no client link');
    const token = await rotateLink(orm.em.fork(), invoice.id);
    res.json({ hostedUrl: pageUrl(deps.publicUrl, token) });
  });

  router.get('/:id/schedule', async (req, res) => {
    const invoice = await findInvoice(req);
    res.json(scheduleView(invoice, await readLiveState(temporal, invoice)));
  });

  // The conversation with the client: a question or dispute pauses, a promise holds the ladder.
  router.post('/:id/pause', async (req, res) => {
    const invoice = await findInvoice(req);
    res.json(await detail(invoice, { state: await pauseReminders(temporal, invoice, parse(PauseSchema, req.body)) }));
  });

  router.post('/:id/resume', async (req, res) => {
    const invoice = await findInvoice(req);
    res.json(await detail(invoice, { state: await resumeReminders(temporal, invoice, parse(ResumeSchema, req.body ?? {}).note) }));
  });

  router.post('/:id/promise', async (req, res) => {
    const invoice = await findInvoice(req);
    res.json(await detail(invoice, { state: await recordPromise(temporal, invoice, { ...parse(PromiseSchema, req.body), source: 'owner' }) }));
  });

  // An instalment plan agreed with the client: the reminders follow each instalment.
  router.post('/:id/plan', async (req, res) => {
    const invoice = await findInvoice(req);
    notADraft(invoice, 'takes no plan');
    res.json(await detail(invoice, { state: await agreePlan(temporal, invoice, parse(PlanSchema, req.body)) }));
  });

  return router;
}
