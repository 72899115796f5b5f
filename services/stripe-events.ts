// Which Stripe events mean money arrived for an invoice, and how much.
import type Stripe from 'stripe';

export interface IncomingPayment {
  invoiceId: string | null;
  /** One payment intent can announce itself twice (checkout session + intent): both map to one id. */
  paymentId: string;
  amount: number;
  currency: string;
  method: string;
  reference: string;
}

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : value?.id ?? null);

export function paymentFromStripeEvent(event: Stripe.Event): IncomingPayment | null {
  if (event.type === 'checkout.session.completed') {
    const session = event.data.object;
    // Delayed methods (bank debits) complete the session before the money arrives.
    if (session.payment_status !== 'paid' || session.amount_total == null || !session.currency) return null;
    const intent = idOf(session.payment_intent);
    return {
      invoiceId: session.metadata?.invoice_id ?? session.client_reference_id ?? null,
      paymentId: `stripe:${intent ?? session.id}`,
      amount: session.amount_total,
      currency: session.currency.toUpperCase(),
      method: session.payment_method_types?.[0] ?? 'card',
      reference: intent ?? session.id,
    };
  }
  if (event.type === 'payment_intent.succeeded') {
    const intent = event.data.object;
    return {
      invoiceId: intent.metadata?.invoice_id ?? null,
      paymentId: `stripe:${intent.id}`,
      amount: intent.amount_received,
      currency: intent.currency.toUpperCase(),
      method: intent.payment_method_types?.[0] ?? 'card',
      reference: intent.id,
    };
  }
  return null;
}
