// Credit notes (issue 14): an issued invoice is corrected or cancelled by a numbered credit note
// in its own gapless series, applied by the invoice's workflow like any other money event.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { CreditNote, Invoice, InvoiceAdjustment } from '../../db/entities';
import { invoiceStateQuery } from '../../workflows/messages';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { waitFor } from '../support/wait';
import { layoutProblems } from '../support/layout-check';
import { pdfLayout, pdfText } from '../support/pdf-text';
import { TEST_API_KEY } from '../support/api';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);
const em = () => ctx.orm.em.fork();

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

async function issue(lines = [{ description: 'Design work', quantity: 1, unitAmount: 10_000, taxRate: 20 }]) {
  const email = `cn-${randomBytes(4).toString('hex')}@client.test`;
  const res = await call('POST', '/v1/invoices', invoiceInput({ client: { ...invoiceInput().client, email }, lines }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...(res.body as { id: string; number: string; total: number; workflowId: string }), email };
}

const sequenceOf = (number: string) => Number(/^CN-\d{4}-(\d{4,})$/.exec(number)![1]);

describe('credit notes', () => {
  it('a partial credit lowers the balance in the workflow, the row and the view, numbered CN-…, emailed', async () => {
    const inv = await issue();
    const res = await call('POST', `/v1/invoices/${inv.id}/credit-notes`, { reason: 'One revision round was not needed', amount: 2_400 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ object: 'credit_note', invoiceId: inv.id, total: 2_400, subtotal: 2_000, taxTotal: 400, full: false });
    expect(res.body.number).toMatch(/^CN-\d{4}-\d{4}$/);

    const view = (await call('GET', `/v1/invoices/${inv.id}`)).body;
    expect(view).toMatchObject({ status: 'open', amountDue: 12_000 - 2_400 });
    expect(view.creditNotes.map((n: { number: string }) => n.number)).toEqual([res.body.number]);
    expect(view.timeline.some((e: { message: string }) => e.message.includes(res.body.number))).toBe(true);
    const live = await ctx.client.workflow.getHandle(inv.workflowId).query(invoiceStateQuery);
    expect(live).toMatchObject({ amountDue: 9_600, creditNotesTotal: 2_400 });
    const row = await em().findOneOrFail(Invoice, { id: inv.id });
    expect(row.adjustmentsTotal).toBe(-2_400);
    expect((await em().find(InvoiceAdjustment, { invoiceId: inv.id })).map((a) => [a.kind, a.amount])).toEqual([['credit_note', -2_400]]);
    const mail = await waitFor(() => ctx.resend.deliveries.find((d) => d.to.includes(inv.email) && d.subject.includes(res.body.number)), 15_000, 'the credit note email');
    expect(mail.text).toContain('96.00');
    // The credit note travels as its own PDF, the document the client files.
    const attached = mail.attachments.find((a) => a.filename === `${res.body.number}.pdf`);
    expect(attached, 'the credit note PDF attached').toBeDefined();
    const pdf = new Uint8Array(Buffer.from(attached!.content, 'base64'));
    const text = await pdfText(pdf);
    expect(text).toContain(`Credit note ${res.body.number}`);
    expect(text).toContain(`Credits invoice ${inv.number}`);
    expect(text).toContain('One revision round was not needed');
    expect(text).not.toContain('Amount due');
    expect(layoutProblems(await pdfLayout(pdf), (page, of) => `Page ${page} of ${of}`)).toEqual([]);
    const download = await fetch(`${ctx.api.url}/v1/invoices/${inv.id}/credit-notes/${res.body.id}/pdf`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expect(download.status).toBe(200);
    expect(await pdfText(new Uint8Array(await download.arrayBuffer()))).toContain(`Credit note ${res.body.number}`);
  });

  it('voiding an issued invoice issues a full credit note that cancels it and ends its workflow', async () => {
    const inv = await issue([
      { description: 'Design work', quantity: 2, unitAmount: 10_000, taxRate: 20 },
      { description: 'Printing', quantity: 1, unitAmount: 5_000, taxRate: 9 },
    ]);
    const before = await call('POST', `/v1/invoices/${(await issue()).id}/credit-notes`, { reason: 'Goodwill', amount: 100 });
    expect(before.status).toBe(201);
    const res = await call('POST', `/v1/invoices/${inv.id}/void`, { reason: 'Issued to the wrong company' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'void', stage: 'void', amountDue: 0 });
    const [note] = res.body.creditNotes;
    expect(note).toMatchObject({ full: true, reason: 'Issued to the wrong company', total: inv.total });
    expect(note.lines.map((l: { description: string }) => l.description)).toEqual(['Design work', 'Printing']);
    // Gapless: the next number after the one issued just before.
    expect(sequenceOf(note.number)).toBe(sequenceOf(before.body.number) + 1);
    await expect(ctx.client.workflow.getHandle(inv.workflowId).result()).resolves.toMatchObject({ status: 'void' });
    expect((await call('POST', `/v1/invoices/${inv.id}/credit-notes`, { reason: 'again' })).status).toBe(409);
  });

  it('refuses what cannot be credited, naming the field, and numbers nothing', async () => {
    const inv = await issue([
      { description: 'Design work', quantity: 1, unitAmount: 10_000, taxRate: 20 },
      { description: 'Printing', quantity: 1, unitAmount: 5_000, taxRate: 9 },
    ]);
    const count = await em().count(CreditNote, {});
    const tooMuch = await call('POST', `/v1/invoices/${inv.id}/credit-notes`, { reason: 'x', lines: [{ description: 'All of it twice', quantity: 2, unitAmount: 20_000, taxRate: 20 }] });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['lines']);
    const mixed = await call('POST', `/v1/invoices/${inv.id}/credit-notes`, { reason: 'x', amount: 1_000 });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.fields[0]).toMatchObject({ field: 'lines' });
    const both = await call('POST', `/v1/invoices/${inv.id}/credit-notes`, { reason: 'x', amount: 1_000, lines: [{ description: 'a', quantity: 1, unitAmount: 1 }] });
    expect(both.status).toBe(400);
    expect(await em().count(CreditNote, {})).toBe(count);
  });
});
