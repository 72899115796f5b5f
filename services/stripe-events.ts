// What each Stripe event means for an invoice, as a PaymentEvent. The payment's id is always the
// payment intent's, so a checkout session and its intent, a refund and its payment, meet.
// The event arrives with its text already made storable (api/routes/webhooks.ts, toStorableJson):
// a reference or dispute reason with NUL is stored without it, never refused into a retry loop.
import type Stripe from 'stripe';
import type { PaymentEvent } from './payment-events';

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : value?.id ?? null);
const at = (event: Stripe.Event) => new Date(event.created * 1000).toISOString();

export const HANDLED_STRIPE_EVENTS = [
  'checkout.session.completed',
  'payment_intent.succeeded',
  'payment_intent.processing',
  'payment_intent.payment_failed',
  'charge.refunded',
  'charge.dispute.created',
] as const;

export function paymentEventsFromStripe(event: Stripe.Event): PaymentEvent[] {
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      // Delayed methods (bank debits) complete the session before the money arrives.
      if (session.payment_status !== 'paid' || session.amount_total == null || !session.currency) return [];
      const intent = idOf(session.payment_intent);
      return [{
        kind: 'succeeded', paymentId: `stripe:${intent ?? session.id}`, amount: session.amount_total, currency: session.currency.toUpperCase(),
        method: session.payment_method_types?.[0] ?? 'card', invoiceId: session.metadata?.invoice_id ?? session.client_reference_id ?? null,
        reference: intent ?? session.id, receivedAt: at(event),
      }];
    }
    case 'payment_intent.succeeded':
    case 'payment_intent.processing':
    case 'payment_intent.payment_failed': {
      const intent = event.data.object;
      const kind = event.type === 'payment_intent.succeeded' ? 'succeeded' : event.type === 'payment_intent.processing' ? 'pending' : 'failed';
      return [{
        kind, paymentId: `stripe:${intent.id}`, amount: kind === 'succeeded' ? intent.amount_received : intent.amount, currency: intent.currency.toUpperCase(),
        method: intent.payment_method_types?.[0] ?? 'card', invoiceId: intent.metadata?.invoice_id ?? null, reference: intent.id,
        reason: intent.last_payment_error?.message ?? null, receivedAt: at(event),
      }];
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      const intent = idOf(charge.payment_intent) ?? charge.id;
      const refunds = charge.refunds?.data ?? [];
      // Each refund counted once by its own id, however often the charge is announced.
      const parts = refunds.length > 0 ? refunds.map((r) => ({ id: r.id, amount: r.amount, reason: r.reason })) : [{ id: `${charge.id}:${charge.amount_refunded}`, amount: charge.amount_refunded, reason: null }];
      return parts.map((r) => ({
        kind: 'refunded' as const, paymentId: `stripe:${intent}`, refundId: `stripe:${r.id}`, amount: r.amount, currency: charge.currency.toUpperCase(),
        method: 'card', invoiceId: charge.metadata?.invoice_id ?? null, reference: intent, reason: r.reason ?? 'refunded', receivedAt: at(event),
      }));
    }
    case 'charge.dispute.created': {
      const dispute = event.data.object;
      const intent = idOf(dispute.payment_intent) ?? idOf(dispute.charge) ?? dispute.id;
      return [{
        kind: 'disputed', paymentId: `stripe:${intent}`, amount: dispute.amount, currency: dispute.currency.toUpperCase(), method: 'card',
        invoiceId: dispute.metadata?.invoice_id ?? null, reference: intent, reason: dispute.reason, receivedAt: at(event),
      }];
    }
    default:
      return [];
  }
}
