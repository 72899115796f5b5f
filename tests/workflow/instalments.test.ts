// An instalment plan on the time-skipping server: the ladder follows each instalment in turn,
// reminds only of the one due or late, and tells the owner when one is missed.
import { describe, expect, it } from 'vitest';
import { OwnerTask } from '../../db/entities';
import { addDays, dateIn, weekday } from '../../domain/dates';
import { agreePlanUpdate, invoiceStateQuery, recordPaymentUpdate } from '../../workflows/messages';
import { issueInvoice, mailsTo, payment, useTimeSkipping } from '../support/time-skipping';

const ctx = useTimeSkipping();
/** The reminders sent so far as "step@date" (the key is <workflow>:<step>:<date the ladder counts from>). */
const reminders = (email: string) => mailsTo(ctx, email).slice(1).map((m) => `${m.idempotencyKey!.split(':')[1]}@${m.idempotencyKey!.split(':')[2]}`);
/** Noon UTC on `date` (the client is on UTC; steps go out at 10:00 and their window closes soon after). */
const sleepUntil = async (date: string) => ctx.env.sleep(Math.max(1, Date.parse(`${date}T12:00:00Z`) - (await ctx.env.currentTimeMs())));
const thursdayFrom = (date: string) => {
  let day = date;
  while (weekday(day) !== 4) day = addDays(day, 1);
  return day;
};

describe('instalment plans', () => {
  it('refuses a plan that does not add up to what is due, naming the field', async () => {
    const { invoice, handle } = await issueInvoice(ctx);
    const today = dateIn(new Date(await ctx.env.currentTimeMs()), 'UTC');
    const plan = { instalments: [{ dueDate: addDays(today, 10), amount: 100 }, { dueDate: addDays(today, 20), amount: invoice.total - 101 }] };
    await expect(handle.executeUpdate(agreePlanUpdate, { args: [plan] })).rejects.toMatchObject({ cause: { message: expect.stringMatching(/^instalments: the amounts add up to/) } });
    expect((await handle.query(invoiceStateQuery)).plan).toBeNull();
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('plan:refused', invoice.total)] });
  });

  it('reminds of each instalment in turn; a missed one gets the owner a task; all paid ends it', async () => {
    const { invoice, handle, issuedAt } = await issueInvoice(ctx);
    // Thursdays four weeks apart: every step of a standard ladder lands on a known business day.
    const d1 = thursdayFrom(addDays(dateIn(issuedAt, 'UTC'), 8));
    const [d2, d3] = [addDays(d1, 28), addDays(d1, 56)];
    const [a1, a2] = [Math.floor(invoice.total / 3), Math.floor(invoice.total / 3)];
    const a3 = invoice.total - a1 - a2;
    const agreed = await handle.executeUpdate(agreePlanUpdate, { args: [{ instalments: [{ dueDate: d1, amount: a1 }, { dueDate: d2, amount: a2 }, { dueDate: d3, amount: a3 }] }] });
    expect(agreed.plan!.instalments.map((i) => i.status)).toEqual(['due', 'upcoming', 'upcoming']);
    expect(agreed.history.at(-1)!.message).toMatch(/^Instalment plan agreed: 3 instalments/);

    // The first is paid the day after its date: a heads-up and a due-day note, nothing more.
    await sleepUntil(addDays(d1, 1));
    expect(reminders(invoice.clientEmail)).toEqual([`heads_up@${d1}`, `due_today@${d1}`]);
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('plan:1', a1)] });

    // The second is late: its own reminders only, then the owner hears it was missed.
    await sleepUntil(addDays(d2, 15));
    expect(reminders(invoice.clientEmail)).toEqual([`heads_up@${d1}`, `due_today@${d1}`, `heads_up@${d2}`, `due_today@${d2}`, `overdue_3@${d2}`, `overdue_7@${d2}`]);
    const tasks = await ctx.orm.em.fork().find(OwnerTask, { invoiceId: invoice.id });
    expect(tasks.map((t) => t.kind)).toEqual(['instalment_missed']);
    expect(tasks[0].title).toContain('An instalment was missed');
    const late = await handle.query(invoiceStateQuery);
    expect(late.plan!.instalments.map((i) => i.status)).toEqual(['paid', 'late', 'upcoming']);
    expect(late.plan!.current).toMatchObject({ number: 2, remaining: a2 });
    expect(late.nextStep).toBeNull();

    // Paid late: nothing about the third until its heads-up.
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('plan:2', a2)] });
    await sleepUntil(addDays(d3, -4));
    expect(reminders(invoice.clientEmail)).toHaveLength(6);
    expect((await handle.query(invoiceStateQuery)).plan!.instalments.map((i) => i.status)).toEqual(['paid', 'paid', 'due']);
    await sleepUntil(addDays(d3, -2));
    expect(reminders(invoice.clientEmail).at(-1)).toBe(`heads_up@${d3}`);

    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('plan:3', a3)] });
    expect(await handle.result()).toEqual({ status: 'paid', stage: 'paid', amountPaid: invoice.total });
    expect(reminders(invoice.clientEmail)).toHaveLength(7);
  });
});
