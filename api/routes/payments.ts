// Money nobody could match: the owner sees it and assigns it to an invoice.
import { Router } from 'express';
import { z } from 'zod';
import { Invoice, UnappliedPayment } from '../../db/entities';
import { DomainError } from '../../services/errors';
import { sendPayment } from '../../services/invoice-commands';
import { assignSplit } from '../../services/assign-split';
import type { AppDeps } from '../deps';
import { isUuid } from '../params';
import { HttpError, parse } from '../errors';

export const AssignSchema = z
  .object({
    invoiceId: z.string().uuid('must be an invoice id').optional(),
    invoiceIds: z.array(z.string().uuid('must be an invoice id')).min(1).max(100).refine((ids) => new Set(ids).size === ids.length, 'must not name an invoice twice').optional()
      .describe('Split the payment over these invoices, in this order; the rest becomes the credit of the last one\'s client'),
  })
  .strict()
  .refine((a) => !!a.invoiceId !== !!a.invoiceIds, { message: 'give invoiceId or invoiceIds', path: ['invoiceId'] });

export function paymentsRouter(deps: AppDeps): Router {
  const router = Router();

  router.get('/unapplied', async (_req, res) => {
    res.json({ data: await deps.orm.em.fork().find(UnappliedPayment, { assignedInvoiceId: null }, { orderBy: { receivedAt: 'asc' } }) });
  });

  router.post('/unapplied/:id/assign', async (req, res) => {
    const { invoiceId, invoiceIds } = parse(AssignSchema, req.body);
    const em = deps.orm.em.fork();
    const payment = isUuid(req.params.id) ? await em.findOne(UnappliedPayment, { id: req.params.id }) : null;
    if (!payment) throw new HttpError(404, 'not_found', `No unapplied payment with id ${req.params.id}`);
    if (payment.assignedInvoiceId) throw new DomainError('not_allowed_now', 'This payment is already assigned.');
    if (invoiceIds) {
      const split = await assignSplit(deps, payment, invoiceIds);
      payment.assignedInvoiceId = split.parts[0].invoiceId;
      payment.assignedAt = new Date();
      await em.flush();
      return void res.json({ ...payment, split });
    }
    const invoice = await em.findOne(Invoice, { id: invoiceId! });
    if (!invoice) throw new DomainError('invoice_not_found', `No invoice with id ${invoiceId}`, [{ field: 'invoiceId', message: 'no such invoice' }]);
    if (invoice.currency !== payment.currency) {
      throw new DomainError('payment_rejected', `The payment is in ${payment.currency}, the invoice in ${invoice.currency}`, [{ field: 'invoiceId', message: 'currency differs' }]);
    }
    await sendPayment(deps, invoice, {
      paymentId: `${payment.source}:${payment.externalId}`, amount: payment.amount, currency: payment.currency, method: payment.method,
      reference: payment.reference ?? undefined, receivedAt: payment.receivedAt.toISOString(),
    });
    payment.assignedInvoiceId = invoice.id;
    payment.assignedAt = new Date();
    await em.flush();
    res.json(payment);
  });

  return router;
}
