// The record a person reads: payments, emails, timeline, tasks. Written by idempotent activities
// and webhook handlers; each row carries the unique key that makes a retry a no-op.
import { BigIntType, EntitySchema } from '@mikro-orm/core';

export class Payment {
  id!: string;
  invoiceId!: string;
  paymentKey!: string;
  /** Refunds are negative rows: the balance is always the sum. */
  kind: 'payment' | 'refund' = 'payment';
  amount!: number;
  currency!: string;
  method!: string;
  reference?: string | null;
  receivedAt!: Date;
  recordedAt: Date = new Date();
}

export const PaymentSchema = new EntitySchema<Payment>({
  class: Payment,
  tableName: 'payment',
  properties: {
    id: { type: 'uuid', primary: true },
    invoiceId: { type: 'uuid' },
    paymentKey: { type: 'string' },
    kind: { type: 'string' },
    amount: { type: new BigIntType('number'), columnType: 'bigint' },
    currency: { type: 'string', columnType: 'char(3)' },
    method: { type: 'string' },
    reference: { type: 'string', nullable: true },
    receivedAt: { type: 'Date' },
    recordedAt: { type: 'Date' },
  },
});

export class WebhookEvent {
  provider!: string;
  eventId!: string;
  type!: string;
  invoiceId?: string | null;
  outcome!: string;
  receivedAt: Date = new Date();
}

export const WebhookEventSchema = new EntitySchema<WebhookEvent>({
  class: WebhookEvent,
  tableName: 'webhook_event',
  properties: {
    provider: { type: 'string', primary: true },
    eventId: { type: 'string', primary: true },
    type: { type: 'string' },
    invoiceId: { type: 'uuid', nullable: true },
    outcome: { type: 'string' },
    receivedAt: { type: 'Date' },
  },
});

export class EmailMessage {
  id!: string;
  invoiceId?: string | null;
  idempotencyKey!: string;
  recipient!: string;
  sender!: string;
  subject!: string;
  html!: string;
  bodyText!: string;
  transport!: 'resend' | 'outbox';
  providerId?: string | null;
  createdAt: Date = new Date();
}

export const EmailMessageSchema = new EntitySchema<EmailMessage>({
  class: EmailMessage,
  tableName: 'email_message',
  properties: {
    id: { type: 'uuid', primary: true },
    invoiceId: { type: 'uuid', nullable: true },
    idempotencyKey: { type: 'string' },
    recipient: { type: 'string' },
    sender: { type: 'string' },
    subject: { type: 'string' },
    html: { type: 'text' },
    bodyText: { type: 'text' },
    transport: { type: 'string' },
    providerId: { type: 'string', nullable: true },
    createdAt: { type: 'Date' },
  },
});

export class TimelineEvent {
  id!: number;
  invoiceId!: string;
  key!: string;
  kind!: string;
  message!: string;
  at: Date = new Date();
}

export const TimelineEventSchema = new EntitySchema<TimelineEvent>({
  class: TimelineEvent,
  tableName: 'timeline_event',
  properties: {
    id: { type: new BigIntType('number'), primary: true, autoincrement: true },
    invoiceId: { type: 'uuid' },
    key: { type: 'string' },
    kind: { type: 'string' },
    message: { type: 'text' },
    at: { type: 'Date' },
  },
});

export class OwnerTask {
  id!: string;
  invoiceId!: string;
  key!: string;
  kind!: string;
  title!: string;
  detail!: string;
  status: 'open' | 'done' = 'open';
  outcome?: string | null;
  createdAt: Date = new Date();
  completedAt?: Date | null;
}

export const OwnerTaskSchema = new EntitySchema<OwnerTask>({
  class: OwnerTask,
  tableName: 'owner_task',
  properties: {
    id: { type: 'uuid', primary: true },
    invoiceId: { type: 'uuid' },
    key: { type: 'string' },
    kind: { type: 'string' },
    title: { type: 'string' },
    detail: { type: 'text' },
    status: { type: 'string' },
    outcome: { type: 'string', nullable: true },
    createdAt: { type: 'Date' },
    completedAt: { type: 'Date', nullable: true },
  },
});

export class ClientCredit {
  id!: string;
  clientEmail!: string;
  currency!: string;
  amount!: number;
  sourceInvoiceId?: string | null;
  key!: string;
  appliedToInvoiceId?: string | null;
  createdAt: Date = new Date();
  appliedAt?: Date | null;
}

export const ClientCreditSchema = new EntitySchema<ClientCredit>({
  class: ClientCredit,
  tableName: 'client_credit',
  properties: {
    id: { type: 'uuid', primary: true },
    clientEmail: { type: 'string' },
    currency: { type: 'string', columnType: 'char(3)' },
    amount: { type: new BigIntType('number'), columnType: 'bigint' },
    sourceInvoiceId: { type: 'uuid', nullable: true },
    key: { type: 'string' },
    appliedToInvoiceId: { type: 'uuid', nullable: true },
    createdAt: { type: 'Date' },
    appliedAt: { type: 'Date', nullable: true },
  },
});

/** Money that arrived but could not be matched to an invoice; a person assigns it. */
export class UnappliedPayment {
  id!: string;
  source!: string;
  externalId!: string;
  amount!: number;
  currency!: string;
  method!: string;
  reference?: string | null;
  reason!: string;
  receivedAt!: Date;
  assignedInvoiceId?: string | null;
  assignedAt?: Date | null;
}

export const UnappliedPaymentSchema = new EntitySchema<UnappliedPayment>({
  class: UnappliedPayment,
  tableName: 'unapplied_payment',
  properties: {
    id: { type: 'uuid', primary: true },
    source: { type: 'string' },
    externalId: { type: 'string' },
    amount: { type: new BigIntType('number'), columnType: 'bigint' },
    currency: { type: 'string', columnType: 'char(3)' },
    method: { type: 'string' },
    reference: { type: 'string', nullable: true },
    reason: { type: 'string' },
    receivedAt: { type: 'Date' },
    assignedInvoiceId: { type: 'uuid', nullable: true },
    assignedAt: { type: 'Date', nullable: true },
  },
});

export class EmailSuppression {
  email!: string;
  reason!: string;
  createdAt: Date = new Date();
}

export const EmailSuppressionSchema = new EntitySchema<EmailSuppression>({
  class: EmailSuppression,
  tableName: 'email_suppression',
  properties: {
    email: { type: 'string', primary: true },
    reason: { type: 'string' },
    createdAt: { type: 'Date' },
  },
});

/** The client's link to their invoice page. Rotating it revokes the old one. */
export class InvoiceLink {
  token!: string;
  invoiceId!: string;
  createdAt: Date = new Date();
  revokedAt?: Date | null;
}

export const InvoiceLinkSchema = new EntitySchema<InvoiceLink>({
  class: InvoiceLink,
  tableName: 'invoice_link',
  properties: {
    token: { type: 'string', primary: true },
    invoiceId: { type: 'uuid' },
    createdAt: { type: 'Date' },
    revokedAt: { type: 'Date', nullable: true },
  },
});

export class ChangeOrder {
  id!: string;
  invoiceId!: string;
  token!: string;
  description!: string;
  reason!: string;
  lines!: import('../../domain/money').PricedLine[];
  subtotal!: number;
  taxTotal!: number;
  total!: number;
  status: 'pending' | 'approved' | 'declined' = 'pending';
  decidedName?: string | null;
  decidedAt?: Date | null;
  decidedIp?: string | null;
  decidedUserAgent?: string | null;
  createdAt: Date = new Date();
}

export const ChangeOrderSchema = new EntitySchema<ChangeOrder>({
  class: ChangeOrder,
  tableName: 'change_order',
  properties: {
    id: { type: 'uuid', primary: true },
    invoiceId: { type: 'uuid' },
    token: { type: 'string' },
    description: { type: 'text' },
    reason: { type: 'text' },
    lines: { type: 'json' },
    subtotal: { type: new BigIntType('number'), columnType: 'bigint' },
    taxTotal: { type: new BigIntType('number'), columnType: 'bigint' },
    total: { type: new BigIntType('number'), columnType: 'bigint' },
    status: { type: 'string' },
    decidedName: { type: 'string', nullable: true },
    decidedAt: { type: 'Date', nullable: true },
    decidedIp: { type: 'string', nullable: true },
    decidedUserAgent: { type: 'string', nullable: true },
    createdAt: { type: 'Date' },
  },
});

export type Cadence = { every: 'month'; dayOfMonth: number; interval: number } | { every: 'week'; weekday: string };

/** A recurring plan: the invoice request to repeat, and when. Its Temporal Schedule is "plan-<id>". */
export class RecurringPlan {
  id!: string;
  request!: unknown;
  clientEmail!: string;
  cadence!: Cadence;
  timeZone!: string;
  startDate!: string;
  endDate?: string | null;
  status: 'active' | 'paused' | 'ended' = 'active';
  skipNext = false;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const RecurringPlanSchema = new EntitySchema<RecurringPlan>({
  class: RecurringPlan,
  tableName: 'recurring_plan',
  properties: {
    id: { type: 'uuid', primary: true },
    request: { type: 'json' },
    clientEmail: { type: 'string' },
    cadence: { type: 'json' },
    timeZone: { type: 'string' },
    startDate: { type: 'string', columnType: 'date' },
    endDate: { type: 'string', columnType: 'date', nullable: true },
    status: { type: 'string' },
    skipNext: { type: 'boolean' },
    createdAt: { type: 'Date' },
    updatedAt: { type: 'Date', onUpdate: () => new Date() },
  },
});
