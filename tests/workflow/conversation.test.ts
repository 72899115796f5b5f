// The ladder as policy, on the time-skipping server with the real activities: the schedule the
// API shows is the one that runs, pauses and promises hold it without a burst afterwards, and
// money rules (early-payment discount, late fees) apply as stated.
import { describe, expect, it } from 'vitest';
import { InvoiceAdjustment, OwnerTask } from '../../db/entities';
import { addDays, daysBetween } from '../../domain/dates';
import {
  decideCollectionsUpdate,
  invoiceStateQuery,
  pauseRemindersUpdate,
  promiseToPayUpdate,
  recordPaymentUpdate,
  resumeRemindersUpdate,
} from '../../workflows/messages';
import { supersededSteps } from '../../domain/ladder';
import { BUILTIN_POLICIES } from '../../domain/policies';
import { issueInvoice, mailsTo, payment, useTimeSkipping } from '../support/time-skipping';

const ctx = useTimeSkipping();
const DAY = 86_400_000;
const stepOf = (key: string | null) => key!.split(':')[1];
const clientSteps = (email: string) => mailsTo(ctx, email).map((m) => stepOf(m.idempotencyKey));
/** A reminder goes out with its client's others of the send window (workflows/client-reminders.ts): wait past it. */
const sleepUntil = async (iso: string, plusMs = 10 * 60_000) => ctx.env.sleep(Math.max(1, Date.parse(iso) + plusMs - (await ctx.env.currentTimeMs())));
/** Workflow timers fire a few milliseconds after their instant. */
const close = (actual: string, planned: string) => Math.abs(Date.parse(actual) - Date.parse(planned)) < 1_000;
const plannedAt = async (handle: { query: (q: typeof invoiceStateQuery) => Promise<import('../../domain/types').InvoiceSnapshot> }, stepId: string) =>
  (await handle.query(invoiceStateQuery)).ladder!.upcoming.find((u) => u.step.id === stepId)!.at;
const tasksOf = (invoiceId: string) => ctx.orm.em.fork().find(OwnerTask, { invoiceId }, { orderBy: { createdAt: 'asc' } });

describe('the schedule is what runs', () => {
  it.each(['gentle', 'standard', 'firm'] as const)('%s: every email and task goes out exactly as the schedule said', async (name) => {
    const { invoice, handle } = await issueInvoice(ctx, { policy: name, client: { timeZone: 'Europe/Sofia' } as never });
    const planned = (await handle.query(invoiceStateQuery)).ladder!.upcoming;
    expect(planned.map((p) => p.step.id)).toEqual(BUILTIN_POLICIES[name].steps.map((s) => s.id));

    await ctx.env.sleep('100 days');
    const state = await handle.query(invoiceStateQuery);
    // Each step ran at the planned instant (the workflow's clock), in order; one that shares its
    // instant with a firmer step (a due date on a weekend) is skipped, as the schedule says.
    const superseded = supersededSteps(planned);
    const expectedOutcome = (id: string) => (superseded.has(id) ? 'skipped' : 'sent');
    expect(state.ladder!.done.map((d) => [d.stepId, d.outcome])).toEqual(planned.map((p) => [p.step.id, expectedOutcome(p.step.id)]));
    state.ladder!.done.forEach((d, i) => expect(close(d.at, planned[i].at), `${d.stepId} ran at ${d.at}, planned ${planned[i].at}`).toBe(true));
    // The client got one email per email step, in order; the owner one note per task.
    expect(clientSteps(invoice.clientEmail)).toEqual(['invoice', ...planned.filter((p) => p.step.action === 'email_client' && !superseded.has(p.step.id)).map((p) => p.step.id)]);
    expect((await tasksOf(invoice.id)).map((t) => t.kind)).toEqual(['owner_task', 'collections_review']);
    expect(state.stage).toBe('collections_review');
    await handle.executeUpdate(decideCollectionsUpdate, { args: [{ decision: 'write_off', reason: 'test' }] });
  });

  it('sends nothing after the paying event', async () => {
    const { invoice, handle } = await issueInvoice(ctx, { policy: 'firm' });
    await ctx.env.sleep('33 days'); // past due and the first overdue nudge
    const before = mailsTo(ctx, invoice.clientEmail).length;
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('pay:1', invoice.total)] });
    await handle.result();
    await ctx.env.sleep('60 days');
    expect(mailsTo(ctx, invoice.clientEmail)).toHaveLength(before);
  });
});

describe('pause and resume', () => {
  it('a client question pauses the ladder and gives the owner a task; resuming sends no burst', async () => {
    const { invoice, handle } = await issueInvoice(ctx);
    await sleepUntil(await plannedAt(handle, 'due_today')); // invoice, heads-up and due-today are out
    expect(clientSteps(invoice.clientEmail)).toEqual(['invoice', 'heads_up', 'due_today']);
    const paused = await handle.executeUpdate(pauseRemindersUpdate, { args: [{ source: 'client', message: 'We were billed for two revisions, not three?', autoResumeDays: 0 }] });
    expect(paused).toMatchObject({ stage: 'paused', nextStep: null, ladder: { state: 'paused' } });
    const [question] = await tasksOf(invoice.id);
    expect(question).toMatchObject({ kind: 'client_question', status: 'open' });
    expect(question.detail).toContain('two revisions');

    await ctx.env.sleep('30 days'); // overdue_3, overdue_7 and the check-in would all have been due
    expect(clientSteps(invoice.clientEmail)).toHaveLength(3);

    const resumed = await handle.executeUpdate(resumeRemindersUpdate, { args: [{ note: 'Explained the revisions' }] });
    expect(resumed.stage).toBe('due');
    const next = resumed.ladder!.upcoming[0];
    expect(next.step.id).toBe('overdue_3'); // where it stopped, not the check-in or the final notice
    const resumedAt = await ctx.env.currentTimeMs();
    // Spacing kept, not right away: overdue_3 is 3 days after due_today's day; a due date on a
    // weekend sends due_today up to 2 days late, and the pause came a minute after it.
    expect(Date.parse(next.at) - resumedAt).toBeGreaterThan(DAY - 2 * 60_000);
    expect(Date.parse(next.at) - resumedAt).toBeLessThan(5 * DAY);

    await sleepUntil(next.at);
    expect(clientSteps(invoice.clientEmail)).toEqual(['invoice', 'heads_up', 'due_today', 'overdue_3']);
    const done = (await handle.query(invoiceStateQuery)).ladder!.done.find((d) => d.stepId === 'overdue_3');
    expect(close(done!.at, next.at)).toBe(true);
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('p', invoice.total)] });
  });

  it('a pause nobody ends resumes by itself after the set days', async () => {
    const { invoice, handle } = await issueInvoice(ctx);
    await sleepUntil(await plannedAt(handle, 'due_today'));
    const paused = await handle.executeUpdate(pauseRemindersUpdate, { args: [{ source: 'owner', message: 'Waiting for their accountant', autoResumeDays: 5 }] });
    expect(paused.ladder!.resumesAt).not.toBeNull();
    await sleepUntil(paused.ladder!.resumesAt!);
    const state = await handle.query(invoiceStateQuery);
    expect(state.ladder!.state).toBe('running');
    expect(state.history.map((h) => h.kind)).toContain('resumed');
    await sleepUntil(state.ladder!.upcoming[0].at);
    expect(clientSteps(invoice.clientEmail)).toEqual(['invoice', 'heads_up', 'due_today', 'overdue_3']);
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('p', invoice.total)] });
  });
});

describe('promise to pay', () => {
  const inDays = async (n: number) => new Date((await ctx.env.currentTimeMs()) + n * DAY).toISOString().slice(0, 10);

  it('a kept promise: reminders wait, the payment ends it', async () => {
    const { invoice, handle } = await issueInvoice(ctx);
    await sleepUntil(await plannedAt(handle, 'due_today'));
    await handle.executeUpdate(promiseToPayUpdate, { args: [{ date: await inDays(6), note: 'After our client pays us' }] });
    await ctx.env.sleep('5 days'); // overdue_3 would have gone out by now
    expect(clientSteps(invoice.clientEmail)).toEqual(['invoice', 'heads_up', 'due_today']);
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('p', invoice.total)] });
    expect((await handle.result()).status).toBe('paid');
    expect(await tasksOf(invoice.id)).toEqual([]);
  });

  it('a broken promise tells the owner and moves straight to the next, firmer step', async () => {
    const { invoice, handle } = await issueInvoice(ctx);
    await sleepUntil(await plannedAt(handle, 'due_today'));
    const promised = await handle.executeUpdate(promiseToPayUpdate, { args: [{ date: await inDays(6) }] });
    expect(promised.stage).toBe('promised');
    const breaksAt = promised.ladder!.promise!.breaksAt;
    expect(promised.ladder!.upcoming[0]).toMatchObject({ step: { id: 'overdue_3' }, at: breaksAt });

    await sleepUntil(breaksAt);
    expect(clientSteps(invoice.clientEmail)).toEqual(['invoice', 'heads_up', 'due_today', 'overdue_3']);
    const tasks = await tasksOf(invoice.id);
    expect(tasks.map((t) => t.kind)).toEqual(['promise_broken']);
    const state = await handle.query(invoiceStateQuery);
    expect(close(state.ladder!.done.find((d) => d.stepId === 'overdue_3')!.at, breaksAt)).toBe(true);
    expect(state.ladder!.upcoming[0].step.id).toBe('overdue_7');
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('p', invoice.total)] });
  });
});

describe('early-payment discount', () => {
  const terms = { earlyPayment: { percent: 2, withinDays: 10 } };

  it('paying the discounted amount inside the window settles the invoice, and every email before says so', async () => {
    const { invoice, handle } = await issueInvoice(ctx, terms);
    const discount = Math.round(invoice.total * 0.02);
    const first = mailsTo(ctx, invoice.clientEmail)[0] ?? (await new Promise((r) => setTimeout(r, 500)), mailsTo(ctx, invoice.clientEmail)[0]);
    expect(first.text).toMatch(/save 2%/);
    await ctx.env.sleep('5 days');
    const state = await handle.executeUpdate(recordPaymentUpdate, { args: [payment('early', invoice.total - discount)] });
    expect(state).toMatchObject({ status: 'paid', amountDue: 0, adjustments: -discount, earlyPayment: { applied: true } });
    await handle.result();
    const adjustments = await ctx.orm.em.fork().find(InvoiceAdjustment, { invoiceId: invoice.id });
    expect(adjustments.map((a) => [a.kind, a.amount])).toEqual([['early_payment_discount', -discount]]);
  });

  it('after the window the full balance stands', async () => {
    const { invoice, handle } = await issueInvoice(ctx, terms);
    const discount = Math.round(invoice.total * 0.02);
    await ctx.env.sleep('12 days');
    const state = await handle.executeUpdate(recordPaymentUpdate, { args: [payment('late', invoice.total - discount)] });
    expect(state).toMatchObject({ status: 'open', amountDue: discount, adjustments: 0, earlyPayment: { stands: false, applied: false } });
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('rest', discount)] });
    expect((await handle.result()).status).toBe('paid');
  });
});

describe('late fees', () => {
  it('are off by default', async () => {
    const { invoice, handle } = await issueInvoice(ctx);
    await ctx.env.sleep('40 days');
    expect((await handle.query(invoiceStateQuery)).adjustments).toBe(0);
    expect(await ctx.orm.em.fork().count(InvoiceAdjustment, { invoiceId: invoice.id })).toBe(0);
    expect(mailsTo(ctx, invoice.clientEmail)[0].text).not.toMatch(/late/i);
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('p', invoice.total)] });
  });

  it('when on, are stated from the first email and charged as visible adjustments, capped, never compounded', async () => {
    const lateFees = { graceDays: 5, fixedAmount: 2_500, annualRatePercent: 10, capAmount: 3_000 };
    const { invoice, handle } = await issueInvoice(ctx, { lateFees });
    await ctx.env.sleep('1 hour');
    expect(mailsTo(ctx, invoice.clientEmail)[0].text).toContain('Late payment: 5 days after the due date, a one-off fee of €25.00 and simple interest of 10% a year on the unpaid amount will be added, €30.00 at most in total.');
    await sleepUntil(await plannedAt(handle, 'due_today')); // up to the due date: nothing charged yet
    expect((await handle.query(invoiceStateQuery)).adjustments).toBe(0);
    await ctx.env.sleep('80 days');
    const state = await handle.query(invoiceStateQuery);
    const adjustments = await ctx.orm.em.fork().find(InvoiceAdjustment, { invoiceId: invoice.id }, { orderBy: { createdAt: 'asc' } });
    expect(adjustments[0]).toMatchObject({ kind: 'late_fee', amount: 2_500 });
    // Interest at the next reminder after the grace period: 10% a year on the unpaid principal only.
    const chargedOn = state.ladder!.done.find((d) => d.stepId === 'overdue_7')!.at.slice(0, 10);
    const interestDays = daysBetween(addDays(invoice.dueDate, 5), chargedOn);
    expect(interestDays).toBeGreaterThan(0);
    expect(adjustments[1]).toMatchObject({ kind: 'late_fee', amount: Math.round((invoice.total * 0.1 * interestDays) / 365) });
    expect(adjustments.reduce((s, a) => s + a.amount, 0)).toBe(3_000); // capped
    expect(state.adjustments).toBe(3_000);
    expect(state.amountDue).toBe(invoice.total + 3_000);
    expect(state.history.filter((h) => h.kind === 'late_fee').every((h) => /as stated on the invoice/.test(h.message))).toBe(true);
    const finalNotice = mailsTo(ctx, invoice.clientEmail).find((m) => stepOf(m.idempotencyKey) === 'final_notice')!;
    expect(finalNotice.text).toContain('Late fees added so far: €30.00');
    await handle.executeUpdate(decideCollectionsUpdate, { args: [{ decision: 'write_off', reason: 'test' }] });
  });
});

describe('collections review decisions', () => {
  it('extend starts the ladder again toward the new date; agency stops reminders', async () => {
    const { invoice, handle } = await issueInvoice(ctx);
    await ctx.env.sleep('80 days');
    const sent = mailsTo(ctx, invoice.clientEmail).length;
    const newDueDate = new Date((await ctx.env.currentTimeMs()) + 20 * DAY).toISOString().slice(0, 10);
    const extended = await handle.executeUpdate(decideCollectionsUpdate, { args: [{ decision: 'extend', newDueDate }] });
    expect(extended).toMatchObject({ stage: 'extended', dueDate: newDueDate, nextStep: { id: 'heads_up' } });
    await ctx.env.sleep('22 days');
    expect(clientSteps(invoice.clientEmail).slice(sent)).toEqual(['heads_up', 'due_today']);
    await ctx.env.sleep('60 days');
    const agency = await handle.executeUpdate(decideCollectionsUpdate, { args: [{ decision: 'agency', agency: 'Balkan Collect Ltd' }] });
    expect(agency.stage).toBe('with_agency');
    const before = mailsTo(ctx, invoice.clientEmail).length;
    await ctx.env.sleep('60 days');
    expect(mailsTo(ctx, invoice.clientEmail)).toHaveLength(before);
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('agency', invoice.total)] });
    expect((await handle.result()).status).toBe('paid');
  });
});
