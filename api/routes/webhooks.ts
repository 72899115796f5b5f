// Payment providers tell us money arrived. Verify first, record each event id once, answer fast.
import express, { Router } from 'express';
import Stripe from 'stripe';
import { Invoice, WebhookEvent } from '../../db/entities';
import { DomainError } from '../../services/errors';
import { sendPayment } from '../../services/invoice-commands';
import { paymentFromStripeEvent } from '../../services/stripe-events';
import type { AppDeps } from '../deps';
import { HttpError } from '../errors';

/** Stripe's own default: a signature older than five minutes is a replay. */
const SIGNATURE_TOLERANCE_SECONDS = 300;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function webhooksRouter(deps: AppDeps): Router {
  const router = Router();

  // The signature covers the exact bytes, so this route reads the raw body, never parsed JSON.
  router.post('/stripe', express.raw({ type: () => true, limit: '512kb' }), async (req, res) => {
    if (!deps.stripeWebhookSecret) throw new HttpError(503, 'not_configured', 'Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET).');
    let event: Stripe.Event;
    try {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      // Checks every v1 signature in the header in constant time, and the timestamp tolerance.
      event = Stripe.webhooks.constructEvent(body, req.get('stripe-signature') ?? '', deps.stripeWebhookSecret, SIGNATURE_TOLERANCE_SECONDS);
    } catch {
      throw new HttpError(400, 'invalid_signature', 'The Stripe-Signature header does not match this body and secret, or it is too old.');
    }

    const em = deps.orm.em.fork();
    if (await em.count(WebhookEvent, { provider: 'stripe', eventId: event.id })) {
      res.json({ received: true, duplicate: true });
      return;
    }

    const payment = paymentFromStripeEvent(event);
    let outcome = 'ignored';
    let invoiceId: string | null = null;
    if (payment) {
      const invoice = payment.invoiceId && UUID.test(payment.invoiceId) ? await em.findOne(Invoice, { id: payment.invoiceId }) : null;
      invoiceId = invoice?.id ?? null;
      if (!invoice) {
        outcome = 'unmatched';
      } else {
        try {
          const { paymentId, amount, currency, method, reference } = payment;
          const result = await sendPayment(deps, invoice, { paymentId, amount, currency, method, reference, receivedAt: new Date(event.created * 1000).toISOString() });
          outcome = result.outcome;
        } catch (err) {
          // A payment the invoice refuses is kept on record for a person, not retried by Stripe forever.
          if (!(err instanceof DomainError)) throw err;
          outcome = `rejected: ${err.message}`;
        }
      }
    }
    await em.createQueryBuilder(WebhookEvent)
      .insert({ provider: 'stripe', eventId: event.id, type: event.type, invoiceId, outcome, receivedAt: new Date() })
      .onConflict(['provider', 'event_id']).ignore().execute();
    res.json({ received: true, outcome });
  });

  return router;
}
