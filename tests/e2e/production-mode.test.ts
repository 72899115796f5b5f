// Production leaks nothing: no outbox, no docs unless asked, /metrics only with its token; in
// development the outbox answers to the API key only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/services';
import { startMetricsServer } from '../../worker/metrics-server';
import { startTestApi, TEST_API_KEY, type TestApi } from '../support/api';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { waitFor } from '../support/wait';

const ctx = useE2E();
const METRICS_TOKEN = 'metrics_token_0123456789abcdef';
let production: TestApi;

beforeAll(async () => {
  expect((await ctx.api.call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
  // What api/main.ts builds under NODE_ENV=production (config.test.ts checks the settings).
  production = await startTestApi({ orm: ctx.orm, temporal: ctx.client, taskQueue: 'production-shape', deps: { outbox: false, docs: false, metricsToken: METRICS_TOKEN } });
});
afterAll(() => production?.stop());

const anonymous = { authorization: '' };

describe('development: the outbox', () => {
  it('answers only to the API key, as a bearer token or a browser login', async () => {
    const invoice = (await ctx.api.call('POST', '/v1/invoices', invoiceInput())).body;
    await waitFor(() => ctx.resend.deliveries.find((d) => d.subject.includes(invoice.number)), 15_000, 'the email');
    // The log row follows Resend's answer: wait for it, not only for the delivery.
    const mail = await waitFor(async () => ((await ctx.orm.em.fork().getConnection().execute('select id from email_message limit 1')) as { id: string }[])[0], 15_000, 'the email logged');
    for (const path of ['/outbox', `/outbox/${mail.id}`, `/outbox/${mail.id}/json`]) {
      for (const authorization of ['', 'Bearer wrong-key-0123456789', `Basic ${Buffer.from('owner:wrong').toString('base64')}`]) {
        const res = await ctx.api.call('GET', path, undefined, { authorization });
        expect(res.status, `${path} with "${authorization}"`).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
        expect(JSON.stringify(res.body)).not.toContain('/i/');
      }
      expect((await ctx.api.call('GET', path)).status).toBe(200);
      expect((await ctx.api.call('GET', path, undefined, { authorization: `Basic ${Buffer.from(`owner:${TEST_API_KEY}`).toString('base64')}` })).status).toBe(200);
    }
  });
});

describe('production', () => {
  it('has no outbox, no docs and no OpenAPI document', async () => {
    for (const path of ['/outbox', '/outbox/00000000-0000-4000-8000-000000000000/json', '/docs', '/openapi.json', '/docs/assets/swagger-ui-bundle.js']) {
      const res = await production.call('GET', path);
      expect(res.status, path).toBe(404);
      expect(JSON.stringify(res.body)).not.toMatch(/\/i\/|openapi":/);
    }
  });

  it('serves /metrics only with METRICS_TOKEN, on the API and on the worker', async () => {
    for (const authorization of ['', `Bearer ${TEST_API_KEY}`, 'Bearer wrong-token-0123456789']) {
      const res = await production.call('GET', '/metrics', undefined, { authorization });
      expect(res.status, `API /metrics with "${authorization}"`).toBe(401);
      expect(res.body.error.type).toBe('unauthorized');
    }
    const ok = await production.call('GET', '/metrics', undefined, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('dunwell_http_request_duration_seconds');

    const port = await freePort();
    const server = startMetricsServer(port, null, '127.0.0.1', METRICS_TOKEN);
    try {
      await waitFor(() => fetch(`http://127.0.0.1:${port}/metrics`).then(() => true, () => false), 5_000, 'worker metrics');
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('dunwell_emails_sent_total');
    } finally {
      server.close();
    }
  });

  it('keeps the owner API behind the key and the public pages open', async () => {
    expect((await production.call('GET', '/v1/invoices', undefined, anonymous)).status).toBe(401);
    expect((await production.call('GET', '/v1/invoices')).status).toBe(200);
    expect((await production.call('GET', '/healthz', undefined, anonymous)).status).toBe(200);
  });
});
