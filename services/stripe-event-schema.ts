// The fields of a Stripe event that Dunwell reads, checked one by one before any is used: a signed
// event proves who sent it, not that it has the shape we expect. Unknown fields are dropped.
import { z } from 'zod';
import { MAX_AMOUNT } from '../domain/money';

const id = z.string().min(1).max(255);
const amount = z.number().int().min(0).max(MAX_AMOUNT);
const currency = z.string().regex(/^[A-Za-z]{3}$/, 'must be a three-letter currency code');
/** An expandable reference: the id, or the object carrying it. */
const ref = z.union([id, z.object({ id })]).nullish();
const metadata = z.record(z.string(), z.string()).nullish();
const methods = z.array(z.string().max(100)).nullish();

export const StripeEnvelopeSchema = z.object({
  id,
  type: z.string().min(1).max(200),
  created: z.number().int().positive(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

export const CheckoutSessionSchema = z.object({
  id, payment_status: z.string().max(50), amount_total: amount.nullish(), currency: currency.nullish(), payment_intent: ref,
  payment_method_types: methods, metadata, client_reference_id: z.string().max(500).nullish(),
});

export const PaymentIntentSchema = z.object({
  id, amount, amount_received: amount, currency, payment_method_types: methods, metadata,
  last_payment_error: z.object({ message: z.string().max(2000).nullish() }).nullish(),
});

export const ChargeSchema = z.object({
  id, payment_intent: ref, currency, amount_refunded: amount, metadata,
  refunds: z.object({ data: z.array(z.object({ id, amount, reason: z.string().max(500).nullish() })) }).nullish(),
});

export const DisputeSchema = z.object({
  id, payment_intent: ref, charge: ref, amount, currency, metadata, reason: z.string().max(500),
});

export const STRIPE_OBJECT_SCHEMAS = {
  'checkout.session.completed': CheckoutSessionSchema,
  'payment_intent.succeeded': PaymentIntentSchema,
  'payment_intent.processing': PaymentIntentSchema,
  'payment_intent.payment_failed': PaymentIntentSchema,
  'charge.refunded': ChargeSchema,
  'charge.dispute.created': DisputeSchema,
} as const;
