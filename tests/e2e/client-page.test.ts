// The client's side, tried as a client would: from the email in the outbox to the page in a real
// Chromium, a question that pauses the ladder, the PDF, in English and in Bulgarian.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLongDate } from '../../domain/dates';
import { launchChromium } from '../support/browser';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { pdfText } from '../support/pdf-text';
import { waitFor } from '../support/wait';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);
const artifacts = path.resolve(__dirname, '../../test-artifacts');
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  expect((await call('PUT', '/v1/issuer', { ...ISSUER, paymentInstructions: { ...ISSUER.paymentInstructions, cardPaymentUrl: 'https://pay.example.test/c/123', crypto: { asset: 'USDC', network: 'Ethereum', address: '0x52908400098527886E0F7030069857D2E4169EE7' } } })).status).toBe(200);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function issueAndOpenEmail(locale: 'en' | 'bg', email: string) {
  const res = await call('POST', '/v1/invoices', { ...invoiceInput(), policy: 'standard', earlyPayment: { percent: 2, withinDays: 10 }, client: { ...invoiceInput().client, email, locale, timeZone: 'Europe/Sofia' } });
  expect(res.status).toBe(201);
  const mail = await waitFor(() => ctx.resend.deliveries.find((d) => d.subject.includes(res.body.number)), 15_000, 'the invoice email');
  const link = mail.text.match(/http:\/\/127\.0\.0\.1:\d+\/i\/[A-Za-z0-9_-]{32}/)?.[0];
  expect(link, 'the email links to the page').toBeTruthy();
  expect(mail.html).toContain(link!);
  expect(res.body.hostedUrl).toBe(link);
  return { invoice: res.body, link: link!, mail };
}

describe('the client page in Chromium', () => {
  it.each([
    ['en', 'Awaiting payment', 'I have a question', 'Send', 'reminders are paused'],
    ['bg', 'Очаква плащане', 'Имам въпрос', 'Изпрати', 'напомнянията са спрени'],
  ] as const)('%s: from the email to the page to a question that pauses the reminders', async (locale, status, questionHeading, sendLabel, thanks) => {
    const { invoice, link } = await issueAndOpenEmail(locale, `page-${locale}@client.test`);
    const page = await browser.newPage();
    const external: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith(ctx.api.url)) external.push(r.url()); });
    await page.goto(link);
    const text = await page.locator('main').innerText();
    for (const expected of [invoice.number, status, ISSUER.name, ISSUER.taxId, 'BG80BNBG96611020345678', 'Brand identity', invoice.client.name, 'PO-7781']) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(locale === 'en' ? /€1,540\.00/ : /1540,00\s€/);
    expect(text).toMatch(locale === 'en' ? /save 2%/ : /спестявате 2%/);
    expect(await page.locator('figure.qr svg').count()).toBe(2); // bank transfer (SEPA QR) and crypto
    expect(await page.locator('button[data-copy]').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getAttribute('html', 'lang')).toBe(locale);
    // Every form field has a label a screen reader can read.
    for (const id of ['message', 'date']) expect(await page.locator(`label[for="${id}"]`).count()).toBe(1);
    await page.screenshot({ path: path.join(artifacts, `client-page-${locale}-desktop.png`), fullPage: true });

    await page.getByRole('heading', { name: questionHeading }).scrollIntoViewIfNeeded();
    await page.locator('#message').fill('Could you split the revisions into a separate line?');
    await page.getByRole('button', { name: sendLabel }).click();
    await page.waitForURL(/sent=question/);
    expect(await page.locator('.flash').innerText()).toContain(thanks);
    const schedule = await call('GET', `/v1/invoices/${invoice.id}/schedule`);
    expect(schedule.body).toMatchObject({ state: 'paused', pause: { reason: 'Could you split the revisions into a separate line?' } });
    const tasks = (await call('GET', '/v1/tasks')).body.data;
    expect(tasks.some((t: { invoiceId: string; kind: string }) => t.invoiceId === invoice.id && t.kind === 'client_question')).toBe(true);
    expect(external).toEqual([]); // nothing fetched from anywhere else
    await page.close();
  });

  it('reads well on a phone', async () => {
    const { link } = await issueAndOpenEmail('en', 'phone@client.test');
    const phone = await browser.newPage({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2 });
    await phone.goto(link);
    const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: path.join(artifacts, 'client-page-phone.png'), fullPage: true });
    await phone.close();
  });
});

describe('the PDF', () => {
  it.each(['en', 'bg'] as const)('%s: has the number, the total, the due date and the issuer tax id', async (locale) => {
    const { invoice, link } = await issueAndOpenEmail(locale, `pdf-${locale}@client.test`);
    const res = await fetch(`${link}/pdf`);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    fs.writeFileSync(path.join(artifacts, `invoice-${locale}.pdf`), bytes);
    const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
    expect(text).toContain(invoice.number);
    expect(text).toContain(ISSUER.taxId);
    expect(text).toMatch(locale === 'en' ? /€1,540\.00/ : /1540,00 €/);
    expect(text).toContain(formatLongDate(invoice.dueDate, locale === 'en' ? 'en-GB' : 'bg-BG'));
    expect(text).toContain(locale === 'en' ? 'Amount due' : 'Дължима сума');
  });
});

describe('the link', () => {
  it('shows only its own invoice; a wrong, revoked or malformed token is a plain 404; safe headers', async () => {
    const a = await issueAndOpenEmail('en', 'a@client.test');
    const b = await issueAndOpenEmail('en', 'b@client.test');
    const pageA = await fetch(a.link);
    const html = await pageA.text();
    expect(html).toContain(a.invoice.number);
    expect(html).not.toContain(b.invoice.number);
    expect(pageA.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(pageA.headers.get('cache-control')).toBe('no-store');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).not.toContain(ISSUER.paymentInstructions.bankTransfer!.iban + 'x');

    const rotated = await call('POST', `/v1/invoices/${a.invoice.id}/link/rotate`, {});
    expect(rotated.body.hostedUrl).not.toBe(a.link);
    for (const url of [a.link, `${ctx.api.url}/i/short`, `${ctx.api.url}/i/${'A'.repeat(32)}`, `${a.link}/pdf`]) {
      const res = await fetch(url);
      expect(res.status, url).toBe(404);
      expect(await res.text()).toBe('Not found');
    }
    expect((await fetch(rotated.body.hostedUrl)).status).toBe(200);
  });

  it('takes a promise to pay from the page form', async () => {
    const { invoice, link } = await issueAndOpenEmail('en', 'promise@client.test');
    const date = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const res = await fetch(`${link}/promise`, { method: 'POST', body: new URLSearchParams({ date }), redirect: 'manual' });
    expect(res.status).toBe(303);
    expect((await call('GET', `/v1/invoices/${invoice.id}/schedule`)).body).toMatchObject({ state: 'promised', promise: { date } });
    const bad = await fetch(`${link}/promise`, { method: 'POST', body: new URLSearchParams({ date: 'tomorrow' }), redirect: 'manual' });
    expect(bad.status).toBe(400);
  });
});

describe('drafts', () => {
  it('take no number, send nothing and start no ladder until issued; then numbers stay gapless', async () => {
    const before = (await call('GET', '/v1/invoices?limit=100')).body.data.filter((i: { number: string | null }) => i.number).length;
    const draft = await call('POST', '/v1/invoices', { ...invoiceInput(), draft: true, client: { ...invoiceInput().client, email: 'draft@client.test' } });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', number: null, workflowId: null, hostedUrl: null, nextStep: null });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(ctx.resend.deliveries.some((d) => d.to.includes('draft@client.test'))).toBe(false);
    const other = await call('POST', '/v1/invoices', { ...invoiceInput(), policy: 'standard' });
    const issued = await call('POST', `/v1/invoices/${draft.body.id}/issue`, {});
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ status: 'open', workflowId: expect.stringContaining(issued.body.number) });
    expect(Number(issued.body.number.split('-')[2])).toBe(Number(other.body.number.split('-')[2]) + 1);
    expect(before).toBeGreaterThanOrEqual(0);
    await waitFor(() => ctx.resend.deliveries.find((d) => d.to.includes('draft@client.test')), 15_000, 'the email once issued');
    expect((await call('POST', `/v1/invoices/${draft.body.id}/issue`, {})).status).toBe(409);
  });
});
