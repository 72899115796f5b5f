// Rich histories of today's invoice workflow, replayed at once (a restart or cache eviction) and,
// with RECORD_HISTORIES=1, written to tests/workflow/histories/ so that every later change to
// the workflow must replay them (tests/workflow/replay.test.ts): from here on, a change that would
// break a running invoice is patched.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import {
  decideChangeOrderUpdate,
  decideCollectionsUpdate,
  issueCreditNoteUpdate,
  invoiceStateQuery,
  pauseRemindersUpdate,
  paymentFailedUpdate,
  paymentPendingUpdate,
  promiseToPayUpdate,
  recordPaymentUpdate,
  recordRefundUpdate,
  resumeRemindersUpdate,
} from '../../workflows/messages';
import { issueInvoice, payment, useTimeSkipping } from '../support/time-skipping';
import { waitFor } from '../support/wait';

const ctx = useTimeSkipping();
const dir = path.join(__dirname, 'histories');

async function keep(name: string, workflowId: string) {
  const history = await ctx.env.client.workflow.getHandle(workflowId).fetchHistory();
  await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, history, workflowId);
  if (process.env.RECORD_HISTORIES) fs.writeFileSync(path.join(dir, `${name}.json`), historyToJSON(history));
}

const decision = (changeOrderId: string, approved: boolean, amount: number) => ({
  changeOrderId, approved, amount, description: 'Extra page', name: 'Maria Petrova', at: new Date().toISOString(), ip: '127.0.0.1', userAgent: 'test',
});

describe('recorded histories of the one-truth workflow', () => {
  it('early offer, change orders, part payment, pending then failed, pause, promise, late fees, overpayment, refund', async () => {
    const { invoice, handle } = await issueInvoice(ctx, { earlyPayment: { percent: 2, withinDays: 10 }, lateFees: { graceDays: 0, fixedAmount: 2_500, annualRatePercent: 8 } });
    await handle.executeUpdate(decideChangeOrderUpdate, { args: [decision('00000000-0000-4000-8000-0000000000a1', true, 10_000)] });
    await handle.executeUpdate(decideChangeOrderUpdate, { args: [decision('00000000-0000-4000-8000-0000000000a2', false, 99_000)] });
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('bank:h1', 20_000)] });
    await handle.executeUpdate(paymentPendingUpdate, { args: [{ paymentId: 'debit:h2', amount: 5_000, currency: 'EUR', method: 'sepa_debit' }] });
    await handle.executeUpdate(paymentFailedUpdate, { args: [{ paymentId: 'debit:h2', reason: 'insufficient funds' }] });
    await ctx.env.sleep('35 days');
    await handle.executeUpdate(pauseRemindersUpdate, { args: [{ source: 'client', message: 'Can we split it?', autoResumeDays: 3 }] });
    await ctx.env.sleep('5 days');
    const state = await handle.query(invoiceStateQuery);
    const today = new Date(await ctx.env.currentTimeMs()).toISOString().slice(0, 10);
    await handle.executeUpdate(promiseToPayUpdate, { args: [{ date: today }] });
    await ctx.env.sleep('4 days');
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('bank:h3', (await handle.query(invoiceStateQuery)).amountDue + 1_000)] });
    await handle.executeUpdate(recordRefundUpdate, { args: [{ refundId: 're:h4', amount: 3_000, currency: 'EUR', reason: 'goodwill' }] });
    const end = await handle.query(invoiceStateQuery);
    expect(state.adjustments).toBeGreaterThan(0);
    expect(end).toMatchObject({ status: 'open', amountDue: 2_000, changesTotal: 10_000 });
    await keep('invoice-v5-offer-changes-pending-pause-promise-fees-overpaid-refund', invoice.workflowId);
  });

  it('a client promising past the policy\'s limits (patch promise-limits), then paying', async () => {
    const { invoice, handle } = await issueInvoice(ctx);
    const now = async (n: number) => new Date((await ctx.env.currentTimeMs()) + n * 86_400_000).toISOString().slice(0, 10);
    expect((await handle.executeUpdate(promiseToPayUpdate, { args: [{ date: await now(3), source: 'client' }] })).declined).toBeUndefined();
    expect((await handle.executeUpdate(promiseToPayUpdate, { args: [{ date: await now(60), source: 'client' }] })).declined).toMatch(/days ahead/);
    expect((await handle.executeUpdate(promiseToPayUpdate, { args: [{ date: await now(5), source: 'client' }] })).declined).toBeUndefined();
    expect((await handle.executeUpdate(promiseToPayUpdate, { args: [{ date: await now(7), source: 'client' }] })).declined).toMatch(/2 promises/);
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('bank:h9', invoice.total)] });
    await keep('invoice-v6-promise-limits-then-paid', invoice.workflowId);
  });

  it('walks the ladder to collections review, extended, then written off', async () => {
    const { invoice, handle } = await issueInvoice(ctx);
    await ctx.env.sleep('80 days');
    const due = new Date((await ctx.env.currentTimeMs()) + 20 * 86_400_000).toISOString().slice(0, 10);
    await handle.executeUpdate(decideCollectionsUpdate, { args: [{ decision: 'extend', newDueDate: due }] });
    await ctx.env.sleep('80 days');
    await handle.executeUpdate(decideCollectionsUpdate, { args: [{ decision: 'write_off', reason: 'client closed' }] });
    expect(await handle.result()).toMatchObject({ status: 'uncollectible', stage: 'written_off' });
    await keep('invoice-v5-extended-then-written-off', invoice.workflowId);
  });

  it('every task emailed with its link (patch owner-task-email): a question answered, a broken promise, then paid', async () => {
    const { invoice, handle } = await issueInvoice(ctx);
    const ownerMail = (subject: string) => waitFor(() => ctx.resend.deliveries.find((d) => d.to.includes('billing@ivanova.studio') && d.subject.includes(invoice.number) && d.subject.includes(subject)), 15_000, subject);
    await ctx.env.sleep('31 days');
    await handle.executeUpdate(pauseRemindersUpdate, { args: [{ source: 'client', message: 'Which PO number?', autoResumeDays: 0 }] });
    expect((await ownerMail('Reply to your client')).text).toMatch(/Which PO number\?[\s\S]*\/o\/[0-9a-f-]{36}\./);
    await handle.executeUpdate(resumeRemindersUpdate, { args: [{ note: 'PO-7781' }] });
    const soon = new Date((await ctx.env.currentTimeMs()) + 2 * 86_400_000).toISOString().slice(0, 10);
    const promised = await handle.executeUpdate(promiseToPayUpdate, { args: [{ date: soon }] });
    // Broken at the next allowed moment after the grace day (a weekend moves it): just past that.
    await ctx.env.sleep(Date.parse(promised.ladder!.promise!.breaksAt) + 600_000 - (await ctx.env.currentTimeMs()));
    expect((await ownerMail('A promise to pay was not kept')).text).toContain('/o/');
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('bank:h11', (await handle.query(invoiceStateQuery)).amountDue)] });
    expect(await handle.result()).toMatchObject({ status: 'paid' });
    await keep('invoice-v8-owner-task-emails-question-broken-promise-paid', invoice.workflowId);
  });

  it('reminders through the client workflow (patch grouped-reminders), a credit note, then paid', async () => {
    const { invoice, handle } = await issueInvoice(ctx);
    await ctx.env.sleep('28 days'); // the heads-up, sent by the client's workflow, which tells the invoice
    await ctx.env.sleep('10 minutes');
    const line = { description: 'Goodwill', quantity: 1, unitAmount: 1_000, taxRate: 20, amount: 1_000, taxAmount: 200 };
    await handle.executeUpdate(issueCreditNoteUpdate, {
      args: [{ creditNoteId: randomUUID(), reason: 'goodwill', currency: 'EUR', full: false, lines: [line], subtotal: 1_000, taxTotal: 200, total: 1_200 }],
    });
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('bank:h10', invoice.total - 1_200)] });
    expect((await handle.query(invoiceStateQuery)).status).toBe('paid');
    await keep('invoice-v7-grouped-reminders-credit-note-paid', invoice.workflowId);
  });
});
