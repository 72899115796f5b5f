// Public holidays on the time-skipping server: a Bulgarian client's reminder that falls on New
// Year's Day goes out on the next business day, and the API's preview said so from the start.
import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { addDays, dateIn, zonedInstant } from '../../domain/dates';
import { isWeekend } from '../../domain/holidays';
import { invoiceStateQuery, recordPaymentUpdate } from '../../workflows/messages';
import { publicHolidays } from '../../services/holidays';
import { scheduleView } from '../../services/schedule-view';
import { issueInvoice, mailsTo, payment, useTimeSkipping } from '../support/time-skipping';

const ctx = useTimeSkipping();
const SOFIA = 'Europe/Sofia';
const stepOf = (key: string | null) => key!.split(':')[1];
const sleepUntil = async (at: Date) => ctx.env.sleep(Math.max(1, at.getTime() - (await ctx.env.currentTimeMs())));
/** Workflow timers fire a few milliseconds after their instant. */
const close = (actual: string, planned: Date) => Math.abs(Date.parse(actual) - planned.getTime()) < 1_000;

/** Due on 29 December, "3 days overdue" falls on New Year's Day: the first year it is a weekday, 27 days ahead or more. */
function scenario(today: string) {
  let year = Number(today.slice(0, 4));
  while (addDays(`${year}-12-29`, -27) < today || isWeekend(`${year + 1}-01-01`)) year++;
  const newYear = `${year + 1}-01-01`;
  const holidays = publicHolidays('BG', newYear, addDays(newYear, 14));
  let sendDay = addDays(newYear, 1);
  while (isWeekend(sendDay) || holidays.includes(sendDay)) sendDay = addDays(sendDay, 1);
  return { dueDate: `${year}-12-29`, newYear, sendDay };
}

describe('public holidays', () => {
  it('the holiday library stays out of the workflow bundle: the dates come in the input', () => {
    const bundle = fs.readFileSync(inject('workflowBundlePath'), 'utf8');
    expect(bundle).toContain('isBusinessDay'); // domain/holidays.ts, pure, is in it
    expect(bundle).not.toContain('date-holidays');
  });

  it('a Bulgarian client\'s reminder due on New Year\'s Day goes out on the next business day', async () => {
    const { dueDate, newYear, sendDay } = scenario(dateIn(new Date(await ctx.env.currentTimeMs()), 'UTC'));
    if (newYear === '2027-01-01') expect(sendDay).toBe('2027-01-04'); // a Friday: Monday
    await sleepUntil(zonedInstant(addDays(dueDate, -27), 9 * 60, 'UTC'));
    const { invoice, handle } = await issueInvoice(ctx, { termsDays: 27, client: { timeZone: SOFIA, country: 'BG' } as never });
    expect(invoice.dueDate).toBe(dueDate); // the due date is the contract: never moved

    // The workflow plans "3 days overdue" for the next business morning, as the API's preview does.
    const sendAt = zonedInstant(sendDay, 10 * 60, SOFIA);
    const planned = (await handle.query(invoiceStateQuery)).ladder!.upcoming;
    expect(planned.find((s) => s.step.id === 'overdue_3')!.at).toBe(sendAt.toISOString());
    const preview = scheduleView(invoice, null, new Date(await ctx.env.currentTimeMs())).upcoming;
    expect(preview.map((s) => [s.stepId, s.at])).toEqual(planned.map((s) => [s.step.id, s.at]));

    // All of New Year's Day passes on the test server's clock: nothing more goes to the client.
    await sleepUntil(zonedInstant(newYear, 23 * 60, SOFIA));
    const sentBefore = mailsTo(ctx, invoice.clientEmail).map((m) => stepOf(m.idempotencyKey));
    expect(sentBefore).not.toContain('overdue_3');

    // On the next business day at 10:00 in Sofia it goes out.
    await sleepUntil(new Date(sendAt.getTime() + 10 * 60_000)); // past the client's send window (workflows/client-reminders.ts)
    const sent = mailsTo(ctx, invoice.clientEmail).map((m) => stepOf(m.idempotencyKey));
    expect(sent).toEqual([...sentBefore, 'overdue_3']);
    const done = (await handle.query(invoiceStateQuery)).ladder!.done;
    expect(close(done.find((d) => d.stepId === 'overdue_3')!.at, sendAt)).toBe(true);
    // No step ran on a weekend or a Bulgarian holiday (28 December 2026 is one: the 26th was a Saturday).
    const holidays = publicHolidays('BG', addDays(dueDate, -30), sendDay);
    for (const d of done) {
      const day = dateIn(new Date(d.at), SOFIA);
      expect(isWeekend(day) || holidays.includes(day), `${d.stepId} ran on ${day}`).toBe(false);
    }

    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('bank:holidays', invoice.total)] });
    expect(await handle.result()).toMatchObject({ status: 'paid' });
  });
});
