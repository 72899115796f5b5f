// The dunning engine: one pure function turns (policy, invoice, what happened so far) into the
// exact schedule. The workflow runs it; the API shows it. No I/O, no clock: `now` is passed in.
import { addDays, dateIn, minutesIn, zonedInstant } from './dates';
import { isBusinessDay, type HolidayDates } from './holidays';
import { BUILTIN_POLICIES, type BusinessHours, type DunningPolicy } from './policies';
import type { LadderStep, ScheduledStep } from './types';

export const STANDARD_LADDER: readonly LadderStep[] = BUILTIN_POLICIES.standard.steps;

export interface ScheduleFacts {
  dueDate: string;
  timeZone: string;
  /** The client's country's days off; absent for invoices started before holidays were known. */
  holidays?: HolidayDates;
}

export interface StepRecord {
  stepId: string;
  at: string;
  outcome: 'sent' | 'skipped';
}

/** What has happened to the ladder in the current round (a new due date starts a new round). */
export interface LadderProgress {
  done: StepRecord[];
  /** Delay added by pauses and broken promises; the ladder keeps its spacing, it is never squeezed. */
  shiftMs: number;
  pause: { since: string; reason: string; resumesAt: string | null } | null;
  promise: { date: string; madeAt: string; breaksAt: string } | null;
}

export const NEW_PROGRESS: LadderProgress = { done: [], shiftMs: 0, pause: null, promise: null };

export type LadderState = 'running' | 'paused' | 'promised' | 'finished';

export interface Schedule {
  state: LadderState;
  upcoming: ScheduledStep[];
  /** When a pause ends by itself, or a promise is broken if no payment arrives. */
  resumesAt: string | null;
}

/** Saturday, Sunday and the client's public holidays move to the next business day. */
export function nextBusinessDay(date: string, holidays: HolidayDates = []): string {
  let day = date;
  while (!isBusinessDay(day, holidays)) day = addDays(day, 1);
  return day;
}

/**
 * The first instant at or after `instant` that is a business day (no weekend, no holiday) within
 * business hours on the client's clock. Moved to a later day (or to before opening), it lands at
 * `preferredMinutes`.
 */
export function nextAllowedInstant(instant: Date, timeZone: string, hours: BusinessHours, preferredMinutes = hours.startMinutes, holidays: HolidayDates = []): Date {
  const landing = preferredMinutes >= hours.startMinutes && preferredMinutes < hours.endMinutes ? preferredMinutes : hours.startMinutes;
  let date = dateIn(instant, timeZone);
  let minutes = minutesIn(instant, timeZone);
  // A month covers the longest run of days off anywhere (a weekend either side of a holiday week).
  for (let i = 0; i < 31; i++) {
    if (isBusinessDay(date, holidays)) {
      if (minutes < hours.startMinutes) return zonedInstant(date, landing, timeZone);
      if (minutes < hours.endMinutes) return instant;
    }
    date = addDays(date, 1);
    minutes = -1;
  }
  return instant;
}

/** When a step would run with no pause: its day at the policy's preferred local time. */
function baseInstant(policy: DunningPolicy, facts: ScheduleFacts, step: LadderStep): number {
  return zonedInstant(addDays(facts.dueDate, step.offsetDays), policy.sendAtMinutes, facts.timeZone).getTime();
}

function remainingSteps(policy: DunningPolicy, progress: LadderProgress): LadderStep[] {
  const done = new Set(progress.done.map((d) => d.stepId));
  return policy.steps.filter((s) => !done.has(s.id));
}

/**
 * The delay to apply to every remaining step. A pause adds its length (up to its automatic end);
 * a promise holds the next step until the promise is broken, and the rest keep their spacing.
 */
export function effectiveShift(policy: DunningPolicy, facts: ScheduleFacts, progress: LadderProgress, now: Date): number {
  let shift = progress.shiftMs;
  if (progress.pause) {
    const end = progress.pause.resumesAt ? Date.parse(progress.pause.resumesAt) : now.getTime();
    shift += Math.max(0, end - Date.parse(progress.pause.since));
  }
  const next = remainingSteps(policy, progress)[0];
  if (progress.promise && next) {
    const firstAt = baseInstant(policy, facts, next) + shift;
    shift += Math.max(0, Date.parse(progress.promise.breaksAt) - firstAt);
  }
  return shift;
}

export function planSchedule(policy: DunningPolicy, facts: ScheduleFacts, progress: LadderProgress, now: Date): Schedule {
  const remaining = remainingSteps(policy, progress);
  if (remaining.length === 0) return { state: 'finished', upcoming: [], resumesAt: null };
  if (progress.pause && !progress.pause.resumesAt) return { state: 'paused', upcoming: [], resumesAt: null };
  const shift = effectiveShift(policy, facts, progress, now);
  const upcoming = remaining.map((step) => ({
    step,
    at: nextAllowedInstant(new Date(baseInstant(policy, facts, step) + shift), facts.timeZone, policy.businessHours, policy.sendAtMinutes, facts.holidays).toISOString(),
  }));
  if (progress.pause) return { state: 'paused', upcoming, resumesAt: progress.pause.resumesAt };
  if (progress.promise) return { state: 'promised', upcoming, resumesAt: progress.promise.breaksAt };
  return { state: 'running', upcoming, resumesAt: null };
}

/**
 * Of the steps whose time has come, only the latest runs; the others are skipped. A worker that
 * was down for a week, or an invoice issued late, never sends a burst of reminders.
 */
export function dueNow(schedule: Schedule, now: Date): { run: ScheduledStep | null; skip: ScheduledStep[] } {
  if (schedule.state === 'paused' || schedule.state === 'finished') return { run: null, skip: [] };
  const due = schedule.upcoming.filter((s) => Date.parse(s.at) <= now.getTime());
  if (due.length === 0) return { run: null, skip: [] };
  return { run: due[due.length - 1], skip: due.slice(0, -1) };
}

/**
 * Steps that land on the same instant as a later step (a weekend moves "due today" and "1 day
 * overdue" both to Monday): dueNow sends only the later, firmer one, so the schedule says so.
 */
export function supersededSteps(upcoming: readonly ScheduledStep[]): Map<string, string> {
  const superseded = new Map<string, string>();
  upcoming.forEach((s, i) => {
    const later = upcoming.slice(i + 1).filter((l) => l.at === s.at).pop();
    if (later) superseded.set(s.step.id, later.step.id);
  });
  return superseded;
}

/** Steps already in the past when a round starts (issue or extension): skipped, not sent. */
export function pastAtStart(policy: DunningPolicy, facts: ScheduleFacts, now: Date): StepRecord[] {
  return planSchedule(policy, facts, NEW_PROGRESS, now)
    .upcoming.filter((s) => Date.parse(s.at) <= now.getTime())
    .map((s) => ({ stepId: s.step.id, at: now.toISOString(), outcome: 'skipped' as const }));
}

/** When a promise to pay for `date` counts as broken: the usual sending time after the grace days. */
export function promiseBreaksAt(policy: DunningPolicy, date: string, timeZone: string, holidays: HolidayDates = []): Date {
  return nextAllowedInstant(zonedInstant(addDays(date, policy.promiseGraceDays + 1), 0, timeZone), timeZone, policy.businessHours, policy.sendAtMinutes, holidays);
}
