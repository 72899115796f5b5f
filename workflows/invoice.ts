// One invoice, from sending to settled. Reads like the brief: send it, follow the reminder ladder
// until it is paid, let a person decide at collections review, and watch a paid invoice for a
// refund. Every rule comes from domain/ (the account, the ladder, the fees); every effect from
// an activity. Deterministic: workflow clock only, no I/O.
import { allHandlersFinished, condition, patched } from '@temporalio/workflow';
import { enterStage, ladderStep, lateFeeCharge, principalDue, touch } from '../domain/account';
import { dateIn } from '../domain/dates';
import { accrueLateFees } from '../domain/fees';
import { dueNow, effectiveShift } from '../domain/ladder';
import type { CollectionsDecision, InvoiceStatus, InvoiceWorkflowInput, LadderStep, Stage } from '../domain/types';
import { INSTALMENT_MISSED } from '../domain/instalments';
import { registerHandlers } from './invoice-handlers';
import { InvoiceRun } from './invoice-run';
import { clientReminders } from './effects';
import { awaitPlanChange, followPlan, instalmentMissed } from './plan-handler';

/** The ladder's first round is laid out before any handler runs (found by a pause sent right after issue). */
export const ROUND_FIRST_PATCH = 'round-first';

/** Reminders go through the client's workflow, which sends a client's reminders of one window as one email. */
export const GROUPED_REMINDERS_PATCH = 'grouped-reminders';

/** A final notice stands alone: it names a last date for one invoice, and must not read as one line of a list. */
const ALWAYS_ALONE = new Set(['final_notice']);

/** How long a paid invoice keeps listening for a refund or a dispute (card disputes come within ~120 days). */
const SETTLED_WATCH = '120 days';

export interface InvoiceOutcome {
  status: InvoiceStatus;
  stage: Stage;
  amountPaid: number;
}

export async function invoiceWorkflow(input: InvoiceWorkflowInput): Promise<InvoiceOutcome> {
  const run = new InvoiceRun(input);
  // An update that arrives with the start (a question right after issue) is handed to its handler
  // as the handler is set: the ladder's first round must exist by then, or it would wipe the pause.
  if (patched(ROUND_FIRST_PATCH)) {
    run.startRound();
    registerHandlers(run);
  } else {
    registerHandlers(run);
    run.startRound();
  }
  await run.email.sendClientEmail({ invoiceId: input.invoiceId, key: `${run.workflowId}:invoice`, template: 'invoice', tone: 'friendly' });
  // A payment may have settled it while the email was on its way; a question or a promise may
  // have changed its stage: both stay as they are.
  if (!run.isClosed()) await run.commit(touch(run.account), 'sent', `Invoice sent to ${input.clientEmail}.`, 'sent');

  for (let settled = 1; ; settled++) {
    while (!run.isClosed()) {
      if (run.instalments) await followPlan(run);
      const schedule = run.plan();
      if (schedule.state === 'finished' && run.instalments) {
        await awaitPlanChange(run); // a missed instalment: a person has a task
        continue;
      }
      if (schedule.state === 'finished') {
        // Collections review: a person decides. Dunwell never escalates to a third party on its own.
        await condition(() => run.isClosed() || run.decision !== undefined);
        if (run.isClosed() || !run.decision) break;
        await decide(run, run.decision);
        run.decision = undefined; // lets the decision's update answer with the new state
        continue;
      }
      const { run: step, skip } = dueNow(schedule, run.now());
      if (step) {
        const at = run.now().toISOString();
        run.progress = {
          ...run.progress,
          done: [...run.progress.done, ...skip.map((s) => ({ stepId: s.step.id, at, outcome: 'skipped' as const })), { stepId: step.step.id, at, outcome: 'sent' as const }],
        };
        await runStep(run, step.step);
        continue;
      }
      if ((await waitForNextMoment(run)) === 'timer') await settleExpired(run);
    }

    if (run.account.status !== 'paid') break;
    const discounted = run.account.discount > 0;
    await run.commit(touch(run.account), 'paid', discounted ? 'Paid in full with the early-payment discount. Thank you!' : 'Paid in full. Reminders stopped.', settled === 1 ? 'paid' : `paid:${settled}`);
    // Paid: no more reminders, but a refund, a dispute or an approved change order may reopen it.
    // A full credit note ends the watch as well (the invoice is void).
    if (!(await condition(() => run.account.status !== 'paid', SETTLED_WATCH)) || (run.account.status as InvoiceStatus) !== 'open') break;
    await run.commit(touch(run.account), 'reopened', `Reopened: ${run.money(run.due())} is due again.`, `reopened:${settled}`);
  }
  await condition(allHandlersFinished);
  await run.settleBackground();
  return { status: run.account.status, stage: run.account.stage, amountPaid: run.account.paid };
}

async function decide(run: InvoiceRun, made: CollectionsDecision): Promise<void> {
  const { dueDate } = run.account;
  if (made.decision === 'write_off') {
    await run.commit(enterStage(run.account, 'written_off', 'uncollectible'), 'write_off', `Written off: ${made.reason}`, `write_off:${dueDate}`);
  } else if (made.decision === 'agency') {
    // Payments may still arrive through the agency; reminders stay stopped.
    await run.commit(enterStage(run.account, 'with_agency'), 'agency', `Handed to ${made.agency} by the owner.`, `agency:${dueDate}`);
  } else {
    await run.commit(ladderStep(run.account, 'extended', made.newDueDate), 'extend', `Due date extended to ${made.newDueDate}.`, `extend:${made.newDueDate}`);
    run.startRound();
  }
}

/** Late fees become due as the ladder passes the grace period; each is its own visible line. */
async function chargeLateFees(run: InvoiceRun): Promise<void> {
  const terms = run.input.terms.lateFees;
  const today = dateIn(run.now(), run.timeZone);
  const { charges, progress } = accrueLateFees(terms, run.account.dueDate, principalDue(run.account), today, run.lateFees);
  run.lateFees = progress;
  for (const charge of charges) {
    const description = charge.kind === 'fixed'
      ? `Late fee of ${run.money(charge.amount)}, as stated on the invoice.`
      : `Late interest of ${run.money(charge.amount)}: ${terms!.annualRatePercent}% a year on ${run.money(charge.principal!)} for ${charge.days} days, as stated on the invoice.`;
    const key = `late_fee:${charge.kind}:${today}`;
    const { account, entries } = lateFeeCharge(run.account, { key, amount: charge.amount, description });
    await run.commit(account, 'late_fee', description, key, entries);
  }
}

async function runStep(run: InvoiceRun, step: LadderStep): Promise<void> {
  if (run.instalments && step.id === INSTALMENT_MISSED) return instalmentMissed(run);
  // The ladder's date: the invoice's, or the current instalment's (each instalment's steps are their own).
  const key = `${step.id}:${run.facts().dueDate}`;
  const invoiceId = run.input.invoiceId;
  // The plan's amounts are what was agreed: no late fee is added to them.
  if (step.action === 'email_client' && !run.instalments) await chargeLateFees(run);
  if (run.isClosed()) return;
  await run.commit(ladderStep(run.account, step.stage), step.id, `Step "${step.id}" (${step.tone}).`, key, {}, { step: { action: step.action, alone: ALWAYS_ALONE.has(step.template) } });
  if (step.action === 'email_client') {
    const reminder = { invoiceId, key: `${run.workflowId}:${key}`, template: step.template, tone: step.tone };
    if (!ALWAYS_ALONE.has(step.template) && patched(GROUPED_REMINDERS_PATCH)) {
      await clientReminders.queueReminder({ ...reminder, invoiceWorkflowId: run.workflowId, clientEmail: run.input.clientEmail });
    } else {
      await run.email.sendClientEmail(reminder);
    }
  } else {
    await run.ownerTask(key, step.action);
    await run.email.notifyOwner({ invoiceId, key: `${run.workflowId}:${key}:owner`, template: step.template });
  }
}

/** Wakes up when the plan's next moment comes (a step, a pause ending, a promise falling due) or anything changes. */
async function waitForNextMoment(run: InvoiceRun): Promise<'timer' | 'changed'> {
  const schedule = run.plan();
  const moments = [schedule.resumesAt, schedule.state === 'paused' ? null : schedule.upcoming[0]?.at]
    .filter((m): m is string => !!m)
    .map((m) => Date.parse(m));
  const seen = run.changes;
  const wake = () => run.isClosed() || run.changes !== seen;
  if (moments.length === 0) {
    await condition(wake);
    return 'changed';
  }
  const wait = Math.min(...moments) - Date.now();
  if (wait <= 0) return 'timer';
  return (await condition(wake, wait)) ? 'changed' : 'timer';
}

/** A pause that ran out, or a promise that was not kept. */
async function settleExpired(run: InvoiceRun): Promise<void> {
  const at = run.now();
  const { progress } = run;
  if (progress.pause?.resumesAt && Date.parse(progress.pause.resumesAt) <= at.getTime()) {
    run.progress = { ...progress, shiftMs: effectiveShift(run.policy, run.facts(), progress, at), pause: null };
    run.pendingPaymentId = null;
    await run.commit(enterStage(run.account, run.account.ladderStage), 'resumed', 'Reminders resumed by themselves: the pause ran out.', `auto_resume:${at.toISOString()}`);
  }
  const { promise } = run.progress;
  if (promise && Date.parse(promise.breaksAt) <= at.getTime()) {
    // The next, firmer step goes out now; the rest keep their spacing after it.
    run.progress = { ...run.progress, shiftMs: effectiveShift(run.policy, run.facts(), run.progress, at), promise: null };
    await run.commit(enterStage(run.account, run.account.ladderStage), 'promise_broken', `The promise to pay by ${promise.date} was not kept.`, `promise_broken:${promise.date}`);
    await run.ownerTask(`promise_broken:${promise.date}`, 'promise_broken', 'A promise to pay was not kept', `The client promised to pay by ${promise.date}; ${run.money(run.due())} is still due. The next reminder goes out now.`);
  }
}
