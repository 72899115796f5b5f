// One invoice, from sending to settled. Reads like the brief; every decision about *when* comes
// from the pure engine in ladder.ts, every effect from an activity. Deterministic: workflow clock
// only, no I/O.
import {
  allHandlersFinished,
  condition,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { addDays, dateIn, isIsoDate, zonedInstant } from '../domain/dates';
import { formatMoney } from '../domain/money';
import { accrueLateFees, earlyPaymentOffer, NO_LATE_FEES } from './fees';
import {
  dueNow,
  effectiveShift,
  NEW_PROGRESS,
  pastAtStart,
  planSchedule,
  promiseBreaksAt,
  type LadderProgress,
} from './ladder';
import { invoiceWorkflowV1 } from './legacy/invoice-v1';
import {
  addChangeOrderUpdate,
  decideCollectionsUpdate,
  invoiceStateQuery,
  paymentFailedUpdate,
  paymentPendingUpdate,
  pauseRemindersUpdate,
  recordRefundUpdate,
  promiseToPayUpdate,
  recordPaymentUpdate,
  resumeRemindersUpdate,
  voidInvoiceUpdate,
} from './messages';
import { BUILTIN_POLICIES } from './policies';
import * as attributes from './search-attributes';
import { emailTaskQueue } from './task-queues';
import type {
  ChangeOrderInput,
  CollectionsDecision,
  InvoiceSnapshot,
  InvoiceStatus,
  FailedPaymentInput,
  InvoiceWorkflowInput,
  LadderStep,
  PendingPaymentInput,
  RefundInput,
  PauseInput,
  PaymentInput,
  PromiseInput,
  Stage,
  TimelineEntry,
  VoidInput,
} from './types';

/** Invoices started before this patch run the spine's workflow to the end (legacy/invoice-v1.ts). */
export const POLICY_ENGINE_PATCH = 'dunning-policy-engine';
/** From this patch on: an overpayment becomes client credit, and a paid invoice watches for refunds. */
export const LEDGER_PATCH = 'ledger-refunds-credit';

/**
 * From this patch on, the bookkeeping activities (short, idempotent database writes) run as local
 * activities: in the worker that runs the workflow, with no task dispatch through the server.
 * A payment update then completes in one workflow task, and issuing costs the server one
 * activity and one workflow task less per invoice (see the README's benchmark). They run one at
 * a time (oneAtATime), which replay needs.
 */
export const LOCAL_RECORDS_PATCH = 'local-records';

/**
 * From this patch on, search attributes are upserted only when one of them changed: each upsert is
 * a history event and a visibility write on the server, and most stage changes (the email sent,
 * a reminder of the same stage) change none of them. The start already sets them.
 */
export const LEAN_SEARCH_ATTRIBUTES_PATCH = 'lean-search-attributes';

/** How long a paid invoice keeps listening for a refund or a dispute (card disputes come within ~120 days). */
const SETTLED_WATCH = '120 days';

const recordsRetry = { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 } as const;
const remoteRecords = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: recordsRetry });
// A database outage outlasts a local activity's attempts; past a minute Temporal backs off with timers.
const localRecords = proxyLocalActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: recordsRetry, localRetryThreshold: '10 seconds' });

/**
 * Local activities that finish within one workflow task are resolved together on replay, not one
 * by one as they were the first time. A handler's write racing the main loop's (a payment that
 * settles the invoice while the loop records "paid") then lets the two go on in another order: the
 * update's completion and the loop's next timer swap places, a nondeterminism error on every
 * replay, so after any worker restart or cache eviction. Queued, each resolves on its own, on
 * replay as the first time.
 */
function oneAtATime(activities: Activities): Activities {
  let last: Promise<unknown> = Promise.resolve();
  return new Proxy(activities, {
    get: (target, name) => (...args: unknown[]) => {
      const run = last.then(() => (target as unknown as Record<string | symbol, (...a: unknown[]) => Promise<unknown>>)[name](...args));
      last = run.catch(() => undefined);
      return run;
    },
  });
}

// Resend's failures are sorted into retryable or not by the activity itself.
const emailActivities = (taskQueue: string) =>
  proxyActivities<Activities>({
    taskQueue: emailTaskQueue(taskQueue),
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', backoffCoefficient: 2 },
  });

export interface InvoiceOutcome {
  status: InvoiceStatus;
  stage: Stage;
  amountPaid: number;
}

const DAY_MS = 86_400_000;

export async function invoiceWorkflow(input: InvoiceWorkflowInput): Promise<InvoiceOutcome> {
  if (!patched(POLICY_ENGINE_PATCH)) return invoiceWorkflowV1(input);
  const records = patched(LOCAL_RECORDS_PATCH) ? oneAtATime(localRecords) : remoteRecords;
  const leanSearchAttributes = patched(LEAN_SEARCH_ATTRIBUTES_PATCH);

  const { workflowId, taskQueue } = workflowInfo();
  const email = emailActivities(taskQueue);
  const policy = input.policy ?? BUILTIN_POLICIES.standard;
  const terms = input.terms ?? {};
  const timeZone = input.timeZone;
  const offer = earlyPaymentOffer(terms.earlyPayment, input.issueDate, input.total);
  // The offer stands through the whole deadline day on the client's clock.
  const offerEndsAt = offer ? zonedInstant(addDays(offer.deadline, 1), 0, timeZone).getTime() : 0;

  let status: InvoiceStatus = 'open';
  let stage: Stage = 'issued';
  let ladderStage: Stage = 'issued';
  let amountPaid = 0;
  let fees = 0;
  let discount = 0;
  let dueDate = input.dueDate;
  let progress: LadderProgress = { ...NEW_PROGRESS };
  let lateFees = NO_LATE_FEES;
  let decision: CollectionsDecision | undefined;
  let creditIssued = 0;
  /** Approved change orders. */
  let extra = 0;
  /** The payment on its way (a bank debit) that holds the reminders, if any. */
  let pendingPaymentId: string | null = null;
  /** Bumped by every message that changes the plan, so a waiting loop wakes up and re-plans. */
  let changes = 0;
  const seenPayments = new Set<string>();
  const history: TimelineEntry[] = [];

  const now = () => new Date();
  const facts = () => ({ dueDate, timeZone });
  const amountDue = () => Math.max(0, input.total + extra + fees - discount - amountPaid);
  const principalOutstanding = () => Math.max(0, input.total + extra - discount - amountPaid);
  const isClosed = () => status !== 'open';
  const isPaid = () => status === 'paid';
  const money = (amount: number) => formatMoney(amount, input.currency);
  const plan = () => planSchedule(policy, facts(), progress, now());

  const snapshot = (): InvoiceSnapshot => {
    const schedule = plan();
    const next = isClosed() || schedule.state === 'paused' ? undefined : schedule.upcoming[0];
    return {
      status,
      stage,
      currency: input.currency,
      total: input.total,
      amountPaid,
      adjustments: fees - discount,
      amountDue: amountDue(),
      dueDate,
      nextStep: next ? { id: next.step.id, action: next.step.action, at: next.at } : null,
      history: [...history],
      ladder: {
        policy: policy.name,
        state: isClosed() ? 'closed' : schedule.state,
        resumesAt: schedule.resumesAt,
        upcoming: isClosed() ? [] : schedule.upcoming,
        done: [...progress.done],
        pause: progress.pause,
        promise: progress.promise,
      },
      earlyPayment: offer ? { ...offer, stands: !isClosed() && discount === 0 && Date.now() < offerEndsAt, applied: discount > 0 } : null,
    };
  };

  const note = (kind: string, message: string) => history.push({ at: now().toISOString(), kind, message });

  // Stage and balance are searchable in the Temporal UI; keep them current on every change.
  // A workflow started without our attributes (the time-skipping test server) leaves them alone.
  const searchable = workflowInfo().typedSearchAttributes.get(attributes.InvoiceNumber) !== undefined;
  const searchValues = () => `${stage}|${amountDue()}|${dueDate}`;
  // What the start set, as the server holds it.
  const started = workflowInfo().typedSearchAttributes;
  let published = `${started.get(attributes.Stage)}|${started.get(attributes.AmountDue)}|${started.get(attributes.DueDate)?.toISOString().slice(0, 10)}`;
  const publish = () => {
    if (!searchable) return;
    if (leanSearchAttributes) {
      if (searchValues() === published) return;
      published = searchValues();
    }
    upsertSearchAttributes([
      { key: attributes.Stage, value: stage },
      { key: attributes.AmountDue, value: amountDue() },
      { key: attributes.DueDate, value: new Date(`${dueDate}T00:00:00Z`) },
    ]);
  };

  const enter = async (next: Stage, nextStatus: InvoiceStatus, kind: string, message: string, key: string) => {
    stage = next;
    status = nextStatus;
    note(kind, message);
    publish();
    log.info('invoice stage', { invoiceId: input.invoiceId, invoiceNumber: input.invoiceNumber, stage, status, kind });
    await records.recordProgress({ invoiceId: input.invoiceId, key: `${workflowId}:${key}`, stage, status, kind, message });
  };

  const ownerTask = async (key: string, kind: string, title: string, detail: string) => {
    await records.openOwnerTask({ invoiceId: input.invoiceId, key: `${workflowId}:${key}`, kind, template: kind, title, detail });
  };

  /** Back to where the ladder stood once a pause or promise is over. */
  const backToLadder = () => {
    stage = ladderStage;
    changes++;
    publish();
  };

  /** Ends a pause (a question answered, a pending payment settled): the ladder keeps its spacing. */
  const liftPause = () => {
    if (!progress.pause) return;
    progress = { ...progress, shiftMs: progress.shiftMs + (Date.now() - Date.parse(progress.pause.since)), pause: null };
    pendingPaymentId = null;
    backToLadder();
  };

  /** What was paid beyond the balance goes to the client's credit, for their next invoice. */
  const creditOverpayment = async (paymentId: string) => {
    const overpaid = Math.max(0, amountPaid + discount - input.total - extra - fees) - creditIssued;
    if (overpaid <= 0) return;
    creditIssued += overpaid;
    note('credit', `${money(overpaid)} paid beyond the balance becomes credit for the next invoice.`);
    await records.recordCredit({ invoiceId: input.invoiceId, key: `${workflowId}:credit:${paymentId}`, clientEmail: input.clientEmail, currency: input.currency, amount: overpaid });
  };

  const ledger = patched(LEDGER_PATCH);

  setHandler(invoiceStateQuery, snapshot);

  setHandler(
    recordPaymentUpdate,
    async (payment: PaymentInput) => {
      if (seenPayments.has(payment.paymentId)) return snapshot();
      seenPayments.add(payment.paymentId);
      // The balance changes before any await, so payments arriving together never race.
      amountPaid += payment.amount;
      const earnsDiscount = !!offer && discount === 0 && Date.now() < offerEndsAt && amountPaid + discount >= offer.discountedTotal + fees;
      if (earnsDiscount) discount = offer!.discount;
      if (amountDue() === 0) status = 'paid';
      changes++;
      note('payment', `Payment of ${money(payment.amount)} received (${payment.method}).`);
      if (pendingPaymentId === payment.paymentId) liftPause();
      publish();
      await records.recordPayment({ invoiceId: input.invoiceId, ...payment });
      if (ledger) await creditOverpayment(payment.paymentId);
      if (earnsDiscount) {
        const description = `Early-payment discount: ${terms.earlyPayment!.percent}% off for paying by ${offer!.deadline}.`;
        note('discount', description);
        await records.recordAdjustment({ invoiceId: input.invoiceId, key: `${workflowId}:early_payment_discount`, kind: 'early_payment_discount', amount: -discount, description });
      }
      return snapshot();
    },
    {
      validator: (payment: PaymentInput) => {
        if (seenPayments.has(payment.paymentId)) return;
        // A payment on a paid invoice (still watched) becomes the client's credit.
        if (isClosed() && !(ledger && isPaid())) throw new Error(`invoice is ${status}; it takes no more payments`);
        if (!Number.isSafeInteger(payment.amount) || payment.amount <= 0) throw new Error('amount must be a positive integer in minor units');
        if (payment.currency !== input.currency) throw new Error(`currency ${payment.currency} does not match the invoice's ${input.currency}`);
      },
    },
  );

  setHandler(
    voidInvoiceUpdate,
    async ({ reason }: VoidInput) => {
      await enter('void', 'void', 'void', reason ? `Voided: ${reason}` : 'Voided.', 'void');
      return snapshot();
    },
    { validator: (_input: VoidInput) => { if (isClosed()) throw new Error(`invoice is ${status}; only an open invoice can be voided`); } },
  );

  if (ledger) {
    setHandler(
      recordRefundUpdate,
      async (refund: RefundInput) => {
        const key = `refund:${refund.refundId}`;
        if (seenPayments.has(key)) return snapshot();
        seenPayments.add(key);
        amountPaid -= refund.amount;
        note('refund', `Refund of ${money(refund.amount)}${refund.reason ? ` (${refund.reason})` : ''}.`);
        // A refund reopens a paid invoice: the balance is due again and the ladder picks up.
        if (status === 'paid' && amountDue() > 0) {
          status = 'open';
          backToLadder();
        }
        changes++;
        publish();
        await records.recordPayment({
          invoiceId: input.invoiceId, paymentId: key, amount: refund.amount, currency: refund.currency,
          method: 'refund', reference: refund.reason, receivedAt: now().toISOString(), kind: 'refund',
        });
        return snapshot();
      },
      {
        validator: (refund: RefundInput) => {
          if (seenPayments.has(`refund:${refund.refundId}`)) return;
          if (status === 'void' || status === 'uncollectible') throw new Error(`invoice is ${status}`);
          if (!Number.isSafeInteger(refund.amount) || refund.amount <= 0) throw new Error('amount must be a positive integer in minor units');
          if (refund.currency !== input.currency) throw new Error(`currency ${refund.currency} does not match the invoice's ${input.currency}`);
        },
      },
    );

    setHandler(
      paymentPendingUpdate,
      async (pending: PendingPaymentInput) => {
        if (pendingPaymentId === pending.paymentId || seenPayments.has(pending.paymentId)) return snapshot();
        const since = now();
        // Someone who has paid by bank debit is not chased while the money is on its way.
        progress = { ...progress, promise: null, pause: { since: since.toISOString(), reason: `A payment of ${money(pending.amount)} is on its way (${pending.method}).`, resumesAt: new Date(since.getTime() + 14 * DAY_MS).toISOString() } };
        pendingPaymentId = pending.paymentId;
        stage = 'paused';
        changes++;
        note('payment_pending', progress.pause!.reason);
        publish();
        await records.recordProgress({ invoiceId: input.invoiceId, key: `${workflowId}:pending:${pending.paymentId}`, stage, status, kind: 'payment_pending', message: progress.pause!.reason });
        return snapshot();
      },
      { validator: (pending: PendingPaymentInput) => { if (isClosed()) throw new Error(`invoice is ${status}`); if (pending.currency !== input.currency) throw new Error('currency does not match'); } },
    );

    setHandler(
      paymentFailedUpdate,
      async (failed: FailedPaymentInput) => {
        if (pendingPaymentId !== failed.paymentId) return snapshot();
        liftPause();
        note('payment_failed', `A pending payment failed: ${failed.reason}. Reminders resume.`);
        await records.recordProgress({ invoiceId: input.invoiceId, key: `${workflowId}:failed:${failed.paymentId}`, stage, status, kind: 'payment_failed', message: history.at(-1)!.message });
        await ownerTask(`failed:${failed.paymentId}`, 'payment_failed', 'A payment failed', `The client's payment did not go through: ${failed.reason}. ${money(amountDue())} is still due.`);
        return snapshot();
      },
    );
  }

  setHandler(
    addChangeOrderUpdate,
    async (order: ChangeOrderInput) => {
      const key = `change_order:${order.changeOrderId}`;
      if (seenPayments.has(key)) return snapshot();
      seenPayments.add(key);
      extra += order.amount;
      if (status === 'paid' && amountDue() > 0) {
        status = 'open';
        backToLadder();
      }
      changes++;
      note('change_order', `Approved change order added: ${order.description} (${money(order.amount)}).`);
      publish();
      await records.recordProgress({ invoiceId: input.invoiceId, key: `${workflowId}:${key}`, stage, status, kind: 'change_order', message: history.at(-1)!.message });
      return snapshot();
    },
    {
      validator: (order: ChangeOrderInput) => {
        if (seenPayments.has(`change_order:${order.changeOrderId}`)) return;
        if (status === 'void' || status === 'uncollectible') throw new Error(`invoice is ${status}`);
        if (!Number.isSafeInteger(order.amount) || order.amount <= 0) throw new Error('amount must be a positive integer');
      },
    },
  );

  setHandler(
    pauseRemindersUpdate,
    async (pause: PauseInput) => {
      const days = pause.autoResumeDays ?? policy.autoResumeDays;
      const since = now();
      progress = {
        ...progress,
        promise: null,
        pause: { since: since.toISOString(), reason: pause.message, resumesAt: days > 0 ? new Date(since.getTime() + days * DAY_MS).toISOString() : null },
      };
      stage = 'paused';
      changes++;
      const who = { client: 'The client asked', dispute: 'Disputed', owner: 'Paused by you' }[pause.source];
      note('paused', `${who}: "${pause.message}". Reminders paused${days > 0 ? ` for up to ${days} days` : ''}.`);
      publish();
      await records.recordProgress({ invoiceId: input.invoiceId, key: `${workflowId}:pause:${since.toISOString()}`, stage, status, kind: 'paused', message: history.at(-1)!.message });
      if (pause.source === 'client') {
        await ownerTask(`question:${since.toISOString()}`, 'client_question', 'Reply to your client', pause.message);
      } else if (pause.source === 'dispute') {
        await ownerTask(`dispute:${since.toISOString()}`, 'dispute', 'A payment is disputed', pause.message);
      }
      return snapshot();
    },
    {
      validator: (pause: PauseInput) => {
        if (isClosed()) throw new Error(`invoice is ${status}`);
        if (progress.pause) throw new Error('reminders are already paused');
        if (!pause.message?.trim()) throw new Error('message is required');
      },
    },
  );

  setHandler(
    resumeRemindersUpdate,
    async ({ note: text }: { note?: string }) => {
      const at = now();
      // The ladder picks up where it stopped: every remaining step moves by the pause's length.
      progress = { ...progress, shiftMs: progress.shiftMs + (at.getTime() - Date.parse(progress.pause!.since)), pause: null };
      note('resumed', text ? `Reminders resumed: ${text}` : 'Reminders resumed.');
      backToLadder();
      await records.recordProgress({ invoiceId: input.invoiceId, key: `${workflowId}:resume:${at.toISOString()}`, stage, status, kind: 'resumed', message: history.at(-1)!.message });
      return snapshot();
    },
    { validator: (_input: { note?: string }) => { if (isClosed() || !progress.pause) throw new Error('reminders are not paused'); } },
  );

  setHandler(
    promiseToPayUpdate,
    async (promise: PromiseInput) => {
      const at = now();
      const shiftMs = progress.pause ? progress.shiftMs + (at.getTime() - Date.parse(progress.pause.since)) : progress.shiftMs;
      const breaksAt = promiseBreaksAt(policy, promise.date, timeZone).toISOString();
      progress = { ...progress, shiftMs, pause: null, promise: { date: promise.date, madeAt: at.toISOString(), breaksAt } };
      stage = 'promised';
      changes++;
      note('promise', `The client promised to pay by ${promise.date}${promise.note ? ` (${promise.note})` : ''}. Reminders wait until then.`);
      publish();
      await records.recordProgress({ invoiceId: input.invoiceId, key: `${workflowId}:promise:${at.toISOString()}`, stage, status, kind: 'promise', message: history.at(-1)!.message });
      return snapshot();
    },
    {
      validator: (promise: PromiseInput) => {
        if (isClosed()) throw new Error(`invoice is ${status}`);
        if (!isIsoDate(promise.date)) throw new Error('date must be YYYY-MM-DD');
        const today = dateIn(now(), timeZone);
        if (promise.date < today) throw new Error('date must not be in the past');
        if (promise.date > addDays(today, 90)) throw new Error('date must be within 90 days');
      },
    },
  );

  setHandler(
    decideCollectionsUpdate,
    async (d: CollectionsDecision) => {
      decision = d;
      changes++;
      // Answer once the main loop has acted on it, so the caller sees the new stage.
      await condition(() => decision !== d);
      return snapshot();
    },
    {
      validator: (d: CollectionsDecision) => {
        if (isClosed()) throw new Error(`invoice is ${status}`);
        if (stage !== 'collections_review' && stage !== 'with_agency') throw new Error('the invoice is not in collections review');
        if (d.decision === 'extend' && !(d.newDueDate > dateIn(now(), timeZone))) throw new Error('newDueDate must be in the future');
      },
    },
  );

  /** Late fees become due as the ladder passes the grace period; each is its own visible line. */
  const chargeLateFees = async () => {
    const today = dateIn(now(), timeZone);
    const { charges, progress: next } = accrueLateFees(terms.lateFees, dueDate, principalOutstanding(), today, lateFees);
    lateFees = next;
    for (const charge of charges) {
      fees += charge.amount;
      const description =
        charge.kind === 'fixed'
          ? `Late fee of ${money(charge.amount)}, as stated on the invoice.`
          : `Late interest of ${money(charge.amount)}: ${terms.lateFees!.annualRatePercent}% a year on ${money(charge.principal!)} for ${charge.days} days, as stated on the invoice.`;
      note('late_fee', description);
      await records.recordAdjustment({ invoiceId: input.invoiceId, key: `${workflowId}:late_fee:${charge.kind}:${today}`, kind: 'late_fee', amount: charge.amount, description });
    }
    if (charges.length > 0) publish();
  };

  const runStep = async (step: LadderStep) => {
    const key = `${step.id}:${dueDate}`;
    if (step.action === 'email_client') await chargeLateFees();
    if (isClosed()) return;
    ladderStage = step.stage;
    await enter(step.stage, 'open', step.id, `Step "${step.id}" (${step.tone}).`, key);
    if (step.action === 'email_client') {
      await email.sendClientEmail({ invoiceId: input.invoiceId, key: `${workflowId}:${key}`, template: step.template, tone: step.tone });
    } else {
      await records.openOwnerTask({ invoiceId: input.invoiceId, key: `${workflowId}:${key}`, kind: step.action, template: step.template });
      await email.notifyOwner({ invoiceId: input.invoiceId, key: `${workflowId}:${key}:owner`, template: step.template });
    }
  };

  /** Wakes up when the plan's next moment comes (a step, a pause ending, a promise falling due) or anything changes. */
  const waitForNextMoment = async (): Promise<'timer' | 'changed'> => {
    const schedule = plan();
    const moments = [schedule.resumesAt, schedule.state === 'paused' ? null : schedule.upcoming[0]?.at]
      .filter((m): m is string => !!m)
      .map((m) => Date.parse(m));
    const seen = changes;
    const wake = () => isClosed() || changes !== seen;
    if (moments.length === 0) {
      await condition(wake);
      return 'changed';
    }
    const wait = Math.min(...moments) - Date.now();
    if (wait <= 0) return 'timer';
    return (await condition(wake, wait)) ? 'changed' : 'timer';
  };

  /** A pause that ran out, or a promise that was not kept. */
  const settleExpired = async () => {
    const at = now();
    if (progress.pause?.resumesAt && Date.parse(progress.pause.resumesAt) <= at.getTime()) {
      progress = { ...progress, shiftMs: effectiveShift(policy, facts(), progress, at), pause: null };
      note('resumed', 'Reminders resumed by themselves: the pause ran out.');
      backToLadder();
      await records.recordProgress({ invoiceId: input.invoiceId, key: `${workflowId}:auto_resume:${at.toISOString()}`, stage, status, kind: 'resumed', message: history.at(-1)!.message });
    }
    if (progress.promise && Date.parse(progress.promise.breaksAt) <= at.getTime()) {
      const { date } = progress.promise;
      // The next, firmer step goes out now; the rest keep their spacing after it.
      progress = { ...progress, shiftMs: effectiveShift(policy, facts(), progress, at), promise: null };
      note('promise_broken', `The promise to pay by ${date} was not kept.`);
      backToLadder();
      await records.recordProgress({ invoiceId: input.invoiceId, key: `${workflowId}:promise_broken:${date}`, stage, status, kind: 'promise_broken', message: history.at(-1)!.message });
      await ownerTask(`promise_broken:${date}`, 'promise_broken', 'A promise to pay was not kept', `The client promised to pay by ${date}; ${money(amountDue())} is still due. The next reminder goes out now.`);
    }
  };

  const startRound = () => {
    progress = { ...NEW_PROGRESS, done: pastAtStart(policy, facts(), now()) };
    changes++;
  };

  // --- The invoice's life ---
  publish();
  startRound();
  await email.sendClientEmail({ invoiceId: input.invoiceId, key: `${workflowId}:invoice`, template: 'invoice', tone: 'friendly' });
  // A payment may have settled it while the email was on its way; then it stays settled.
  // A question or a promise may have come in meanwhile: the stage stays what they made it.
  if (!isClosed()) await enter(stage, 'open', 'sent', `Invoice sent to ${input.clientEmail}.`, 'sent');

  for (let settled = 1; ; settled++) {
  while (!isClosed()) {
    const schedule = plan();
    if (schedule.state === 'finished') {
      // Collections review: a person decides. Dunwell never escalates to a third party on its own.
      await condition(() => isClosed() || decision !== undefined);
      if (isClosed() || !decision) break;
      const made: CollectionsDecision = decision;
      if (made.decision === 'write_off') {
        await enter('written_off', 'uncollectible', 'write_off', `Written off: ${made.reason}`, `write_off:${dueDate}`);
      } else if (made.decision === 'agency') {
        // Payments may still arrive through the agency; reminders stay stopped.
        await enter('with_agency', 'open', 'agency', `Handed to ${made.agency} by the owner.`, `agency:${dueDate}`);
      } else {
        dueDate = made.newDueDate;
        ladderStage = 'extended';
        await enter('extended', 'open', 'extend', `Due date extended to ${dueDate}.`, `extend:${dueDate}`);
        startRound();
      }
      decision = undefined; // lets the decision's update answer with the new state
      continue;
    }

    const { run, skip } = dueNow(schedule, now());
    if (run) {
      const at = now().toISOString();
      progress = {
        ...progress,
        done: [...progress.done, ...skip.map((s) => ({ stepId: s.step.id, at, outcome: 'skipped' as const })), { stepId: run.step.id, at, outcome: 'sent' as const }],
      };
      await runStep(run.step);
      continue;
    }
    if ((await waitForNextMoment()) === 'timer') await settleExpired();
  }

  if (!isPaid()) break;
  await enter('paid', 'paid', 'paid', discount > 0 ? `Paid in full with the early-payment discount. Thank you!` : 'Paid in full. Reminders stopped.', settled === 1 ? 'paid' : `paid:${settled}`);
  if (!ledger) break;
  // Paid: no more reminders, but a refund or a dispute may still come; then the balance reopens.
  if (!(await condition(() => status === 'open', SETTLED_WATCH))) break;
  await enter(stage, 'open', 'reopened', `Reopened: ${money(amountDue())} is due again.`, `reopened:${settled}`);
  }
  await condition(allHandlersFinished);
  return { status, stage, amountPaid };
}
