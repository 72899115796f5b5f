// The owner's one-click task pages, tried as the owner would: the link in the owner's email at the
// fake Resend, the page in a real Chromium, a decision. A twin invoice gets the same decision
// through the API, and the page must leave the workflow exactly where the API leaves it: the
// same status, stage, next step, schedule and new timeline lines, the task done with the same
// outcome. On the time-skipping server, so the invoices reach their check-in and review.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dateIn } from '../../domain/dates';
import { signedToken } from '../../services/owner-links';
import { invoiceStateQuery } from '../../workflows/messages';
import { TEST_OWNER_LINKS } from '../support/api';
import { launchChromium } from '../support/browser';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { useTimeSkippingApi } from '../support/time-skipping-api';
import { waitFor } from '../support/wait';

const ctx = useTimeSkippingApi();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);
const artifacts = path.resolve(__dirname, '../../test-artifacts');
const LINK = /http:\/\/127\.0\.0\.1:\d+\/o\/[0-9a-f-]{36}\.[0-9a-z]+\.[A-Za-z0-9_-]{43}/;
const TEN_MINUTES = 10 * 60_000;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

let clients = 0;
async function issue(name: string) {
  const base = invoiceInput();
  const res = await call('POST', '/v1/invoices', { ...base, policy: 'standard', client: { ...base.client, name, email: `owner-${++clients}@client.test` } });
  expect(res.status).toBe(201);
  return res.body as { id: string; number: string; workflowId: string; hostedUrl: string; client: { name: string } };
}

const plannedAt = async (workflowId: string, stepId: string) =>
  (await ctx.env.client.workflow.getHandle(workflowId).query(invoiceStateQuery)).ladder!.upcoming.find((u) => u.step.id === stepId)!.at;

/** The owner's email about an invoice (to the issuer's address), and the task link in both its bodies. */
async function ownerLink(number: string, subject: string): Promise<{ link: string; text: string }> {
  const mail = await waitFor(() => ctx.resend.deliveries.find((d) => d.to.includes(ISSUER.email) && d.subject.includes(number) && d.subject.includes(subject)), 20_000, `the owner's email "${subject}" for ${number}`);
  const link = mail.text.match(LINK)?.[0];
  expect(link, 'the owner email links to the task page').toBeTruthy();
  expect(mail.html).toContain(link!);
  return { link: link!, text: mail.text };
}

const taskOf = async (invoiceId: string, kind: string) => {
  const all = [...(await call('GET', '/v1/tasks?status=open')).body.data, ...(await call('GET', '/v1/tasks?status=done')).body.data];
  return all.find((t: { invoiceId: string; kind: string }) => t.invoiceId === invoiceId && t.kind === kind);
};

const timelineLength = async (id: string) => (await call('GET', `/v1/invoices/${id}`)).body.timeline.length as number;

/** Where a decision left the invoice: what the API shows of it, and the timeline lines it added. */
async function outcome(id: string, since: number) {
  const invoice = (await call('GET', `/v1/invoices/${id}`)).body;
  const schedule = (await call('GET', `/v1/invoices/${id}/schedule`)).body;
  return {
    status: invoice.status, stage: invoice.stage, amountDue: invoice.amountDue, dueDate: invoice.dueDate,
    nextStep: invoice.nextStep && { id: invoice.nextStep.id, action: invoice.nextStep.action },
    schedule: { state: schedule.state, promise: schedule.promise?.date ?? null },
    added: invoice.timeline.slice(since).filter((e: { kind: string }) => !e.kind.startsWith('reminder_')).map((e: { kind: string; message: string }) => [e.kind, e.message]),
  };
}

/** Opens a link as the owner would; nothing may come from anywhere but the app. */
async function open(link: string, options: Parameters<Browser['newPage']>[0] = {}): Promise<{ page: Page; external: string[] }> {
  const page = await browser.newPage(options);
  const external: string[] = [];
  page.on('request', (r) => { if (!r.url().startsWith(ctx.api.url)) external.push(r.url()); });
  await page.goto(link);
  return { page, external };
}

describe('the owner page in Chromium', () => {
  it('a check-in completed on the page moves the workflow as the API does', async () => {
    const [a, b] = [await issue('Page Check-in Ltd'), await issue('API Check-in Ltd')];
    await ctx.skipTo(await plannedAt(a.workflowId, 'check_in'), TEN_MINUTES);
    const { link } = await ownerLink(a.number, 'personal check-in');
    const twin = await ownerLink(b.number, 'personal check-in');
    const since = { a: await timelineLength(a.id), b: await timelineLength(b.id) };

    const { page, external } = await open(link);
    const text = await page.locator('main').innerText();
    for (const expected of ['Personal check-in', a.number, 'Page Check-in Ltd', '+44 20 7946 0000', 'History', 'Invoice sent to']) expect(text).toContain(expected);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    for (const id of ['promiseDate', 'note']) expect(await page.locator(`label[for="${id}"]`).count()).toBe(1);
    await page.screenshot({ path: path.join(artifacts, 'owner-page-check-in.png'), fullPage: true });

    const promiseDate = addDays(dateIn(ctx.now(), 'UTC'), 10);
    await page.getByRole('radio', { name: /promised to pay/ }).check();
    await page.locator('#promiseDate').fill(promiseDate);
    await page.locator('#note').fill('Agreed on the phone');
    await page.getByRole('button', { name: 'Record' }).click();
    await page.waitForURL(/done=1/);
    expect(await page.locator('.flash').innerText()).toContain('recorded');
    expect(await page.locator('main').innerText()).toContain('Done: promise: Agreed on the phone');
    expect(await page.locator('form').count()).toBe(0); // done: nothing left to decide

    const api = await call('POST', `/v1/tasks/${(await taskOf(b.id, 'owner_task')).id}/complete`, { outcome: 'promise', promiseDate, note: 'Agreed on the phone' });
    expect(api.status).toBe(200);
    const viaPage = await outcome(a.id, since.a);
    expect(viaPage).toEqual(await outcome(b.id, since.b));
    expect(viaPage).toMatchObject({ stage: 'promised', schedule: { state: 'promised', promise: promiseDate }, added: [['promise', expect.stringContaining(promiseDate)]] });
    expect(await taskOf(a.id, 'owner_task')).toMatchObject({ status: 'done', outcome: 'promise: Agreed on the phone', pageUrl: null });

    // The twin's link, done through the API, shows the same: done, by what, and no form.
    await page.goto(twin.link);
    expect(await page.locator('main').innerText()).toContain('Done: promise: Agreed on the phone');
    expect(await page.locator('form').count()).toBe(0);
    expect(external).toEqual([]);
    await page.close();
  });

  it('a client\'s question is answered and the reminders resume, in Bulgarian on a phone', async () => {
    const [a, b] = [await issue('Въпрос ООД'), await issue('API Question Ltd')];
    const question = 'Could you split the revisions into a separate line? <b>Thanks</b>';
    // The client asks from their own page: reminders pause, the owner gets a task, and an email.
    for (const invoice of [a, b]) {
      const asked = await fetch(`${invoice.hostedUrl}/question`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ message: question }) });
      expect(asked.status).toBe(303);
    }
    const { link, text: mail } = await ownerLink(a.number, 'Reply to your client');
    expect(mail).toContain(question);
    const since = { a: await timelineLength(a.id), b: await timelineLength(b.id) };

    const { page, external } = await open(link, { locale: 'bg-BG', viewport: { width: 375, height: 740 }, deviceScaleFactor: 2 });
    expect(await page.getAttribute('html', 'lang')).toBe('bg');
    expect(await page.locator('h1').innerText()).toBe('Клиентът ви зададе въпрос');
    expect(await page.locator('.detail').innerText()).toContain(question); // the client's words, escaped
    expect(await page.locator('.detail b').count()).toBe(0);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    expect(await page.getByRole('radio', { name: /Отговорено/ }).isChecked()).toBe(true);
    await page.screenshot({ path: path.join(artifacts, 'owner-page-question-bg-phone.png'), fullPage: true });

    const answer = 'Yes: the revisions are now line 2 of the invoice.';
    await page.locator('#note').fill(answer);
    await page.getByRole('button', { name: 'Запиши' }).click();
    await page.waitForURL(/done=1/);
    expect(await page.locator('.flash').innerText()).toBe('Благодарим: записано.');

    expect((await call('POST', `/v1/tasks/${(await taskOf(b.id, 'client_question')).id}/complete`, { outcome: 'resume', note: answer })).status).toBe(200);
    const viaPage = await outcome(a.id, since.a);
    expect(viaPage).toEqual(await outcome(b.id, since.b));
    expect(viaPage).toMatchObject({ schedule: { state: 'running' }, added: [['resumed', `Reminders resumed: ${answer}`]] });
    expect(viaPage.stage).not.toBe('paused');
    expect(await taskOf(a.id, 'client_question')).toMatchObject({ status: 'done', outcome: `resume: ${answer}` });
    expect(external).toEqual([]);
    await page.close();
  });

  it('a collections review decided on the page: extend as the API would, the workflow\'s refusal shown, an agency', async () => {
    const [a, b, c] = [await issue('Page Review Ltd'), await issue('API Review Ltd'), await issue('Agency Review Ltd')];
    await ctx.skipTo(await plannedAt(a.workflowId, 'collections_review'), TEN_MINUTES);
    const [{ link }, agencyLink] = [await ownerLink(a.number, 'Your decision needed'), await ownerLink(c.number, 'Your decision needed')];
    const since = { a: await timelineLength(a.id), b: await timelineLength(b.id) };
    const newDueDate = addDays(dateIn(ctx.now(), 'UTC'), 30);

    const { page, external } = await open(link);
    expect(await page.locator('h1').innerText()).toBe('Collections review');
    expect(await page.locator('form.decision').count()).toBe(3);
    await page.locator('#ex-date').fill(newDueDate);
    await page.getByRole('button', { name: 'Extend the due date' }).click();
    await page.waitForURL(/done=1/);
    expect(await page.locator('main').innerText()).toContain(`Done: extend: ${newDueDate}`);

    expect((await call('POST', `/v1/invoices/${b.id}/collections-decision`, { decision: 'extend', newDueDate })).status).toBe(200);
    const viaPage = await outcome(a.id, since.a);
    expect(viaPage).toEqual(await outcome(b.id, since.b));
    expect(viaPage).toMatchObject({ status: 'open', stage: 'extended', dueDate: newDueDate, added: [['extend', `Due date extended to ${newDueDate}.`]] });
    // The API's decision completes the review's task too: one path.
    for (const id of [a.id, b.id]) expect(await taskOf(id, 'collections_review')).toMatchObject({ status: 'done', outcome: `extend: ${newDueDate}` });

    // The workflow's own rule refuses a date in the past; the page says so, and keeps the form.
    await page.goto(agencyLink.link);
    await page.locator('#ex-date').fill('2020-01-01');
    await page.getByRole('button', { name: 'Extend the due date' }).click();
    expect(await page.locator('.flash.error').innerText()).toContain('newDueDate must be in the future');
    expect(await page.locator('#ex-date').inputValue()).toBe('2020-01-01');
    await page.locator('#ag-name').fill('Fair Collect Ltd');
    await page.getByRole('button', { name: 'Hand it to an agency' }).click();
    await page.waitForURL(/done=1/);
    expect((await call('GET', `/v1/invoices/${c.id}`)).body).toMatchObject({ status: 'open', stage: 'with_agency' });
    expect(await taskOf(c.id, 'collections_review')).toMatchObject({ status: 'done', outcome: 'agency: Fair Collect Ltd' });
    expect(external).toEqual([]);
    await page.close();
  });
});

describe('links that do not open a task', () => {
  it('an expired link is a 410, a tampered one a 404; neither tells anything nor changes anything', async () => {
    const [invoice, second] = [await issue('Links Ltd'), await issue('Other Ltd')];
    for (const i of [invoice, second]) expect((await call('POST', `/v1/invoices/${i.id}/pause`, { source: 'client', message: 'Is the VAT right?' })).status).toBe(200);
    const { link } = await ownerLink(invoice.number, 'Reply to your client');
    const task = await taskOf(invoice.id, 'client_question');
    const other = await taskOf(second.id, 'client_question');
    const [, taskId, expires, signature] = /\/o\/([^.]+)\.([^.]+)\.(.+)$/.exec(link)!;
    const base = link.slice(0, link.indexOf('/o/') + 3);
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);

    const get = async (token: string) => {
      const res = await fetch(`${base}${token}`);
      return { status: res.status, body: await res.text(), headers: res.headers };
    };
    const expired = await get(signedToken(TEST_OWNER_LINKS.secret, taskId, new Date(Date.now() - 1000)));
    expect(expired.status).toBe(410);
    expect(expired.body).toContain('This link has expired');
    const bad = [
      `${taskId}.${expires}.${flip(signature, 5)}`, `${taskId}.${expires}.${flip(signature, signature.length - 1)}`,
      `${taskId}.${(parseInt(expires, 36) + 86_400).toString(36)}.${signature}`, // a later expiry under the old signature
      `${other.id}.${expires}.${signature}`, // another task under this one's signature
      signedToken('not-the-server-secret-0123456789abcdef', taskId, new Date(Date.now() + 86_400_000)), 'abc', `${taskId}`,
    ];
    for (const token of bad) {
      const res = await get(token);
      expect(res.status, token).toBe(404);
      expect(res.body).toContain('This link is not valid');
    }
    for (const page of [expired, await get(bad[0])]) {
      for (const secret of [invoice.number, 'Links Ltd', 'VAT']) expect(page.body).not.toContain(secret);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(page.headers.get('cache-control')).toBe('no-store');
    }

    // Posting through a bad link does nothing.
    const post = (token: string) => fetch(`${base}${token}/complete`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'outcome=resume' });
    expect((await post(bad[0])).status).toBe(404);
    expect((await post(signedToken(TEST_OWNER_LINKS.secret, taskId, new Date(Date.now() - 1000)))).status).toBe(410);
    expect(await taskOf(invoice.id, 'client_question')).toMatchObject({ id: task.id, status: 'open' });
    expect((await call('GET', `/v1/invoices/${invoice.id}/schedule`)).body.state).toBe('paused');
    // GET /v1/tasks hands out a fresh link for an open task; it opens the page.
    expect((await get(task.pageUrl.slice(base.length))).status).toBe(200);
  });
});
