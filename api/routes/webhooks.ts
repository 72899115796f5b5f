// Providers tell us about money and mail. Verify first, record each event id once, answer fast.
import express, { Router, type Request } from 'express';
import Stripe from 'stripe';
import { WebhookEvent } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { applyPaymentEvent, type PaymentEvent } from '../../services/payment-events';
import { checkResendEvent, recordEmailEvent } from '../../services/email-events';
import { SignatureError, TOLERANCE_SECONDS, verifyStandardWebhook } from '../../services/standard-webhooks';
import { checkStripeEvent } from '../../services/stripe-events';
import type { AppDeps } from '../deps';
import { fieldErrors, HttpError } from '../errors';
import { metrics } from '../../observability/metrics';
import { PaymentsWebhookSchema } from '../schemas';
import { toStorableJson } from '../../domain/text';

const rawBody = express.raw({ type: () => true, limit: '512kb' });
const bodyOf = (req: Request) => (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));

async function seen(orm: Orm, provider: string, eventId: string) {
  return (await orm.em.fork().count(WebhookEvent, { provider, eventId })) > 0;
}

async function remember(orm: Orm, provider: string, eventId: string, type: string, outcome: string) {
  await orm.em.fork().createQueryBuilder(WebhookEvent)
    .insert({ provider, eventId, type, outcome: outcome.slice(0, 500), receivedAt: new Date() })
    .onConflict(['provider', 'event_id']).ignore().execute();
}

/**
 * Checks a Standard Webhooks signature (header prefix "webhook" or Svix's "svix") and parses the
 * JSON body; returns the message id. A bad signature counts as a reject and records nothing.
 */
function verifiedJson(req: Request, secret: string | undefined, prefix: 'webhook' | 'svix', provider: string, setting: string): { id: string; json: unknown } {
  if (!secret) throw new HttpError(503, 'not_configured', `${provider} webhooks are not configured (${setting}).`);
  const body = bodyOf(req);
  const id = req.get(`${prefix}-id`);
  try {
    verifyStandardWebhook(secret, { id, timestamp: req.get(`${prefix}-timestamp`), signature: req.get(`${prefix}-signature`) }, body);
  } catch (err) {
    if (!(err instanceof SignatureError)) throw err;
    metrics.webhookRejects.inc({ provider });
    throw new HttpError(400, 'invalid_signature', `Webhook signature rejected: ${err.message}.`);
  }
  try {
    // Verified, so it is the provider's word: text we could not store is stripped, not refused
    // (a 4xx would only have the provider send it again, forever).
    return { id: id!, json: toStorableJson(JSON.parse(body.toString('utf8'))) };
  } catch {
    throw new HttpError(400, 'invalid_request', 'Body is not valid JSON', [{ field: '(body)', message: 'is not valid JSON' }]);
  }
}

/** A signed event that lacks a field we read: 400 naming it, and nothing recorded or applied. */
function malformed(fields: { field: string; message: string }[]): HttpError {
  return new HttpError(400, 'invalid_request', `The event does not have the expected shape: ${fields.map((f) => f.field).join(', ')}`, fields);
}

/**
 * Stripe's library refuses a signature older than the tolerance but not one dated ahead of now;
 * a timestamp in the future is refused the same way (a captured event cannot be kept for later).
 */
function datedAhead(header: string, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  return header.split(',').some((part) => part.startsWith('t=') && Number(part.slice(2)) - nowSeconds > TOLERANCE_SECONDS);
}

export function webhooksRouter(deps: AppDeps): Router {
  const router = Router();

  router.post('/stripe', rawBody, async (req, res) => {
    if (!deps.stripeWebhookSecret) throw new HttpError(503, 'not_configured', 'Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET).');
    let event: unknown;
    try {
      if (datedAhead(req.get('stripe-signature') ?? '')) throw new Error('dated in the future');
      // Checks every v1 signature in the header in constant time, and the timestamp tolerance.
      // Then, as for every signed event, text we could not store is stripped, not refused.
      event = toStorableJson(Stripe.webhooks.constructEvent(bodyOf(req), req.get('stripe-signature') ?? '', deps.stripeWebhookSecret, TOLERANCE_SECONDS));
    } catch {
      metrics.webhookRejects.inc({ provider: 'stripe' });
      throw new HttpError(400, 'invalid_signature', 'The Stripe-Signature header does not match this body and secret, or it is too old.');
    }
    // Every field read is checked before anything is applied, so a bad one never half-applies.
    const checked = checkStripeEvent(event);
    if (!checked.ok) throw malformed(checked.issues.map((i) => ({ field: [...checked.prefix, ...i.path.map(String)].join('.') || '(body)', message: i.message })));
    if (await seen(deps.orm, 'stripe', checked.id)) {
      res.json({ received: true, duplicate: true });
      return;
    }
    const outcomes: string[] = [];
    for (const paymentEvent of checked.payments) outcomes.push(await applyPaymentEvent(deps, paymentEvent));
    const outcome = outcomes.join('; ') || 'ignored';
    await remember(deps.orm, 'stripe', checked.id, checked.type, outcome);
    res.json({ received: true, outcome });
  });

  router.post('/payments', rawBody, async (req, res) => {
    const { id, json } = verifiedJson(req, deps.paymentsWebhookSecret, 'webhook', 'payments', 'PAYMENTS_WEBHOOK_SECRET');
    const parsed = PaymentsWebhookSchema.safeParse(json);
    if (!parsed.success) throw malformed(fieldErrors(parsed.error));
    if (await seen(deps.orm, 'payments', id)) {
      res.json({ received: true, duplicate: true });
      return;
    }
    const { type, data } = parsed.data;
    const kinds = { 'payment.succeeded': 'succeeded', 'payment.pending': 'pending', 'payment.failed': 'failed', 'payment.refunded': 'refunded' } as const;
    const event: PaymentEvent = {
      kind: kinds[type], paymentId: `payments:${data.id}`, refundId: data.refund_id ? `payments:${data.refund_id}` : undefined, amount: data.amount,
      currency: data.currency.toUpperCase(), method: data.method, invoiceId: data.invoice_id ?? null, reference: data.reference ?? null,
      reason: data.reason ?? null, receivedAt: new Date().toISOString(),
    };
    const outcome = await applyPaymentEvent(deps, event);
    await remember(deps.orm, 'payments', id, type, outcome);
    res.json({ received: true, outcome });
  });

  // Resend signs with Svix: the same scheme as Standard Webhooks under svix-* headers.
  router.post('/resend', rawBody, async (req, res) => {
    const { id, json } = verifiedJson(req, deps.resendWebhookSecret, 'svix', 'resend', 'RESEND_WEBHOOK_SECRET');
    const checked = checkResendEvent(json);
    if (!checked.ok) throw malformed(fieldErrors(checked.error));
    const { event } = checked;
    if (await seen(deps.orm, 'resend', id)) {
      res.json({ received: true, duplicate: true });
      return;
    }
    const outcome = await recordEmailEvent(deps.orm, id, event);
    await remember(deps.orm, 'resend', id, event.type, outcome);
    res.json({ received: true, outcome });
  });

  return router;
}
