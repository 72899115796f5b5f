// The client's statement page in a real Chromium, as the client opens it from the link the owner
// sends: in English and in Bulgarian, on a desktop and on a phone, with nothing fetched from
// elsewhere and nothing in the console.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);
const artifacts = path.resolve(__dirname, '../../test-artifacts');
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** A client with two open invoices, one part-paid; the statement's link as the owner gets it. */
async function statementOf(locale: 'en' | 'bg') {
  const email = `statement-${locale}-${randomBytes(4).toString('hex')}@client.test`;
  const numbers: string[] = [];
  for (const termsDays of [20, 10]) {
    const res = await call('POST', '/v1/invoices', { ...invoiceInput(), termsDays, client: { ...invoiceInput().client, email, locale, timeZone: 'Europe/Sofia' } });
    expect(res.status).toBe(201);
    numbers.push(res.body.number);
  }
  expect((await call('POST', `/v1/clients/${email}/payments`, { amount: 28_000, currency: 'EUR', method: 'bank_transfer' })).status).toBe(201);
  const statement = (await call('GET', `/v1/clients/${email}/statement`)).body;
  return { numbers, url: statement.statementUrl as string };
}

/** Opens the page, collecting console errors, page errors and requests to anywhere else. */
async function open(url: string, viewport?: { width: number; height: number }) {
  const page = await browser.newPage(viewport ? { viewport, deviceScaleFactor: 2 } : {});
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`); });
  page.on('request', (r) => { if (!r.url().startsWith(ctx.api.url)) problems.push(`external request: ${r.url()}`); });
  const res = await page.goto(url);
  expect(res?.status()).toBe(200);
  await page.waitForLoadState('networkidle');
  return { page, problems };
}

/** Browser-side code as text: the tests compile without the DOM's types. */
const visible = (page: Page, selector: string) => page.evaluate<number>(`[...document.querySelectorAll(${JSON.stringify(selector)})].filter((e) => e.offsetParent !== null).length`);

describe('the statement page in Chromium', () => {
  it.each([
    ['en', 'Statement of account', 'Total due', /€2,800\.00/, 'Not yet due', 'Download PDF'],
    ['bg', 'Извлечение по сметка', 'Общо дължимо', /2800,00\s€/, 'Предстоящ падеж', 'Изтегли PDF'],
  ] as const)('%s: every open invoice, the total, one reference for all, the QR, in the client\'s language', async (locale, title, totalDue, total, standing, download) => {
    const { numbers, url } = await statementOf(locale);
    const { page, problems } = await open(url);
    expect(await page.getAttribute('html', 'lang')).toBe(locale);
    const text = await page.locator('main').innerText();
    for (const expected of [title, totalDue, standing, download, ...numbers, ISSUER.name, 'BG80BNBG96611020345678']) expect(text).toContain(expected);
    expect(text).toMatch(total);
    // Oldest due first: the 10-day invoice heads the table, and links to its own page.
    const rows = await page.locator('table.statement tbody tr td:first-child a').allInnerTexts();
    expect(rows).toEqual([numbers[1], numbers[0]]);
    expect(await page.locator('table.statement tbody a[href^="/i/"]').count()).toBe(2);
    // One transfer pays both: its reference names them, and the SEPA QR carries the total.
    const reference = await page.locator('button[data-copy]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-copy')));
    expect(reference).toContain(`${numbers[1]}, ${numbers[0]}`);
    expect(await page.locator('figure.qr svg').count()).toBe(1);
    // The table stays within its section (a desktop window of the invoice page's width).
    expect(await page.evaluate<number>(`document.querySelector('table.statement').getBoundingClientRect().right - document.querySelector('table.statement').closest('section').getBoundingClientRect().right`)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(artifacts, `statement-page-${locale}-desktop.png`), fullPage: true });

    const pdf = await page.request.get(`${url}/pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each(['en', 'bg'] as const)('%s: reads well on a phone: no sideways scrolling, the amount due in view, text large enough', async (locale) => {
    const { url } = await statementOf(locale);
    const { page, problems } = await open(url, { width: 375, height: 740 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    // Two columns stay: the invoice (its due date moves under its number) and what it owes.
    expect(await visible(page, 'table.statement thead th')).toBe(2);
    expect(await visible(page, 'table.statement .phone')).toBe(2);
    const smallest = await page.evaluate<number>(`Math.min(...[...document.querySelectorAll('main :is(p, td, th, li, code, h1, h2, h3)')].map((e) => parseFloat(getComputedStyle(e).fontSize)))`);
    expect(smallest).toBeGreaterThanOrEqual(13);
    const buttons = await page.locator('a.button, button:not([data-copy])').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    for (const h of buttons) expect(h).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: path.join(artifacts, `statement-page-${locale}-phone.png`), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
