// The spine's invoice workflow (before the policy engine), kept so invoices started by it
// replay and finish as they began. New invoices never run it: see patched() in ../invoice.ts.
// Remove once no workflow started before the patch is open (then deprecatePatch).
// Original header: one invoice, from sending to settled; decisions live in ladder.ts,
// effects in activities. Deterministic: workflow clock only, no I/O.
import {
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { decideCollectionsUpdate, invoiceStateQuery, recordPaymentUpdate, voidInvoiceUpdate } from '../messages';
import { upcomingSteps } from './ladder-v1';
import * as attributes from '../search-attributes';
import { emailTaskQueue } from '../task-queues';
import type {
  CollectionsDecision,
  InvoiceSnapshot,
  InvoiceStatus,
  InvoiceWorkflowInput,
  PaymentInput,
  ScheduledStep,
  Stage,
  TimelineEntry,
  VoidInput,
} from '../types';

const records = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

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

export async function invoiceWorkflowV1(input: InvoiceWorkflowInput): Promise<InvoiceOutcome> {
  const { workflowId, taskQueue } = workflowInfo();
  const email = emailActivities(taskQueue);
  let status: InvoiceStatus = 'open';
  let stage: Stage = 'issued';
  let amountPaid = 0;
  let dueDate = input.dueDate;
  let plan: ScheduledStep[] = [];
  let decision: CollectionsDecision | undefined;
  const seenPayments = new Set<string>();
  const history: TimelineEntry[] = [];

  const amountDue = () => Math.max(0, input.total - amountPaid);
  const isClosed = () => status !== 'open';
  const isPaid = () => status === 'paid';

  const snapshot = (): InvoiceSnapshot => ({
    status,
    stage,
    currency: input.currency,
    total: input.total,
    amountPaid,
    adjustments: 0,
    amountDue: amountDue(),
    dueDate,
    nextStep: isClosed() || !plan[0] ? null : { id: plan[0].step.id, action: plan[0].step.action, at: plan[0].at },
    history: [...history],
  });

  const note = (kind: string, message: string) => history.push({ at: new Date().toISOString(), kind, message });

  // Stage and balance are searchable in the Temporal UI; keep them current on every change.
  // A workflow started without our attributes (the time-skipping test server) leaves them alone.
  const searchable = workflowInfo().typedSearchAttributes.get(attributes.InvoiceNumber) !== undefined;
  const publish = () =>
    searchable &&
    upsertSearchAttributes([
      { key: attributes.Stage, value: stage },
      { key: attributes.AmountDue, value: amountDue() },
      { key: attributes.DueDate, value: new Date(`${dueDate}T00:00:00Z`) },
    ]);

  const enter = async (next: Stage, nextStatus: InvoiceStatus, kind: string, message: string, key: string) => {
    stage = next;
    status = nextStatus;
    note(kind, message);
    publish();
    await records.recordProgress({ invoiceId: input.invoiceId, key: `${workflowId}:${key}`, stage, status, kind, message });
  };

  setHandler(invoiceStateQuery, snapshot);

  setHandler(
    recordPaymentUpdate,
    async (payment: PaymentInput) => {
      if (seenPayments.has(payment.paymentId)) return snapshot();
      seenPayments.add(payment.paymentId);
      // The balance changes before any await, so payments arriving together never race.
      amountPaid += payment.amount;
      if (amountDue() === 0) status = 'paid';
      note('payment', `Payment of ${payment.amount} ${payment.currency} received (${payment.method}).`);
      publish();
      await records.recordPayment({ invoiceId: input.invoiceId, ...payment });
      return snapshot();
    },
    {
      validator: (payment: PaymentInput) => {
        if (seenPayments.has(payment.paymentId)) return;
        if (isClosed()) throw new Error(`invoice is ${status}; it takes no more payments`);
        if (!Number.isSafeInteger(payment.amount) || payment.amount <= 0) {
          throw new Error('amount must be a positive integer in minor units');
        }
        if (payment.currency !== input.currency) {
          throw new Error(`currency ${payment.currency} does not match the invoice's ${input.currency}`);
        }
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

  setHandler(
    decideCollectionsUpdate,
    (d: CollectionsDecision) => {
      decision = d;
      return snapshot();
    },
    {
      validator: (d: CollectionsDecision) => {
        if (isClosed()) throw new Error(`invoice is ${status}`);
        if (stage !== 'collections_review' && stage !== 'with_agency') {
          throw new Error('the invoice is not in collections review');
        }
        if (d.decision === 'extend' && !(d.newDueDate > new Date().toISOString().slice(0, 10))) {
          throw new Error('newDueDate must be in the future');
        }
      },
    },
  );

  publish();
  plan = upcomingSteps(input.ladder, dueDate, input.timeZone, new Date());
  await email.sendClientEmail({ invoiceId: input.invoiceId, key: `${workflowId}:invoice`, template: 'invoice', tone: 'friendly' });
  // A payment may have settled it while the email was on its way; then it stays settled.
  if (!isClosed()) await enter('issued', 'open', 'sent', `Invoice sent to ${input.clientEmail}.`, 'sent');

  const runLadder = async () => {
    plan = upcomingSteps(input.ladder, dueDate, input.timeZone, new Date());
    while (plan.length > 0 && !isClosed()) {
      const { step, at } = plan[0];
      const wait = Date.parse(at) - Date.now();
      if (wait > 0 && (await condition(isClosed, wait))) return;
      if (isClosed()) return;
      // Keys carry the due date: an extension runs the ladder again with fresh keys.
      const key = `${step.id}:${dueDate}`;
      await enter(step.stage, 'open', step.id, `Step "${step.id}" (${step.tone}).`, key);
      if (step.action === 'email_client') {
        await email.sendClientEmail({ invoiceId: input.invoiceId, key: `${workflowId}:${key}`, template: step.template, tone: step.tone });
      } else {
        await records.openOwnerTask({ invoiceId: input.invoiceId, key: `${workflowId}:${key}`, kind: step.action, template: step.template });
        await email.notifyOwner({ invoiceId: input.invoiceId, key: `${workflowId}:${key}:owner`, template: step.template });
      }
      plan.shift();
    }
  };

  // The ladder, then a person's decision. Dunwell never escalates to a third party on its own.
  let ladderPending = true;
  while (!isClosed()) {
    if (ladderPending) await runLadder();
    ladderPending = false;
    await condition(() => isClosed() || decision !== undefined);
    if (isClosed() || !decision) break;
    const made: CollectionsDecision = decision;
    decision = undefined;
    if (made.decision === 'write_off') {
      await enter('written_off', 'uncollectible', 'write_off', `Written off: ${made.reason}`, `write_off:${dueDate}`);
    } else if (made.decision === 'agency') {
      // Payments may still arrive through the agency; reminders stay stopped.
      await enter('with_agency', 'open', 'agency', `Handed to ${made.agency} by the owner.`, `agency:${dueDate}`);
    } else {
      dueDate = made.newDueDate;
      await enter('extended', 'open', 'extend', `Due date extended to ${dueDate}.`, `extend:${dueDate}`);
      ladderPending = true;
    }
  }

  if (isPaid()) {
    await enter('paid', 'paid', 'paid', 'Paid in full. Reminders stopped.', 'paid');
  }
  await condition(allHandlersFinished);
  return { status, stage, amountPaid };
}
