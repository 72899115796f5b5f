// Sends a payment_intent.succeeded event for an invoice, signed the way Stripe signs it,
// so you can try the payment path locally:  npm run pay -- <invoice-id> <amount-in-minor-units> [currency]
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';

async function main() {
  const [invoiceId, amountArg, currency = 'eur'] = process.argv.slice(2);
  if (!invoiceId || !amountArg) {
    console.error('usage: npm run pay -- <invoice-id> <amount-in-minor-units> [currency]');
    process.exit(2);
  }
  const secretFile = path.resolve(__dirname, '..', '.data', 'dev-stripe-webhook-secret');
  const secret = process.env.STRIPE_WEBHOOK_SECRET ?? (fs.existsSync(secretFile) ? fs.readFileSync(secretFile, 'utf8').trim() : '');
  if (!secret) throw new Error('Set STRIPE_WEBHOOK_SECRET (npm start prints the development one).');
  const intentId = `pi_${randomBytes(12).toString('hex')}`;
  const payload = JSON.stringify({
    id: `evt_${randomBytes(12).toString('hex')}`,
    object: 'event',
    type: 'payment_intent.succeeded',
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: intentId, object: 'payment_intent', amount: Number(amountArg), amount_received: Number(amountArg),
        currency: currency.toLowerCase(), status: 'succeeded', payment_method_types: ['card'], metadata: { invoice_id: invoiceId },
      },
    },
  });
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  const url = `${process.env.API_URL ?? `http://localhost:${process.env.PORT ?? 3000}`}/v1/webhooks/stripe`;
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });
  console.log(response.status, await response.text());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
