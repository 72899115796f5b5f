// What each Stripe event means for an invoice, as a PaymentEvent. The payment's id is always the
// payment intent's, so a checkout session and its intent, a refund and its payment, meet.
// The event arrives with its text already made storable (api/routes/webhooks.ts, toStorableJson):
// a reference or dispute reason with NUL is stored without it, never refused into a retry loop.
// Its fields are checked (stripe-event-schema.ts) before anything is applied: a malformed event
// is refused whole, never half-applied.
import type { z } from 'zod';
import type { PaymentEvent } from './payment-events';
import { ChargeSchema, CheckoutSessionSchema, DisputeSchema, PaymentIntentSchema, STRIPE_OBJECT_SCHEMAS, StripeEnvelopeSchema } from './stripe-event-schema';

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : value?.id ?? null);

export const HANDLED_STRIPE_EVENTS = Object.keys(STRIPE_OBJECT_SCHEMAS) as (keyof typeof STRIPE_OBJECT_SCHEMAS)[];

export type StripeEventCheck =
  | { ok: true; id: string; type: string; payments: PaymentEvent[] }
  | { ok: false; issues: z.core.$ZodIssue[]; prefix: string[] };

/** Checks the envelope, then the object of a handled type; an unknown type is fine and means nothing. */
export function checkStripeEvent(json: unknown): StripeEventCheck {
  const envelope = StripeEnvelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, issues: envelope.error.issues, prefix: [] };
  const { id, type, created, data } = envelope.data;
  const schema = STRIPE_OBJECT_SCHEMAS[type as keyof typeof STRIPE_OBJECT_SCHEMAS];
  if (!schema) return { ok: true, id, type, payments: [] };
  const object = schema.safeParse(data.object);
  if (!object.success) return { ok: false, issues: object.error.issues, prefix: ['data', 'object'] };
  return { ok: true, id, type, payments: paymentEvents(type, object.data, new Date(created * 1000).toISOString()) };
}

function paymentEvents(type: string, object: unknown, receivedAt: string): PaymentEvent[] {
  switch (type) {
    case 'checkout.session.completed': {
      const session = object as z.infer<typeof CheckoutSessionSchema>;
      // Delayed methods (bank debits) complete the session before the money arrives.
      if (session.payment_status !== 'paid' || session.amount_total == null || !session.currency) return [];
      const intent = idOf(session.payment_intent);
      return [{
        kind: 'succeeded', paymentId: `stripe:${intent ?? session.id}`, amount: session.amount_total, currency: session.currency.toUpperCase(),
        method: session.payment_method_types?.[0] ?? 'card', invoiceId: session.metadata?.invoice_id ?? session.client_reference_id ?? null,
        reference: intent ?? session.id, receivedAt,
      }];
    }
    case 'payment_intent.succeeded':
    case 'payment_intent.processing':
    case 'payment_intent.payment_failed': {
      const intent = object as z.infer<typeof PaymentIntentSchema>;
      const kind = type === 'payment_intent.succeeded' ? 'succeeded' : type === 'payment_intent.processing' ? 'pending' : 'failed';
      return [{
        kind, paymentId: `stripe:${intent.id}`, amount: kind === 'succeeded' ? intent.amount_received : intent.amount, currency: intent.currency.toUpperCase(),
        method: intent.payment_method_types?.[0] ?? 'card', invoiceId: intent.metadata?.invoice_id ?? null, reference: intent.id,
        reason: intent.last_payment_error?.message ?? null, receivedAt,
      }];
    }
    case 'charge.refunded': {
      const charge = object as z.infer<typeof ChargeSchema>;
      const intent = idOf(charge.payment_intent) ?? charge.id;
      const refunds = charge.refunds?.data ?? [];
      // Each refund counted once by its own id, however often the charge is announced.
      const parts = refunds.length > 0 ? refunds.map((r) => ({ id: r.id, amount: r.amount, reason: r.reason })) : [{ id: `${charge.id}:${charge.amount_refunded}`, amount: charge.amount_refunded, reason: null }];
      return parts.map((r) => ({
        kind: 'refunded' as const, paymentId: `stripe:${intent}`, refundId: `stripe:${r.id}`, amount: r.amount, currency: charge.currency.toUpperCase(),
        method: 'card', invoiceId: charge.metadata?.invoice_id ?? null, reference: intent, reason: r.reason ?? 'refunded', receivedAt,
      }));
    }
    case 'charge.dispute.created': {
      const dispute = object as z.infer<typeof DisputeSchema>;
      const intent = idOf(dispute.payment_intent) ?? idOf(dispute.charge) ?? dispute.id;
      return [{
        kind: 'disputed', paymentId: `stripe:${intent}`, amount: dispute.amount, currency: dispute.currency.toUpperCase(), method: 'card',
        invoiceId: dispute.metadata?.invoice_id ?? null, reference: intent, reason: dispute.reason, receivedAt,
      }];
    }
    default:
      return [];
  }
}
