// What an invoice's workflow answers when asked: the account, the ladder's plan and the offer,
// computed by the same pure functions the API and emails use.
import { accountDue, adjustmentsOf, amountsOf, isClosed, offerState, type Account, type OfferTerms } from './account';
import type { HolidayDates } from './holidays';
import type { PlanStanding } from './instalments';
import { planSchedule, type LadderProgress } from './ladder';
import type { DunningPolicy } from './policies';
import type { InvoiceSnapshot, TimelineEntry } from './types';

export interface SnapshotInput {
  account: Account;
  offer: OfferTerms;
  policy: DunningPolicy;
  timeZone: string;
  holidays?: HolidayDates;
  progress: LadderProgress;
  history: readonly TimelineEntry[];
  now: Date;
  /** The date the ladder counts from: an instalment's while a plan is followed. */
  ladderDueDate?: string;
  plan?: PlanStanding | null;
}

export function invoiceSnapshot({ account: a, offer, policy, timeZone, holidays, progress, history, now, ladderDueDate, plan }: SnapshotInput): InvoiceSnapshot {
  const closed = isClosed(a);
  const schedule = planSchedule(policy, { dueDate: ladderDueDate ?? a.dueDate, timeZone, holidays }, progress, now);
  const next = closed || schedule.state === 'paused' ? undefined : schedule.upcoming[0];
  const early = offerState(offer, { status: a.status, discount: a.discount, amounts: amountsOf(a) }, now.getTime());
  return {
    seq: a.seq,
    status: a.status,
    stage: a.stage,
    currency: a.currency,
    total: a.total,
    amountPaid: a.paid,
    adjustments: adjustmentsOf(a),
    creditNotesTotal: a.creditNotes,
    changesTotal: a.changes,
    amountDue: accountDue(a),
    dueDate: a.dueDate,
    nextStep: next ? { id: next.step.id, action: next.step.action, at: next.at } : null,
    history: [...history],
    ladder: {
      policy: policy.name,
      state: closed ? 'closed' : schedule.state,
      resumesAt: schedule.resumesAt,
      upcoming: closed ? [] : schedule.upcoming,
      done: [...progress.done],
      pause: progress.pause,
      promise: progress.promise,
    },
    earlyPayment: early,
    plan: plan ?? null,
  };
}
