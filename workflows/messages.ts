// Every message an invoice workflow understands. The API sends them, the workflow handles them.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { PlanInput } from '../domain/instalments';
import type { InvoiceProjection } from '../domain/projection';
import type {
  ChangeOrderInput,
  CollectionsDecision,
  CreditNoteInput,
  CreditNoteOutcome,
  ReminderCarried,
  ReminderRequest,
  FailedPaymentInput,
  InvoiceSnapshot,
  PauseInput,
  PaymentInput,
  PendingPaymentInput,
  PromiseInput,
  PromiseOutcome,
  RefundInput,
  VoidInput,
} from '../domain/types';

/** Adds a payment; a repeated paymentId is a no-op that returns the current state. */
export const recordPaymentUpdate = defineUpdate<InvoiceSnapshot, [PaymentInput]>('recordPayment');
/** A credit note: numbered once accepted; it lowers the balance, and crediting everything cancels the invoice. */
export const issueCreditNoteUpdate = defineUpdate<CreditNoteOutcome, [CreditNoteInput]>('issueCreditNote');
/** The client's workflow tells the invoice which email carried its reminder (for the timeline). */
export const reminderCarriedSignal = defineSignal<[ReminderCarried]>('reminderCarried');
/** An invoice's reminder step, to its client's workflow: it goes out with the client's others of the same window. */
export const reminderDueSignal = defineSignal<[ReminderRequest]>('reminderDue');
export const voidInvoiceUpdate = defineUpdate<InvoiceSnapshot, [VoidInput]>('voidInvoice');
/** A person's decision once the invoice reached collections review. */
export const decideCollectionsUpdate = defineUpdate<InvoiceSnapshot, [CollectionsDecision]>('decideCollections');
export const invoiceStateQuery = defineQuery<InvoiceSnapshot>('invoiceState');
/** Everything PostgreSQL should hold of the invoice's state, for the auditor to compare and repair. */
export const invoiceProjectionQuery = defineQuery<InvoiceProjection>('invoiceProjection');
/** The client asked a question or disputes: reminders stop until resumed (or the pause runs out). */
export const pauseRemindersUpdate = defineUpdate<InvoiceSnapshot, [PauseInput]>('pauseReminders');
export const resumeRemindersUpdate = defineUpdate<InvoiceSnapshot, [{ note?: string }]>('resumeReminders');
/** The client promised a date: reminders wait until then plus the policy's grace. */
export const promiseToPayUpdate = defineUpdate<PromiseOutcome, [PromiseInput]>('promiseToPay');
/** Money going back to the client: the balance reopens by the refunded amount. */
export const recordRefundUpdate = defineUpdate<InvoiceSnapshot, [RefundInput]>('recordRefund');
export const paymentPendingUpdate = defineUpdate<InvoiceSnapshot, [PendingPaymentInput]>('paymentPending');
export const paymentFailedUpdate = defineUpdate<InvoiceSnapshot, [FailedPaymentInput]>('paymentFailed');
/** The client approved or declined a change order in writing: an approved one adds its total to what is due. */
export const decideChangeOrderUpdate = defineUpdate<InvoiceSnapshot, [ChangeOrderInput]>('decideChangeOrder');
/** The owner agreed an instalment plan with the client: the ladder follows each instalment. */
export const agreePlanUpdate = defineUpdate<InvoiceSnapshot, [PlanInput]>('agreePlan');
/** New deliveries wait in a webhook lane (one endpoint, one invoice): look again. */
export const webhookLaneWakeSignal = defineSignal('webhookLaneWake');
