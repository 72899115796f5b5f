// The schedule an owner (or the client's page) sees: the same engine the workflow runs.
import { amountDueOf, type Invoice } from '../db/entities';
import { dateTimeFormat } from '../domain/intl';
import { NEW_PROGRESS, pastAtStart, planSchedule, supersededSteps } from '../domain/ladder';
import { BUILTIN_POLICIES } from '../domain/policies';
import type { InvoiceSnapshot, ScheduledStep } from '../domain/types';
import { invoiceHolidays } from './holidays';

function localTime(at: string, timeZone: string): string {
  return dateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(at));
}

function stepViews(upcoming: ScheduledStep[], timeZone: string) {
  const superseded = supersededSteps(upcoming);
  return upcoming.map((s) => ({
    stepId: s.step.id,
    action: s.step.action,
    tone: s.step.tone,
    template: s.step.template,
    at: s.at,
    localTime: `${localTime(s.at, timeZone)} (${timeZone})`,
    // Falls on the same moment as a firmer step, which is the one sent.
    supersededBy: superseded.get(s.step.id) ?? null,
  }));
}

export function scheduleView(invoice: Invoice, live: InvoiceSnapshot | null, now = new Date()) {
  const timeZone = invoice.client.timeZone;
  const base = { invoiceId: invoice.id, number: invoice.number, policy: { name: invoice.policyName, reason: invoice.policyReason }, timeZone };
  if (live?.ladder) {
    const l = live.ladder;
    return { ...base, dueDate: live.dueDate, amountDue: live.amountDue, state: l.state, resumesAt: l.resumesAt, pause: l.pause, promise: l.promise, upcoming: stepViews(l.upcoming, timeZone), done: l.done };
  }
  // No live workflow to ask (not started yet, or Temporal unreachable): plan it from the record.
  const policy = invoice.policy ?? BUILTIN_POLICIES.standard;
  // The same holidays the workflow was started with (services/invoice-workflow.ts).
  const facts = { dueDate: invoice.dueDate, timeZone, holidays: invoiceHolidays(invoice) };
  const closed = invoice.status !== 'open';
  const schedule = planSchedule(policy, facts, { ...NEW_PROGRESS, done: pastAtStart(policy, facts, invoice.createdAt) }, now);
  return {
    ...base,
    dueDate: invoice.dueDate,
    amountDue: amountDueOf(invoice),
    state: closed ? 'closed' : schedule.state,
    resumesAt: null,
    pause: null,
    promise: null,
    upcoming: closed ? [] : stepViews(schedule.upcoming, timeZone),
    done: [],
    live: false,
  };
}
