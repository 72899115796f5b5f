// The PDF is rendered once per version of what it shows, then served from PostgreSQL: a link
// holder asking again and again costs a lookup, not seconds of CPU. A payment makes a new version.
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_API_KEY } from '../support/api';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { pdfText } from '../support/pdf-text';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

const fetchPdf = async (url: string) => {
  const started = performance.now();
  const res = await fetch(url);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  return { bytes: Buffer.from(await res.arrayBuffer()), ms: performance.now() - started };
};
const rendered = async (invoiceId: string) =>
  (await ctx.orm.em.fork().getConnection().execute<{ rendered_at: Date }[]>('select rendered_at from invoice_pdf where invoice_id = ?', [invoiceId]))[0]?.rendered_at;

describe('the invoice PDF', () => {
  it('is rendered once per version and served from storage after; a payment makes a new version', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => ({ description: `Line ${i + 1}`, quantity: 1, unitAmount: 1_000, taxRate: 20 }));
    const inv = (await call('POST', '/v1/invoices', { ...invoiceInput(), lines, client: { ...invoiceInput().client, email: 'pdf-cache@client.test' } })).body;
    const url = `${inv.hostedUrl}/pdf`;
    const first = await fetchPdf(url);
    const at = await rendered(inv.id);
    const again = await fetchPdf(url);
    // PDFKit stamps each rendering with its creation time: equal bytes mean it was not rendered again.
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect(await rendered(inv.id)).toEqual(at);
    console.log(`[pdf] 200 lines: first ${first.ms.toFixed(0)} ms, from storage ${again.ms.toFixed(0)} ms`);
    // The owner's copy is the same version.
    const owner = await fetch(`${ctx.api.url}/v1/invoices/${inv.id}/pdf`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expect(Buffer.from(await owner.arrayBuffer()).equals(first.bytes)).toBe(true);

    expect((await call('POST', `/v1/invoices/${inv.id}/payments`, { amount: 50_000, method: 'bank_transfer' })).status).toBe(201);
    const paid = await fetchPdf(url);
    expect(paid.bytes.equals(first.bytes)).toBe(false);
    expect(await pdfText(new Uint8Array(paid.bytes))).toContain('500.00');
  });
});
