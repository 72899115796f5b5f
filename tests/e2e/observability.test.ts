// Logs carry the ids an operator searches for and never a secret; /metrics exposes the series.
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLogSink } from '../../observability/logger';
import { startMetricsServer } from '../../worker/metrics-server';
import { freePort } from '../../scripts/services';
import { TEST_API_KEY, TEST_STRIPE_SECRET } from '../support/api';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { waitFor } from '../support/wait';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);
const lines: string[] = [];
let restore: () => void;

beforeAll(async () => {
  restore = setLogSink((line) => lines.push(line));
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});
afterAll(() => restore?.());

describe('logs', () => {
  it('carry invoice id, number and workflow id, and no planted secret', async () => {
    const planted = `dw_planted_${randomBytes(12).toString('hex')}`;
    const invoice = (await call('POST', '/v1/invoices', { ...invoiceInput(), policy: 'standard' })).body;
    await waitFor(() => ctx.resend.deliveries.find((d) => d.subject.includes(invoice.number)), 15_000, 'the email');
    // Secrets offered in every place a careless log might pick them up.
    await call('GET', '/v1/invoices', undefined, { authorization: `Bearer ${planted}` });
    const payload = JSON.stringify({ id: `evt_${planted}`, object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000), data: { object: { id: 'pi_x', amount: 1, amount_received: 1, currency: 'eur', metadata: { invoice_id: invoice.id, note: planted } } } });
    await call('POST', '/v1/webhooks/stripe', payload, { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_STRIPE_SECRET }), authorization: '' });
    const { logger } = await import('../../observability/logger');
    logger.warn('careless line', { apiKey: planted, headers: { authorization: `Bearer ${planted}` }, message: `key ${TEST_API_KEY} and ${TEST_STRIPE_SECRET}`, card: '4242 4242 4242 4242', iban: ISSUER.paymentInstructions.bankTransfer!.iban });

    const all = lines.join('\n');
    for (const secret of [planted, TEST_API_KEY, TEST_STRIPE_SECRET, '4242 4242 4242 4242', ISSUER.paymentInstructions.bankTransfer!.iban!]) {
      expect(all.includes(secret), `a log line contains ${secret.slice(0, 12)}…`).toBe(false);
    }
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed.every((l) => typeof l.time === 'string' && typeof l.level === 'string' && typeof l.msg === 'string')).toBe(true);
    expect(parsed.find((l) => l.msg === 'invoice issued' && l.invoiceId === invoice.id)).toMatchObject({ invoiceNumber: invoice.number, workflowId: invoice.workflowId });
    expect(parsed.find((l) => l.msg === 'email sent' && l.invoiceId === invoice.id)).toMatchObject({ invoiceNumber: invoice.number });
  });
});

describe('/metrics', () => {
  it('exposes the app series on the API, and the SDK series beside them on the worker', async () => {
    const text = await (await fetch(`${ctx.api.url}/metrics`)).text();
    for (const series of ['dunwell_invoices_created_total', 'dunwell_emails_sent_total', 'dunwell_payments_applied_total', 'dunwell_webhook_rejects_total', 'dunwell_http_request_duration_seconds_bucket']) {
      expect(text).toContain(series);
    }
    expect(text).toMatch(/dunwell_emails_sent_total\{step="invoice",transport="resend"\} [1-9]/);
    const port = await freePort();
    const server = startMetricsServer(port, process.env.SDK_METRICS_URL!);
    try {
      const worker = await waitFor(async () => {
        const body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        return /temporal_/.test(body) && body;
      }, 10_000, 'SDK metrics');
      expect(worker).toContain('dunwell_emails_sent_total');
      expect(worker).toMatch(/temporal_(workflow|activity)_\w+/);
    } finally {
      server.close();
    }
  });
});
