// Money nobody could match: the owner sees it and assigns it to an invoice.
import { Router } from 'express';
import { z } from 'zod';
import { Invoice, UnappliedPayment } from '../../db/entities';
import { DomainError } from '../../services/errors';
import { sendPayment } from '../../services/invoice-commands';
import type { AppDeps } from '../deps';
import { isUuid } from '../params';
import { HttpError, parse } from '../errors';

const AssignSchema = z.object({ invoiceId: z.string().uuid('must be an invoice id') }).strict();

export function paymentsRouter(deps: AppDeps): Router {
  const router = Router();

  router.get('/unapplied', async (_req, res) => {
    res.json({ data: await deps.orm.em.fork().find(UnappliedPayment, { assignedInvoiceId: null }, { orderBy: { receivedAt: 'asc' } }) });
  });

  router.post('/unapplied/:id/assign', async (req, res) => {
    const { invoiceId } = parse(AssignSchema, req.body);
    const em = deps.orm.em.fork();
    const payment = isUuid(req.params.id) ? await em.findOne(UnappliedPayment, { id: req.params.id }) : null;
    if (!payment) throw new HttpError(404, 'not_found', `No unapplied payment with id ${req.params.id}`);
    if (payment.assignedInvoiceId) throw new DomainError('not_allowed_now', 'This payment is already assigned.');
    const invoice = await em.findOne(Invoice, { id: invoiceId });
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
