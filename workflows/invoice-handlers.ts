// What an invoice workflow accepts from outside: payments, refunds, change-order decisions, the
// conversation with the client, a void, a collections decision. Each validator refuses before
// anything changes; each handler changes the account at once and then writes it down.
import { condition, patched, setHandler } from '@temporalio/workflow';
import {
  applyPayment,
  applyRefund,
  backToLadder,
  changeOrderProblem,
  decideChangeOrder,
  enterStage,
  isClosed,
  paymentProblem,
  refundProblem,
  rowOf,
  touch,
} from '../domain/account';
import { addDays, dateIn, isIsoDate } from '../domain/dates';
import { promiseBreaksAt } from '../domain/ladder';
import { PROMISE_LIMITS, promiseBeyondLimits } from '../domain/policies';
import type {
  ChangeOrderInput,
  CollectionsDecision,
  FailedPaymentInput,
  PauseInput,
  PaymentInput,
  PendingPaymentInput,
  PromiseInput,
  PromiseOutcome,
  RefundInput,
  ReminderCarried,
  VoidInput,
} from '../domain/types';
import { registerCreditNoteHandler } from './credit-note-handler';
import { registerPlanHandler } from './plan-handler';
import type { InvoiceRun } from './invoice-run';
import {
  decideChangeOrderUpdate,
  decideCollectionsUpdate,
  invoiceProjectionQuery,
  invoiceStateQuery,
  paymentFailedUpdate,
  paymentPendingUpdate,
  pauseRemindersUpdate,
  promiseToPayUpdate,
  recordPaymentUpdate,
  recordRefundUpdate,
  resumeRemindersUpdate,
  reminderCarriedSignal,
  voidInvoiceUpdate,
} from './messages';

const DAY_MS = 86_400_000;

/** Promises past the policy's limits go to a person (the first change after the one-truth release). */
export const PROMISE_LIMITS_PATCH = 'promise-limits';
/** A pending payment that fails after the invoice was settled another way leaves its stage alone (found by the random tester). */
export const SETTLED_FAILURE_PATCH = 'settled-failure';
const refuse = (problem: string | null) => {
  if (problem) throw new Error(problem);
};

export function registerHandlers(run: InvoiceRun): void {
  const known = (key: string) => run.account.ledger.some((e) => e.key === key);

  /** Ends a pause (a question answered, a payment on its way arrived or failed): the ladder keeps its spacing. */
  const liftPause = () => {
    const { pause } = run.progress;
    if (pause) run.progress = { ...run.progress, shiftMs: run.progress.shiftMs + (Date.now() - Date.parse(pause.since)), pause: null };
    run.pendingPaymentId = null;
  };

  const pauseFor = (reason: string, days: number) => {
    const since = run.now();
    run.progress = { ...run.progress, promise: null, pause: { since: since.toISOString(), reason, resumesAt: days > 0 ? new Date(since.getTime() + days * DAY_MS).toISOString() : null } };
    return since.toISOString();
  };

  registerCreditNoteHandler(run);
  registerPlanHandler(run);
  // Which email carried a reminder the client's workflow sent: a line on this invoice's timeline.
  setHandler(reminderCarriedSignal, async (c: ReminderCarried) => {
    const how = !c.sent ? `Reminder not sent: ${c.reason ?? 'unknown'}.` : c.groupKey ? `Reminder sent in one email with the client's ${c.invoices - 1} other open invoice${c.invoices === 2 ? '' : 's'} (${c.groupKey}).` : 'Reminder sent.';
    await run.commit(touch(run.account), c.sent ? 'reminder_sent' : 'reminder_not_sent', how, `carried:${c.key}`);
  });
  setHandler(invoiceStateQuery, run.snapshot);
  setHandler(invoiceProjectionQuery, () => ({
    invoiceId: run.input.invoiceId, seq: run.account.seq, row: rowOf(run.account), clientEmail: run.input.clientEmail, currency: run.account.currency,
    timeline: [], ledger: run.account.ledger, adjustments: run.account.adjustmentEntries, credits: run.account.credits, changeOrders: run.account.changeOrders,
  }));

  setHandler(recordPaymentUpdate, async (p: PaymentInput) => {
    if (known(p.paymentId)) return run.snapshot();
    const { account, entries } = applyPayment(run.offer, run.account, { key: p.paymentId, amount: p.amount, currency: p.currency, method: p.method, reference: p.reference ?? null, receivedAt: p.receivedAt }, Date.now());
    let next = account;
    // The debit that held the reminders has arrived.
    if (run.pendingPaymentId === p.paymentId) {
      liftPause();
      if (!isClosed(next)) next = backToLadder(next);
    }
    const parts = [`Payment of ${run.money(p.amount)} received (${p.method}).`];
    if (entries.adjustments?.length) parts.push(`Early-payment discount of ${run.money(account.discount)} applied: ${run.input.terms.earlyPayment!.percent}% off for paying by the deadline.`);
    if (entries.credit) parts.push(`${run.money(entries.credit.amount)} paid beyond the balance becomes credit for the next invoice.`);
    await run.commit(next, 'payment', parts.join(' '), `payment:${p.paymentId}`, entries);
    return run.snapshot();
  }, { validator: (p: PaymentInput) => { if (!known(p.paymentId)) refuse(paymentProblem(run.account, p)); } });

  setHandler(recordRefundUpdate, async (r: RefundInput) => {
    const key = `refund:${r.refundId}`;
    if (known(key)) return run.snapshot();
    const { account, entries } = applyRefund(run.account, { key, amount: r.amount, reason: r.reason ?? null, at: run.now().toISOString() });
    await run.commit(account, 'refund', `Refund of ${run.money(r.amount)}${r.reason ? ` (${r.reason})` : ''}.`, key, entries);
    return run.snapshot();
  }, { validator: (r: RefundInput) => { if (!known(`refund:${r.refundId}`)) refuse(refundProblem(run.account, r)); } });

  setHandler(paymentPendingUpdate, async (p: PendingPaymentInput) => {
    if (run.pendingPaymentId === p.paymentId || known(p.paymentId)) return run.snapshot();
    // Someone who has paid by bank debit is not chased while the money is on its way.
    const reason = `A payment of ${run.money(p.amount)} is on its way (${p.method}).`;
    pauseFor(reason, 14);
    run.pendingPaymentId = p.paymentId;
    await run.commit(enterStage(run.account, 'paused'), 'payment_pending', reason, `pending:${p.paymentId}`);
    return run.snapshot();
  }, {
    validator: (p: PendingPaymentInput) => {
      if (isClosed(run.account)) throw new Error(`invoice is ${run.account.status}`);
      if (p.currency !== run.account.currency) throw new Error('currency does not match');
    },
  });

  setHandler(paymentFailedUpdate, async (f: FailedPaymentInput) => {
    if (run.pendingPaymentId !== f.paymentId) return run.snapshot();
    liftPause();
    if (isClosed(run.account) && patched(SETTLED_FAILURE_PATCH)) {
      // Settled meanwhile (paid another way, voided): the failure changes nothing and needs no one.
      await run.commit(touch(run.account), 'payment_failed', `A pending payment failed: ${f.reason}. Nothing is due.`, `failed:${f.paymentId}`);
      return run.snapshot();
    }
    await run.commit(backToLadder(run.account), 'payment_failed', `A pending payment failed: ${f.reason}. Reminders resume.`, `failed:${f.paymentId}`);
    await run.ownerTask(`failed:${f.paymentId}`, 'payment_failed', 'A payment failed', `The client's payment did not go through: ${f.reason}. ${run.money(run.due())} is still due.`);
    return run.snapshot();
  });

  setHandler(decideChangeOrderUpdate, async (d: ChangeOrderInput) => {
    if (run.account.changeOrders.some((c) => c.changeOrderId === d.changeOrderId)) return run.snapshot();
    const { account, entries } = decideChangeOrder(run.account, d);
    const verb = d.approved ? 'approved' : 'declined';
    await run.commit(account, `change_order_${verb}`, `Change order "${d.description}" (${run.money(d.amount)}) ${verb} by ${d.name}.`, `change_order:${d.changeOrderId}`, entries);
    return run.snapshot();
  }, { validator: (d: ChangeOrderInput) => refuse(changeOrderProblem(run.account, d)) });

  setHandler(pauseRemindersUpdate, async (pause: PauseInput) => {
    const days = pause.autoResumeDays ?? run.policy.autoResumeDays;
    const since = pauseFor(pause.message, days);
    const who = { client: 'The client asked', dispute: 'Disputed', owner: 'Paused by you' }[pause.source];
    await run.commit(enterStage(run.account, 'paused'), 'paused', `${who}: "${pause.message}". Reminders paused${days > 0 ? ` for up to ${days} days` : ''}.`, `pause:${since}`, {}, { dispute: pause.source === 'dispute' });
    if (pause.source === 'client') await run.ownerTask(`question:${since}`, 'client_question', 'Reply to your client', pause.message);
    else if (pause.source === 'dispute') await run.ownerTask(`dispute:${since}`, 'dispute', 'A payment is disputed', pause.message);
    return run.snapshot();
  }, {
    validator: (pause: PauseInput) => {
      if (isClosed(run.account)) throw new Error(`invoice is ${run.account.status}`);
      if (run.progress.pause) throw new Error('reminders are already paused');
      if (!pause.message?.trim()) throw new Error('message is required');
    },
  });

  setHandler(resumeRemindersUpdate, async ({ note }: { note?: string }) => {
    const at = run.now().toISOString();
    // The ladder picks up where it stopped: every remaining step moves by the pause's length.
    liftPause();
    await run.commit(backToLadder(run.account), 'resumed', note ? `Reminders resumed: ${note}` : 'Reminders resumed.', `resume:${at}`);
    return run.snapshot();
  }, { validator: (_resume: { note?: string }) => { if (isClosed(run.account) || !run.progress.pause) throw new Error('reminders are not paused'); } });

  setHandler(promiseToPayUpdate, async (promise: PromiseInput): Promise<PromiseOutcome> => {
    const at = run.now();
    const lastDay = addDays(dateIn(at, run.timeZone), run.policy.maxPromiseDays ?? PROMISE_LIMITS.maxPromiseDays);
    const beyond = promise.source === 'client' && patched(PROMISE_LIMITS_PATCH) ? promiseBeyondLimits(run.policy, { promisesMade: run.promisesMade, date: promise.date, lastDay }) : null;
    if (beyond) {
      // The reminders go on; a person agrees a date with the client instead.
      await run.commit(touch(run.account), 'promise_declined', `The client offered to pay by ${promise.date}, but ${beyond}: you were asked to agree a date with them.`, `promise_declined:${at.toISOString()}`);
      await run.ownerTask(`promise_limit:${at.toISOString()}`, 'promise_limit', 'Agree a payment date with your client',
        `The client offered to pay by ${promise.date}${promise.note ? ` (${promise.note})` : ''}, but ${beyond}. Reminders go on until you record a date with them.`);
      return { ...run.snapshot(), declined: beyond };
    }
    run.promisesMade++;
    const { progress } = run;
    const shiftMs = progress.pause ? progress.shiftMs + (at.getTime() - Date.parse(progress.pause.since)) : progress.shiftMs;
    const breaksAt = promiseBreaksAt(run.policy, promise.date, run.timeZone, run.input.holidays).toISOString();
    run.progress = { ...progress, shiftMs, pause: null, promise: { date: promise.date, madeAt: at.toISOString(), breaksAt } };
    run.pendingPaymentId = null;
    const message = `The client promised to pay by ${promise.date}${promise.note ? ` (${promise.note})` : ''}. Reminders wait until then.`;
    await run.commit(enterStage(run.account, 'promised'), 'promise', message, `promise:${at.toISOString()}`);
    return run.snapshot();
  }, {
    validator: (promise: PromiseInput) => {
      if (isClosed(run.account)) throw new Error(`invoice is ${run.account.status}`);
      if (!isIsoDate(promise.date)) throw new Error('date must be YYYY-MM-DD');
      const today = dateIn(run.now(), run.timeZone);
      if (promise.date < today) throw new Error('date must not be in the past');
      if (promise.date > addDays(today, 365)) throw new Error('date must be within a year');
    },
  });

  setHandler(decideCollectionsUpdate, async (d: CollectionsDecision) => {
    run.decision = d;
    run.changes++;
    // Answer once the main loop has acted on it, so the caller sees the new stage.
    await condition(() => run.decision !== d);
    return run.snapshot();
  }, {
    validator: (d: CollectionsDecision) => {
      const { account } = run;
      if (isClosed(account)) throw new Error(`invoice is ${account.status}`);
      if (account.stage !== 'collections_review' && account.stage !== 'with_agency') throw new Error('the invoice is not in collections review');
      if (d.decision === 'extend' && !(d.newDueDate > dateIn(run.now(), run.timeZone))) throw new Error('newDueDate must be in the future');
    },
  });

  setHandler(voidInvoiceUpdate, async ({ reason }: VoidInput) => {
    await run.commit(enterStage(run.account, 'void', 'void'), 'void', reason ? `Voided: ${reason}` : 'Voided.', 'void');
    return run.snapshot();
  }, { validator: (_void: VoidInput) => { if (isClosed(run.account)) throw new Error(`invoice is ${run.account.status}; only an open invoice can be voided`); } });
}
