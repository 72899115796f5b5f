// What the rest of a business hears about an invoice: one list of event types (zod, OpenAPI and
// the webhook endpoints' subscriptions all read it) and the rule that turns a change the
// workflow committed into its event. Pure: the workflow, the projection and the API share it.
import { amountDue } from './account';
import type { InvoiceStatus, Stage } from './types';

export const EVENT_TYPES = [
  'invoice.issued',
  'invoice.sent',
  'invoice.reminder_sent',
  'invoice.payment_received',
  'invoice.paid',
  'invoice.refunded',
  'invoice.disputed',
  'invoice.paused',
  'invoice.resumed',
  'invoice.promised',
  'invoice.promise_broken',
  'invoice.credited',
  'invoice.collections_review',
  'invoice.decided',
  'invoice.voided',
  'task.created',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** The timeline kinds that are events by themselves; the rest (late fees, steps, plan lines) are not, or depend on more. */
const BY_KIND: Partial<Record<string, EventType>> = {
  sent: 'invoice.sent',
  reminder_sent: 'invoice.reminder_sent',
  payment: 'invoice.payment_received',
  paid: 'invoice.paid',
  refund: 'invoice.refunded',
  paused: 'invoice.paused',
  resumed: 'invoice.resumed',
  promise: 'invoice.promised',
  promise_broken: 'invoice.promise_broken',
  credit_note: 'invoice.credited',
  write_off: 'invoice.decided',
  agency: 'invoice.decided',
  extend: 'invoice.decided',
  void: 'invoice.voided',
};

/**
 * The events a committed change is (usually one, often none). A ladder step's line is named after
 * the step, so it is read by what it did: entering collections review, or a reminder that goes
 * out on its own (one handed to the client's grouped email becomes an event when that email
 * carries it). A credit note that cancels the invoice is also its voiding.
 */
export function eventsOfChange(kind: string, stage: Stage, facts: ChangeFacts = {}): EventType[] {
  if (facts.step) {
    if (facts.step.action === 'collections_review' || stage === 'collections_review') return ['invoice.collections_review'];
    return facts.step.action === 'email_client' && facts.step.alone ? ['invoice.reminder_sent'] : [];
  }
  if (kind === 'paused' && facts.dispute) return ['invoice.disputed'];
  if (kind === 'credit_note' && stage === 'void') return ['invoice.credited', 'invoice.voided'];
  const event = BY_KIND[kind];
  return event ? [event] : [];
}

/** What the kind of a change does not say by itself. */
export interface ChangeFacts {
  /** The change is a ladder step: what it does, and whether its email goes out on its own. */
  step?: { action: string; alone: boolean };
  /** A pause that a payment dispute caused. */
  dispute?: boolean;
}

/** The invoice as an event carries it: where it stands at that moment, nothing personal beyond the client's address. */
export interface EventInvoiceState {
  id: string;
  number: string;
  status: InvoiceStatus;
  stage: Stage;
  currency: string;
  total: number;
  amountPaid: number;
  amountDue: number;
  dueDate: string;
  clientEmail: string;
}

export interface InvoiceFigures {
  status: InvoiceStatus;
  stage: Stage;
  dueDate: string;
  total: number;
  amountPaid: number;
  /** Late fees minus discounts and credit notes, as the account sums them (adjustmentsOf). */
  adjustmentsTotal: number;
  changesTotal: number;
}

export function eventInvoiceState(invoice: { id: string; number: string; currency: string; clientEmail: string }, f: InvoiceFigures): EventInvoiceState {
  return {
    id: invoice.id, number: invoice.number, status: f.status, stage: f.stage, currency: invoice.currency, total: f.total,
    amountPaid: f.amountPaid, dueDate: f.dueDate, clientEmail: invoice.clientEmail,
    amountDue: amountDue({ total: f.total, paid: f.amountPaid, adjustments: f.adjustmentsTotal, changes: f.changesTotal }),
  };
}

export interface EventTask {
  id: string;
  kind: string;
  title: string;
}

/** An event as the API lists it and a webhook carries it (Standard Webhooks' {type, timestamp, data}, plus the id). */
export interface EventBody {
  id: string;
  type: EventType;
  timestamp: string;
  data: { invoice: EventInvoiceState; message: string; task?: EventTask };
}
