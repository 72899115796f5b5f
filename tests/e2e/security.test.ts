// Every owner route refuses a missing or wrong key; bodies over the limit get 413; the public
// pages, hammered, get 429; a page never shows another invoice (see client-page.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);
const id = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

describe('security', () => {
  it('answers 401 on every owner route of the spec without or with a wrong key', async () => {
    const spec = (await call('GET', '/openapi.json')).body;
    let checked = 0;
    for (const [path, operations] of Object.entries(spec.paths as Record<string, Record<string, { security?: unknown[] }>>)) {
      for (const [method, op] of Object.entries(operations)) {
        if (op.security && op.security.length === 0) continue; // public: health, webhooks
        const url = path.replace(/\{[^/]+\}/g, path.includes('clients') ? 'a@b.test' : id);
        for (const authorization of ['', 'Bearer wrong-key-0123456789', 'Basic YWRtaW46YWRtaW4=']) {
          const res = await call(method.toUpperCase(), url, method === 'get' ? undefined : {}, { authorization });
          expect(res.status, `${method.toUpperCase()} ${url} with "${authorization}"`).toBe(401);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(30); // every owner operation of the spec, not a sample
  });

  it('refuses a body over the limit with 413 and a clear message', async () => {
    const big = { ...invoiceInput(), note: 'x'.repeat(300_000) };
    const res = await call('POST', '/v1/invoices', big);
    expect(res.status).toBe(413);
    expect(res.body.error.type).toBe('payload_too_large');
    const hook = await call('POST', '/v1/webhooks/payments', 'x'.repeat(600_000), { authorization: '', 'content-type': 'application/json' });
    expect(hook.status).toBe(413);
  });

  it('answers 429 to a client page hammered from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 130; i++) statuses.push((await fetch(`${ctx.api.url}/i/${'x'.repeat(32)}`)).status);
    expect(statuses.slice(0, 100).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const limited = await fetch(`${ctx.api.url}/i/${'x'.repeat(32)}`);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as any).error.type).toBe('rate_limited');
  });

  it('sends safe headers and no stack traces', async () => {
    const res = await fetch(`${ctx.api.url}/v1/invoices/${id}`, { headers: { authorization: 'Bearer nope' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    const malformed = await call('POST', '/v1/invoices', '{"client":', {});
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).not.toMatch(/at .*\.ts:\d+/);
  });
});
