// Payment events as the providers send them, signed with the real `stripe` and `standardwebhooks`
// packages, and the form encoding a browser would use (including bytes that are not UTF-8).
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { Webhook } from 'standardwebhooks';
import { TEST_PAYMENTS_SECRET, TEST_STRIPE_SECRET } from '../support/api';
import type { Reply, System } from './system';

export const rid = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

/** One delivered event: redelivering it means the same id and body, signed afresh. */
export interface SentEvent { provider: 'stripe' | 'payments'; id: string; payload: string }

export function deliver(sys: System, ev: SentEvent): Promise<Reply> {
  if (ev.provider === 'stripe') {
    return sys.call('POST', '/v1/webhooks/stripe', ev.payload, { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: ev.payload, secret: TEST_STRIPE_SECRET }), authorization: '', 'content-type': 'application/json' });
  }
  const at = new Date();
  return sys.call('POST', '/v1/webhooks/payments', ev.payload, {
    'webhook-id': ev.id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(TEST_PAYMENTS_SECRET).sign(ev.id, at, ev.payload),
    authorization: '', 'content-type': 'application/json',
  });
}

export function stripeEvent(type: string, object: Record<string, unknown>): SentEvent {
  const id = rid('evt');
  return { provider: 'stripe', id, payload: JSON.stringify({ id, object: 'event', type, created: Math.floor(Date.now() / 1000), data: { object } }) };
}

export function paymentsEvent(type: string, data: Record<string, unknown>): SentEvent {
  return { provider: 'payments', id: rid('msg'), payload: JSON.stringify({ type, data: { currency: 'EUR', method: 'bank_transfer', ...data } }) };
}

export const intent = (id: string, invoiceId: string, amount: number, extra: Record<string, unknown> = {}) => ({
  id, object: 'payment_intent', amount, amount_received: amount, currency: 'eur', metadata: { invoice_id: invoiceId }, payment_method_types: ['sepa_debit'], ...extra,
});

export const refundCharge = (intentId: string, invoiceId: string, refundId: string, amount: number) => ({
  id: rid('ch'), object: 'charge', payment_intent: intentId, currency: 'eur', amount_refunded: amount, metadata: { invoice_id: invoiceId },
  refunds: { data: [{ id: refundId, amount, reason: 'requested_by_customer' }] },
});

export const dispute = (intentId: string, invoiceId: string, amount: number) => ({
  id: rid('dp'), object: 'dispute', payment_intent: intentId, charge: rid('ch'), amount, currency: 'eur', reason: 'fraudulent', metadata: { invoice_id: invoiceId },
});

/**
 * application/x-www-form-urlencoded of a JS string, byte by byte. A lone surrogate has no UTF-8
 * form; a browser would send its WTF-8 bytes or U+FFFD; we send the bytes and return what a
 * correct server decodes them to (U+FFFD per bad sequence), which is what it may store.
 */
export function formField(name: string, value: string): { encoded: string; decoded: string } {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const next = value.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      bytes.push(...Buffer.from(value.slice(i, i + 2), 'utf8'));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    } else {
      bytes.push(...Buffer.from(value[i], 'utf8'));
    }
  }
  const encoded = bytes.map((b) => (/[A-Za-z0-9*\-._]/.test(String.fromCharCode(b)) && b < 0x80 ? String.fromCharCode(b) : b === 0x20 ? '+' : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
  return { encoded: `${encodeURIComponent(name)}=${encoded}`, decoded: Buffer.from(bytes).toString('utf8') };
}
