// Rate limits hold across API processes (the counters are in PostgreSQL), per client address on
// the public pages, per API key on the owner API, per source on webhooks; TRUST_PROXY decides
// whether X-Forwarded-For names the client, for the limits and for a change order's approver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';

const ctx = useE2E();
const OTHER_KEY = 'dw_test_rate_limited_key_0123456789';
const limits = { apiKey: OTHER_KEY, ownerRateLimitPerMinute: 8, publicRateLimitPerMinute: 3, webhookRateLimitPerMinute: 3 };
let a: TestApi;
let b: TestApi;
let proxied: TestApi;

beforeAll(async () => {
  expect((await ctx.api.call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
  const base = { orm: ctx.orm, temporal: ctx.client, taskQueue: `${ctx.api.workflowIdPrefix}queue`, workflowIdPrefix: ctx.api.workflowIdPrefix };
  // Two API processes on one database, as behind a load balancer; and one behind a proxy.
  [a, b, proxied] = await Promise.all([
    startTestApi({ ...base, deps: limits }),
    startTestApi({ ...base, deps: limits }),
    startTestApi({ ...base, deps: { ...limits, trustProxy: 1 } }),
  ]);
});
afterAll(async () => {
  await Promise.all([a, b, proxied].map((api) => api?.stop()));
});

/** The windows are whole minutes: a burst must not straddle two. */
async function awayFromWindowEdge() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await new Promise((r) => setTimeout(r, left + 100));
}

const page = (api: TestApi, forwardedFor?: string) =>
  fetch(`${api.url}/i/${'x'.repeat(32)}`, { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });

async function expectLimited(res: Response) {
  expect(res.status).toBe(429);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(((await res.json()) as any).error).toMatchObject({ type: 'rate_limited', message: expect.any(String) });
}

describe('rate limits', () => {
  it('one owner limit per API key across two API processes', async () => {
    await awayFromWindowEdge();
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) {
      const res = await (i % 2 ? b : a).call('GET', '/v1/invoices', undefined, { authorization: `Bearer ${OTHER_KEY}` });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.error.type).toBe('rate_limited');
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);
    expect(statuses.slice(8).every((s) => s === 429)).toBe(true);
    // Another key (the suite's own) has its own bucket.
    expect((await ctx.api.call('GET', '/v1/invoices')).status).toBe(200);
  });

  it('one public limit per client address across two processes; without TRUST_PROXY, X-Forwarded-For is ignored', async () => {
    await awayFromWindowEdge();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await page(i % 2 ? b : a, `192.0.2.${i + 1}`)).status);
    expect(statuses).toEqual([404, 404, 404]);
    await expectLimited(await page(b, '192.0.2.200'));
    await expectLimited(await page(a));
  });

  it('with TRUST_PROXY, X-Forwarded-For names the client for the public pages and the webhooks', async () => {
    await awayFromWindowEdge();
    for (let i = 0; i < 3; i++) expect((await page(proxied, '198.51.100.7')).status).toBe(404);
    await expectLimited(await page(proxied, '198.51.100.7'));
    expect((await page(proxied, '198.51.100.8')).status).toBe(404);

    const hook = (from: string) => fetch(`${proxied.url}/v1/webhooks/stripe`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00', 'x-forwarded-for': from } });
    for (let i = 0; i < 3; i++) expect((await hook('203.0.113.50')).status).toBe(400);
    await expectLimited(await hook('203.0.113.50'));
    expect((await hook('203.0.113.51')).status).toBe(400);
  });

  it('records the real client address of a change-order approval, and only behind a trusted proxy', async () => {
    const decideThrough = async (api: TestApi, forwardedFor: string, name: string) => {
      const invoice = (await ctx.api.call('POST', '/v1/invoices', { ...invoiceInput(), policy: 'standard' })).body;
      const proposed = await ctx.api.call('POST', `/v1/invoices/${invoice.id}/change-orders`, { description: 'Extra page', reason: 'Asked for', lines: [{ description: 'Page', quantity: 1, unitAmount: 10_000, taxRate: 0 }] });
      expect(proposed.status).toBe(201);
      const token = new URL(proposed.body.approvalUrl).pathname.split('/').pop();
      const res = await fetch(`${api.url}/c/${token}`, { method: 'POST', body: new URLSearchParams({ name, decision: 'approve' }), redirect: 'manual', headers: { 'x-forwarded-for': forwardedFor } });
      expect(res.status).toBe(303);
      const [recorded] = (await ctx.api.call('GET', `/v1/invoices/${invoice.id}/change-orders`)).body.data;
      return recorded.decidedIp as string;
    };
    expect(await decideThrough(proxied, '198.51.100.23', 'Maria Petrova')).toBe('198.51.100.23');
    // The suite's own API trusts no proxy: the header is the client's word, not its address.
    expect(await decideThrough(ctx.api, '198.51.100.24', 'Ivan Petrov')).toMatch(/127\.0\.0\.1/);
  });
});
