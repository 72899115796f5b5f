// Instalment plans in the invoice workflow: the owner's update that agrees one, and the moves
// the main loop makes while one is followed. Every rule is in domain/instalments.ts. No existing
// history has a plan, so nothing here changes the commands an old history replays.
import { condition, setHandler } from '@temporalio/workflow';
import { backToLadder, isClosed, ladderStep, touch } from '../domain/account';
import { dateIn } from '../domain/dates';
import { describePlan, planProblems, planStanding, type PlanInput } from '../domain/instalments';
import type { InvoiceRun } from './invoice-run';
import { agreePlanUpdate } from './messages';

const today = (run: InvoiceRun) => dateIn(run.now(), run.timeZone);
const standingOf = (run: InvoiceRun) => planStanding(run.instalments!.plan, run.due(), today(run));

export function registerPlanHandler(run: InvoiceRun): void {
  setHandler(agreePlanUpdate, async (input: PlanInput) => {
    const at = run.now().toISOString();
    const instalments = input.instalments.map((i) => ({ dueDate: i.dueDate, amount: i.amount }));
    run.instalments = { plan: { instalments, agreedAt: at, total: run.due() }, round: 0 };
    // The plan is the new agreement: a pause or a promise before it is over, and fees stop.
    run.pendingPaymentId = null;
    run.startRound();
    await run.commit(backToLadder(run.account), 'plan_agreed', `Instalment plan agreed: ${describePlan({ instalments }, run.money)}. Reminders follow each instalment.`, `plan:${at}`);
    return run.snapshot();
  }, {
    validator: (input: PlanInput) => {
      const { account } = run;
      if (isClosed(account)) throw new Error(`invoice is ${account.status}`);
      if (account.stage === 'collections_review' || account.stage === 'with_agency') throw new Error('the invoice is in collections review: decide there (extend the due date)');
      const problems = planProblems(input, { amountDue: run.due(), today: today(run) });
      // "field: message", so the API can name the field.
      if (problems.length) throw new Error(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    },
  });
}

/** At the top of each turn of the main loop: once money completes an instalment, the ladder starts a round for the next. */
export async function followPlan(run: InvoiceRun): Promise<void> {
  const active = run.instalments;
  if (!active || run.isClosed()) return;
  const { instalments, current } = standingOf(run);
  const index = current ? current.number - 1 : instalments.length - 1;
  if (index === active.round) return;
  const moved = index > active.round;
  active.round = index;
  run.startRound();
  const next = instalments[index];
  const message = moved
    ? `Instalment ${index} of ${instalments.length} paid. Next: ${run.money(next.remaining)} by ${next.dueDate}.`
    : `Instalment ${next.number} of ${instalments.length} is open again: ${run.money(next.remaining)} was due by ${next.dueDate}.`;
  await run.commit(touch(run.account), moved ? 'instalment_paid' : 'instalment_reopened', message, `instalment:${active.plan.agreedAt}:${index}:${run.account.seq}`);
}

/** The instalment's last reminder passed unpaid: a person talks to the client (or agrees a new plan). */
export async function instalmentMissed(run: InvoiceRun): Promise<void> {
  const { instalments, current } = standingOf(run);
  const missed = current ?? instalments[run.instalments!.round];
  const what = `Instalment ${missed.number} of ${instalments.length} (${run.money(missed.remaining)} due by ${missed.dueDate})`;
  const key = `instalment_missed:${run.instalments!.plan.agreedAt}:${missed.dueDate}`;
  await run.commit(ladderStep(run.account, 'check_in'), 'instalment_missed', `${what} was missed; its reminders have run out.`, key);
  await run.ownerTask(key, 'instalment_missed', 'An instalment was missed',
    `${what} is still unpaid after its reminders. Talk to the client; agree a new plan if the old one no longer works. The next instalment's reminders start once this one is paid.`);
}

/** After a missed instalment nothing goes out on its own: wait for money, a new plan, or an end. */
export async function awaitPlanChange(run: InvoiceRun): Promise<void> {
  const seen = run.changes;
  await condition(() => run.isClosed() || run.changes !== seen);
}
