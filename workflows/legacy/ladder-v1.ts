// Frozen copy of the spine's ladder functions, used only by invoice-v1.ts so its replay never changes.
// the API shows the same schedule as a preview. No I/O, no clock: `now` is always passed in.
import { addDays, weekday, zonedInstant } from '../../domain/dates';
import type { LadderStep, ScheduledStep } from '../types';

/** Reminders go out at 10:00 on the client's clock, a civil hour to read about money. */
export const SEND_AT_MINUTES = 10 * 60;

/** The default ladder: friendly before the due date, firmer after, and a person at the end. */
export const STANDARD_LADDER: readonly LadderStep[] = [
  { id: 'heads_up', offsetDays: -3, action: 'email_client', tone: 'friendly', template: 'reminder_before_due', stage: 'heads_up' },
  { id: 'due_today', offsetDays: 0, action: 'email_client', tone: 'friendly', template: 'reminder_due_today', stage: 'due' },
  { id: 'overdue_3', offsetDays: 3, action: 'email_client', tone: 'nudge', template: 'reminder_overdue', stage: 'overdue' },
  { id: 'overdue_7', offsetDays: 7, action: 'email_client', tone: 'firm', template: 'reminder_overdue', stage: 'overdue' },
  { id: 'check_in', offsetDays: 14, action: 'owner_task', tone: 'firm', template: 'owner_check_in', stage: 'check_in' },
  { id: 'final_notice', offsetDays: 30, action: 'email_client', tone: 'final', template: 'final_notice', stage: 'final_notice' },
  { id: 'collections_review', offsetDays: 45, action: 'collections_review', tone: 'final', template: 'owner_collections_review', stage: 'collections_review' },
];

/** Saturday and Sunday move to Monday: nobody wants a payment reminder at the weekend. */
export function nextBusinessDay(date: string): string {
  const day = weekday(date);
  if (day === 6) return addDays(date, 2);
  if (day === 0) return addDays(date, 1);
  return date;
}

/** Every step of the ladder with the instant it runs, in ladder order. */
export function scheduleLadder(ladder: readonly LadderStep[], dueDate: string, timeZone: string): ScheduledStep[] {
  return ladder
    .map((step) => {
      const day = nextBusinessDay(addDays(dueDate, step.offsetDays));
      return { step, at: zonedInstant(day, SEND_AT_MINUTES, timeZone).toISOString() };
    })
    .sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * The steps still to run after `now`, skipping those already done. A step whose time
 * passed while nothing ran (an invoice issued late, a decision to extend) is dropped,
 * never sent late in a burst.
 */
export function upcomingSteps(
  ladder: readonly LadderStep[],
  dueDate: string,
  timeZone: string,
  now: Date,
  done: ReadonlySet<string> = new Set(),
): ScheduledStep[] {
  return scheduleLadder(ladder, dueDate, timeZone).filter(
    (s) => !done.has(s.step.id) && Date.parse(s.at) > now.getTime(),
  );
}
