// Types shared by the API, the worker and the workflow. Plain data only: it crosses Temporal's payload converter.
import type { PlanStanding } from './instalments';

/** Stripe's words for an invoice's status. */
export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
export const INVOICE_STATUSES: readonly InvoiceStatus[] = ['draft', 'open', 'paid', 'uncollectible', 'void'];

/** Where an invoice stands in its follow-up; operators search on it in the Temporal UI. */
export type Stage =
  | 'issued'
  | 'heads_up'
  | 'due'
  | 'overdue'
  | 'check_in'
  | 'paused'
  | 'promised'
  | 'final_notice'
  | 'collections_review'
  | 'extended'
  | 'with_agency'
  | 'paid'
  | 'void'
  | 'written_off';

export type StepAction = 'email_client' | 'owner_task' | 'collections_review';
export type Tone = 'friendly' | 'nudge' | 'firm' | 'final';

export interface LadderStep {
  /** Unique within a ladder; part of every idempotency key the step produces. */
  id: string;
  /** Days relative to the due date; negative means before it. */
  offsetDays: number;
  action: StepAction;
  tone: Tone;
  /** Template name in emails/. */
  template: string;
  /** The stage the invoice enters when this step runs. */
  stage: Stage;
}

export interface ScheduledStep {
  step: LadderStep;
  /** ISO instant at which the step runs. */
  at: string;
}

export interface InvoiceWorkflowInput {
  invoiceId: string;
  invoiceNumber: string;
  currency: string;
  total: number;
  issueDate: string;
  dueDate: string;
  clientEmail: string;
  timeZone: string;
  /** The whole policy at issue: later policy changes never reach a running invoice. */
  policy: import('./policies').DunningPolicy;
  /** Early-payment discount and late fees, as stated on the invoice. */
  terms: import('./fees').PaymentTerms;
  /**
   * The client's country's public holidays over the ladder's span (services/holidays.ts), as data
   * so replay never consults a library. Absent in workflows started before: weekends only, as then.
   */
  holidays?: string[];
}

export interface PauseInput {
  /** Who asked: the client (a question), a card dispute, a payment on its way, or the owner. */
  source: 'client' | 'owner' | 'dispute';
  message: string;
  /** Resume by itself after this many days; defaults to the policy's; 0 means only by hand. */
  autoResumeDays?: number;
}

/** What a promise update answers: the state, and why the promise was not taken, if it was not. */
export type PromiseOutcome = InvoiceSnapshot & { declined?: string };

export interface PromiseInput {
  /** The calendar date the client says they will pay by. */
  date: string;
  /** The client's own promise is bounded by the policy; one the owner agreed with them is not. */
  source?: 'client' | 'owner';
  note?: string;
}

export interface PaymentInput {
  /** Stable id of the payment at its source ("stripe:pi_…", "manual:…"): a repeat is counted once. */
  paymentId: string;
  amount: number;
  currency: string;
  method: string;
  reference?: string;
  receivedAt: string;
}

export interface RefundInput {
  /** Stable id of the refund at its source; a repeat is counted once. */
  refundId: string;
  amount: number;
  currency: string;
  reason?: string;
}

/** A payment that has started but not arrived (a bank debit): reminders hold while it is pending. */
export interface PendingPaymentInput {
  /** The id the payment will have when it succeeds or fails (e.g. "stripe:pi_…"). */
  paymentId: string;
  amount: number;
  currency: string;
  method: string;
}

export interface FailedPaymentInput {
  paymentId: string;
  reason: string;
}

/** The client's written decision on extra scope: an approved one is billed beside the original lines. */
export type ChangeOrderInput = import('./account').ChangeOrderDecision;

/** A credit note drafted by the API (domain/credit-notes.ts); the workflow decides on it and numbers it. */
export interface CreditNoteInput {
  creditNoteId: string;
  reason: string;
  currency: string;
  full: boolean;
  lines: import('./money').PricedLine[];
  subtotal: number;
  taxTotal: number;
  total: number;
}

export type CreditNoteOutcome = InvoiceSnapshot & { creditNote: { id: string; number: string } };

/** A reminder step an invoice hands to its client's workflow, to go out with the client's others of that window. */
export interface ReminderRequest {
  invoiceId: string;
  invoiceWorkflowId: string;
  /** The step's email key: <invoice workflow id>:<step>:<due date>. */
  key: string;
  template: string;
  tone: Tone;
}

/** Which email carried an invoice's reminder: its own, or a grouped one with `invoices` in it. */
export interface ReminderCarried {
  key: string;
  groupKey: string | null;
  invoices: number;
  sent: boolean;
  reason: string | null;
}

export interface ClientRemindersInput {
  clientEmail: string;
}

export interface VoidInput {
  reason?: string;
}

export type CollectionsDecision =
  | { decision: 'write_off'; reason: string }
  | { decision: 'extend'; newDueDate: string; reason?: string }
  | { decision: 'agency'; agency: string; reason?: string };

export interface TimelineEntry {
  at: string;
  kind: string;
  message: string;
}

export interface InvoiceSnapshot {
  /** The workflow's event sequence number: the projection that carries it is up to date. */
  seq: number;
  status: InvoiceStatus;
  stage: Stage;
  currency: string;
  total: number;
  amountPaid: number;
  /** Late fees charged minus discounts granted and credit notes issued. */
  adjustments: number;
  /** Credit notes issued against the invoice (part of adjustments). */
  creditNotesTotal: number;
  /** Approved change orders. */
  changesTotal: number;
  amountDue: number;
  dueDate: string;
  nextStep: { id: string; action: StepAction; at: string } | null;
  history: TimelineEntry[];
  ladder: {
    policy: string;
    state: 'running' | 'paused' | 'promised' | 'finished' | 'closed';
    resumesAt: string | null;
    upcoming: ScheduledStep[];
    done: { stepId: string; at: string; outcome: 'sent' | 'skipped' }[];
    pause: { since: string; reason: string; resumesAt: string | null } | null;
    promise: { date: string; madeAt: string; breaksAt: string } | null;
  };
  earlyPayment: { deadline: string; discount: number; discountedTotal: number; stands: boolean; applied: boolean; payNow: number } | null;
  /** The instalment plan agreed, with each instalment's standing; absent from workflows older than plans. */
  plan?: PlanStanding | null;
}
