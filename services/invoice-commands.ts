// Messages to a running invoice workflow. Each payment carries its source's id as the update id,
// so Temporal and the workflow both see a redelivery as the same payment.
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { Payment, type Invoice } from '../db/entities';
import type { Orm } from '../db/orm';
import {
  decideCollectionsUpdate,
  invoiceStateQuery,
  paymentFailedUpdate,
  paymentPendingUpdate,
  pauseRemindersUpdate,
  promiseToPayUpdate,
  recordRefundUpdate,
  recordPaymentUpdate,
  resumeRemindersUpdate,
  voidInvoiceUpdate,
} from '../workflows/messages';
import type {
  CollectionsDecision,
  FailedPaymentInput,
  InvoiceSnapshot,
  PauseInput,
  PaymentInput,
  PendingPaymentInput,
  PromiseInput,
  RefundInput,
} from '../domain/types';
import { DomainError } from './errors';

export type PaymentOutcome = 'applied' | 'duplicate';

/**
 * An update waits for the workflow, and the workflow may wait for an activity that keeps failing
 * (the database down): answer 503 after a while rather than hold a webhook open forever. The
 * sender retries; the update id makes the retry the same update.
 */
const UPDATE_DEADLINE_MS = 20_000;

/**
 * The server turns an update away, without the workflow having seen it, when it arrived while the
 * worker was finishing a workflow task that then did not take it up (seen with 20 payments at once
 * while bookkeeping local activities held the task open). Nothing happened, so sending the same
 * update again (same id) is safe; a rejection by the workflow's own validator is not retried.
 */
const NOT_PROCESSED = /wasn't processed by worker/;

export async function bounded<T>(temporal: Client, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + UPDATE_DEADLINE_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await temporal.connection.withDeadline(deadline, fn);
    } catch (err) {
      const turnedAway = err instanceof WorkflowUpdateFailedError && NOT_PROCESSED.test(err.cause?.message ?? err.message);
      if (!turnedAway || attempt >= 5 || Date.now() + 100 * attempt >= deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

export function rejection(err: unknown): string | null {
  if (err instanceof WorkflowUpdateFailedError) return err.cause?.message ?? err.message;
  return null;
}

export function isClosedWorkflow(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError || /already completed|workflow execution already completed/i.test(String((err as Error)?.message));
}

/**
 * No workflow for an invoice whose start is still to come (Temporal was away at issue; the
 * reconciler starts it within a minute) is not a closed invoice: the caller is to retry, and a
 * payment must not be parked as unapplied meanwhile.
 */
export function throwIfStarting(invoice: Invoice, err: unknown): void {
  if (err instanceof WorkflowNotFoundError && !invoice.workflowStartedAt && invoice.status === 'open') {
    throw new DomainError('workflow_starting', `Invoice ${invoice.number}'s follow-up is starting; please retry in a minute.`);
  }
}

/**
 * Hands a payment to the invoice's workflow and waits until it is in the ledger, so a GET right
 * after sees it and a redelivery finds it. A repeat seen only by Temporal (same update id) or the
 * workflow (same payment id) still changes nothing.
 */
export async function sendPayment(
  deps: { orm: Orm; temporal: Client },
  invoice: Invoice,
  payment: PaymentInput,
): Promise<{ outcome: PaymentOutcome; state: InvoiceSnapshot | null }> {
  if (await deps.orm.em.fork().count(Payment, { paymentKey: payment.paymentId })) {
    return { outcome: 'duplicate', state: null };
  }
  const handle = deps.temporal.workflow.getHandle(invoice.workflowId);
  try {
    const state = await bounded(deps.temporal, () => handle.executeUpdate(recordPaymentUpdate, { args: [payment], updateId: payment.paymentId }));
    return { outcome: 'applied', state };
  } catch (err) {
    throwIfStarting(invoice, err);
    const reason = rejection(err);
    if (reason) throw new DomainError('payment_rejected', `Payment not applied: ${reason}`, [{ field: 'amount', message: reason }]);
    if (isClosedWorkflow(err)) throw new DomainError('invoice_closed', `Invoice ${invoice.number} is ${invoice.status}; it takes no more payments.`);
    throw err;
  }
}

export async function voidInvoice(temporal: Client, invoice: Invoice, reason?: string): Promise<InvoiceSnapshot> {
  try {
    return await bounded(temporal, () => temporal.workflow.getHandle(invoice.workflowId).executeUpdate(voidInvoiceUpdate, { args: [{ reason }] }));
  } catch (err) {
    throwIfStarting(invoice, err);
    const reason = rejection(err);
    if (reason || isClosedWorkflow(err)) throw new DomainError('invoice_closed', `Invoice ${invoice.number} cannot be voided: ${reason ?? `it is ${invoice.status}`}.`);
    throw err;
  }
}

/** `updateId`: the same decision sent twice (a double click) is one update (see services/owner-tasks.ts). */
export async function decideCollections(temporal: Client, invoice: Invoice, decision: CollectionsDecision, updateId?: string): Promise<InvoiceSnapshot> {
  try {
    return await bounded(temporal, () => temporal.workflow.getHandle(invoice.workflowId).executeUpdate(decideCollectionsUpdate, { args: [decision], updateId }));
  } catch (err) {
    throwIfStarting(invoice, err);
    const reason = rejection(err);
    if (reason || isClosedWorkflow(err)) throw new DomainError('not_allowed_now', `No collections decision can be taken on ${invoice.number} now: ${reason ?? `it is ${invoice.status}`}.`);
    throw err;
  }
}

/** The live workflow's view, or null when it cannot answer (not started yet, Temporal down). */
export async function readLiveState(temporal: Client, invoice: Invoice): Promise<InvoiceSnapshot | null> {
  if (!invoice.workflowStartedAt) return null;
  try {
    // A query waits for a worker; a page must not hang on one that is down.
    return await temporal.connection.withDeadline(Date.now() + 3000, () => temporal.workflow.getHandle(invoice.workflowId).query(invoiceStateQuery));
  } catch {
    return null;
  }
}

/** Sends an update to the invoice's workflow; its refusal is the caller's 409, never a 5xx. */
export async function updateInvoice<Arg, Ret extends InvoiceSnapshot = InvoiceSnapshot>(
  temporal: Client,
  invoice: Invoice,
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
  what: string,
  updateId?: string,
): Promise<Ret> {
  try {
    return await bounded(temporal, () => temporal.workflow.getHandle(invoice.workflowId).executeUpdate(update, { args: [arg], updateId }));
  } catch (err) {
    throwIfStarting(invoice, err);
    const reason = rejection(err);
    if (reason || isClosedWorkflow(err)) throw new DomainError('not_allowed_now', `Cannot ${what} on ${invoice.number}: ${reason ?? `it is ${invoice.status}`}.`);
    throw err;
  }
}

const conversationUpdate = updateInvoice;

export const pauseReminders = (temporal: Client, invoice: Invoice, pause: PauseInput, updateId?: string) =>
  conversationUpdate(temporal, invoice, pauseRemindersUpdate, pause, 'pause reminders', updateId);

export const resumeReminders = (temporal: Client, invoice: Invoice, note?: string, updateId?: string) =>
  conversationUpdate(temporal, invoice, resumeRemindersUpdate, { note }, 'resume reminders', updateId);

/** A promise past the policy's limits is not taken: the owner got a task to agree a date instead. */
export class PromiseDeclined extends DomainError {
  constructor(readonly reason: string) {
    super('not_allowed_now', `The promise was not recorded: ${reason}. The owner has a task to agree a date with the client.`);
  }
}

export async function recordPromise(temporal: Client, invoice: Invoice, promise: PromiseInput, updateId?: string): Promise<InvoiceSnapshot> {
  const outcome = await conversationUpdate(temporal, invoice, promiseToPayUpdate, promise, 'record a promise to pay', updateId);
  if (outcome.declined) throw new PromiseDeclined(outcome.declined);
  return outcome;
}

export const refundPayment = (temporal: Client, invoice: Invoice, refund: RefundInput) =>
  conversationUpdate(temporal, invoice, recordRefundUpdate, refund, 'record a refund');

export const reportPendingPayment = (temporal: Client, invoice: Invoice, pending: PendingPaymentInput) =>
  conversationUpdate(temporal, invoice, paymentPendingUpdate, pending, 'record a pending payment');

export const reportFailedPayment = (temporal: Client, invoice: Invoice, failed: FailedPaymentInput) =>
  conversationUpdate(temporal, invoice, paymentFailedUpdate, failed, 'record a failed payment');
