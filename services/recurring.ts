// Recurring plans (habit 4) as Temporal Schedules. The schedule only says "now"; which period
// that is, and whether its invoice already exists, is decided here, so a period's invoice is
// issued exactly once even if the schedule fires twice (a manual trigger, a catch-up).
import { randomUUID } from 'node:crypto';
import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Invoice, RecurringPlan, type Cadence } from '../db/entities';
import type { Orm } from '../db/orm';
import { addDays, dateIn, zonedInstant } from '../domain/dates';
import type { InvoiceCreate } from '../api/schemas';
import { createInvoice, type CreateInvoiceDeps } from './create-invoice';

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;
/** Plans issue at 09:00 on the plan's clock. */
const ISSUE_HOUR = 9;

export const scheduleIdFor = (planId: string) => `plan-${planId}`;

export function scheduleSpec(plan: Pick<RecurringPlan, 'cadence' | 'timeZone' | 'startDate' | 'endDate'>) {
  const c = plan.cadence;
  const calendar =
    c.every === 'week'
      ? { dayOfWeek: c.weekday.toUpperCase() as 'MONDAY', hour: ISSUE_HOUR }
      : {
          dayOfMonth: c.dayOfMonth,
          hour: ISSUE_HOUR,
          // Every N months, counted from the start month.
          month: MONTHS.filter((_, m) => (m - (Number(plan.startDate.slice(5, 7)) - 1) + 12) % c.interval === 0),
        };
  return {
    calendars: [calendar],
    timezone: plan.timeZone,
    startAt: zonedInstant(plan.startDate, 0, plan.timeZone),
    endAt: plan.endDate ? zonedInstant(addDays(plan.endDate, 1), 0, plan.timeZone) : undefined,
  };
}

/** The period an instant belongs to: the month for monthly plans, the day for weekly ones. */
export function periodKey(cadence: Cadence, at: Date, timeZone: string): string {
  const date = dateIn(at, timeZone);
  return cadence.every === 'month' ? date.slice(0, 7) : date;
}

export interface RecurringDeps extends CreateInvoiceDeps {
  orm: Orm;
  temporal: Client;
  taskQueue: string;
}

export async function createPlan(
  deps: RecurringDeps,
  input: { request: InvoiceCreate; cadence: Cadence; startDate: string; endDate?: string },
): Promise<RecurringPlan> {
  const plan = Object.assign(new RecurringPlan(), {
    id: randomUUID(), request: input.request, clientEmail: input.request.client.email.toLowerCase(), cadence: input.cadence,
    timeZone: input.request.client.timeZone ?? 'UTC', startDate: input.startDate, endDate: input.endDate ?? null,
    status: 'active' as const, skipNext: false, createdAt: new Date(), updatedAt: new Date(),
  });
  await deps.orm.em.fork().persistAndFlush(plan);
  await deps.temporal.schedule.create({
    scheduleId: scheduleIdFor(plan.id),
    spec: scheduleSpec(plan),
    action: { type: 'startWorkflow', workflowType: 'recurringInvoiceWorkflow', args: [plan.id], taskQueue: deps.taskQueue, workflowId: `recurring-${plan.id}` },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
  });
  return plan;
}

export async function nextDates(temporal: Client, planId: string): Promise<string[]> {
  try {
    const description = await temporal.schedule.getHandle(scheduleIdFor(planId)).describe();
    return description.info.nextActionTimes.map((d) => d.toISOString());
  } catch {
    return [];
  }
}

export async function setPaused(temporal: Client, orm: Orm, plan: RecurringPlan, paused: boolean, note: string): Promise<void> {
  const handle = temporal.schedule.getHandle(scheduleIdFor(plan.id));
  if (paused) await handle.pause(note);
  else await handle.unpause(note);
  await orm.em.fork().nativeUpdate(RecurringPlan, { id: plan.id }, { status: paused ? 'paused' : 'active', updatedAt: new Date() });
}

export async function endPlan(temporal: Client, orm: Orm, plan: RecurringPlan): Promise<void> {
  await temporal.schedule.getHandle(scheduleIdFor(plan.id)).delete().catch(() => {});
  await orm.em.fork().nativeUpdate(RecurringPlan, { id: plan.id }, { status: 'ended', updatedAt: new Date() });
}

class AlreadyIssued extends Error {}

/** The schedule fired at `at`: issue this period's invoice, once. Returns what happened. */
export async function issueForPeriod(deps: RecurringDeps, planId: string, at: Date): Promise<string> {
  const em = deps.orm.em.fork();
  const plan = await em.findOne(RecurringPlan, { id: planId });
  if (!plan || plan.status !== 'active') return `plan is ${plan?.status ?? 'gone'}`;
  const key = periodKey(plan.cadence, at, plan.timeZone);
  const record = (outcome: string, invoiceId: string | null = null) =>
    em.getConnection().execute(
      `insert into recurring_invoice (plan_id, period_key, invoice_id, outcome) values (?, ?, ?, ?) on conflict do nothing returning plan_id`,
      [plan.id, key, invoiceId, outcome],
    );

  if (plan.skipNext) {
    if ((await record('skipped')).length) await em.nativeUpdate(RecurringPlan, { id: plan.id }, { skipNext: false });
    return `skipped ${key}`;
  }
  // A client whose earlier invoice waits for a collections decision gets no new one meanwhile.
  const inReview = await em.count(Invoice, { clientEmail: plan.clientEmail, status: 'open', stage: { $in: ['collections_review', 'with_agency'] } });
  if (inReview > 0) {
    await setPaused(deps.temporal, deps.orm, plan, true, 'client in collections review');
    return 'paused: client in collections review';
  }
  try {
    const { invoice } = await createInvoice({ ...deps, now: () => at }, plan.request as InvoiceCreate, { within: async (tx, created) => {
      try {
        await tx.execute(`insert into recurring_invoice (plan_id, period_key, invoice_id, outcome) values (?, ?, ?, 'issued')`, [plan.id, key, created.id]);
      } catch (err) {
        // The same period again: the whole issue rolls back, its number included.
        if (err instanceof UniqueConstraintViolationException) throw new AlreadyIssued(key);
        throw err;
      }
    } });
    return `issued ${invoice.number} for ${key}`;
  } catch (err) {
    if (err instanceof AlreadyIssued) return `already issued for ${key}`;
    throw err;
  }
}
