// The whole way: the issuer's logo through PUT /v1/issuer (and a 400 naming `logo` for anything
// but a small PNG or JPEG), the invoice email carrying the PDF through the real resend SDK, and
// the PDF from GET /v1/invoices/:id/pdf with the logo and the EPC QR, laid out cleanly.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOGO_MAX_BYTES } from '../../domain/logo';
import { TEST_API_KEY } from '../support/api';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { layoutProblems } from '../support/layout-check';
import { pdfPagePng } from '../support/pdf-image';
import { pdfLayout, pdfText } from '../support/pdf-text';
import { badgePng, dataUrl } from '../support/png';
import { waitFor } from '../support/wait';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);
const LOGO = dataUrl('png', badgePng(360, 120));
const ownerPdf = async (id: string) =>
  new Uint8Array(await (await fetch(`${ctx.api.url}/v1/invoices/${id}/pdf`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } })).arrayBuffer());

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', { ...ISSUER, paymentInstructions: { ...ISSUER.paymentInstructions, cardPaymentUrl: 'https://pay.example.test/ivanova' }, logo: LOGO })).status).toBe(200);
});

describe('the issuer logo', () => {
  it.each([
    ['not a data URL', 'https://example.test/logo.png'],
    ['a GIF', `data:image/gif;base64,${Buffer.from('GIF89a').toString('base64')}`],
    ['an SVG', `data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}`],
    ['JPEG bytes called PNG', dataUrl('png', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))],
    ['PNG bytes called JPEG', dataUrl('jpeg', badgePng(4, 4))],
    ['broken base64', 'data:image/png;base64,iVBOR$$$'],
    ['too large', dataUrl('png', Buffer.concat([badgePng(4, 4), Buffer.alloc(LOGO_MAX_BYTES)]))],
  ])('is refused when %s, with a 400 naming logo', async (_what, logo) => {
    const res = await call('PUT', '/v1/issuer', { ...ISSUER, logo });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['logo']);
  });

  it('is kept as given and read back', async () => {
    const res = await call('GET', '/v1/issuer');
    expect(res.body.logo).toBe(LOGO);
  });
});

describe('the invoice email', () => {
  it('carries the PDF, which names the invoice, shows the logo and the EPC QR, and is laid out cleanly', async () => {
    const inv = (await call('POST', '/v1/invoices', invoiceInput({ client: { ...invoiceInput().client, email: 'pdf-mail@client.test' } }))).body;
    const mail = await waitFor(() => ctx.resend.deliveries.find((d) => d.to.includes('pdf-mail@client.test')), 20_000, 'the invoice email');
    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment.filename).toBe(`${inv.number}.pdf`);
    expect(attachment.contentType).toBe('application/pdf');
    const bytes = Buffer.from(attachment.content, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeLessThan(400 * 1024);
    expect(await pdfText(new Uint8Array(bytes))).toContain(inv.number);

    // The download is the same version, stored once: the same bytes the email carried.
    const downloaded = await ownerPdf(inv.id);
    expect(Buffer.from(downloaded).equals(bytes)).toBe(true);
    const pages = await pdfLayout(downloaded);
    expect(pages[0].images).toHaveLength(2); // the logo and the EPC QR code
    expect(layoutProblems(pages, (i, n) => `Page ${i} of ${n}`)).toEqual([]);

    // The example for the README: the PDF itself, and its first page as a picture when a canvas is at hand.
    const dir = path.resolve(__dirname, '../../test-artifacts');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'invoice-example.pdf'), downloaded);
    const png = await pdfPagePng(downloaded, 1, 1.5);
    if (png) fs.writeFileSync(path.join(dir, 'invoice-example.png'), png);
  });
});
