import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { amountDue, type Amounts } from '../../domain/account';
import type { PricedLine } from '../../domain/money';
import type { PaymentTerms } from '../../domain/fees';
import type { DunningPolicy } from '../../domain/policies';
import type { InvoiceStatus, LadderStep, Stage } from '../../domain/types';
import type { PaymentInstructions } from './issuer';

export interface ClientDetails {
  name: string;
  email: string;
  address: string;
  taxId?: string;
  country?: string;
  city?: string;
  postalCode?: string;
  phone?: string;
  locale: 'en' | 'bg';
  timeZone: string;
}

export interface IssuerSnapshot {
  name: string;
  taxId: string;
  address: string;
  email: string;
  phone: string;
  /** ISO 3166-1 alpha-2; absent on invoices issued before it was asked for. */
  country?: string | null;
  city?: string | null;
  postalCode?: string | null;
  paymentInstructions: PaymentInstructions;
}

export type Supply = { date: string } | { start: string; end: string };

/**
 * An invoice as issued. Its document fields never change; status, stage, dueDate and the amounts
 * are the projection of its workflow (activities/records.ts), the only writer of its state.
 */
export class Invoice {
  id!: string;
  issuerId!: string;
  number!: string;
  year!: number;
  sequence!: number;
  status!: InvoiceStatus;
  stage!: Stage;
  currency!: string;
  subtotal!: number;
  taxTotal!: number;
  total!: number;
  amountPaid = 0;
  client!: ClientDetails;
  clientEmail!: string;
  poNumber?: string | null;
  note?: string | null;
  termsDays!: number;
  issueDate!: string;
  dueDate!: string;
  lines!: PricedLine[];
  /** Article 226(7): the date or period of supply; the issue date when null. */
  supply?: Supply | null;
  /** Why exempt (E) lines carry no VAT, as the invoice states it. */
  taxExemptionReason?: string | null;
  /** EN 16931 BT-10: the reference the buyer asked for (in Germany's public sector, the Leitweg-ID). */
  buyerReference?: string | null;
  issuerSnapshot!: IssuerSnapshot;
  ladder!: LadderStep[];
  /** The policy as it was when the invoice was issued; its workflow runs this copy. */
  policy?: DunningPolicy | null;
  policyName = 'standard';
  policyReason = 'default policy';
  terms: PaymentTerms = {};
  /** Late fees minus discounts, from invoice_adjustment. */
  adjustmentsTotal = 0;
  /** The early-payment discount granted (part of adjustmentsTotal). */
  discountTotal = 0;
  /** The workflow event the row reflects. */
  projectedSeq = 0;
  /** Approved change orders, billed beside the original lines. */
  changesTotal = 0;
  /** Credit notes issued against it (part of adjustmentsTotal). */
  creditNotesTotal = 0;
  paidAt?: Date | null;
  workflowId!: string;
  workflowStartedAt?: Date | null;
  /** A draft keeps the request it was made from, and is issued from it. */
  draftRequest?: unknown | null;
  /** The Idempotency-Key it was created with: a retry whose first answer was lost finds it. */
  idempotencyKey?: string | null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

const money = () => ({ type: new BigIntType('number'), columnType: 'bigint' });

export const InvoiceSchema = new EntitySchema<Invoice>({
  class: Invoice,
  tableName: 'invoice',
  properties: {
    id: { type: 'uuid', primary: true },
    issuerId: { type: 'string' },
    // Null only while a draft: issued invoices always have both (a check constraint says so).
    number: { type: 'string', nullable: true },
    year: { type: 'integer', nullable: true },
    sequence: { type: 'integer', nullable: true },
    status: { type: 'string' },
    stage: { type: 'string' },
    currency: { type: 'string', columnType: 'char(3)' },
    subtotal: money(),
    taxTotal: money(),
    total: money(),
    amountPaid: money(),
    client: { type: 'json' },
    clientEmail: { type: 'string' },
    poNumber: { type: 'string', nullable: true },
    note: { type: 'string', nullable: true },
    termsDays: { type: 'integer' },
    issueDate: { type: 'string', columnType: 'date' },
    dueDate: { type: 'string', columnType: 'date' },
    lines: { type: 'json' },
    supply: { type: 'json', nullable: true },
    taxExemptionReason: { type: 'string', columnType: 'text', nullable: true },
    buyerReference: { type: 'string', columnType: 'text', nullable: true },
    issuerSnapshot: { type: 'json' },
    ladder: { type: 'json' },
    policy: { type: 'json', nullable: true },
    policyName: { type: 'string' },
    policyReason: { type: 'string' },
    terms: { type: 'json' },
    adjustmentsTotal: money(),
    discountTotal: money(),
    projectedSeq: money(),
    changesTotal: money(),
    creditNotesTotal: money(),
    paidAt: { type: 'Date', nullable: true },
    workflowId: { type: 'string', nullable: true },
    draftRequest: { type: 'json', nullable: true },
    idempotencyKey: { type: 'string', nullable: true },
    workflowStartedAt: { type: 'Date', nullable: true },
    createdAt: { type: 'Date' },
    updatedAt: { type: 'Date', onUpdate: () => new Date() },
  },
});

/** The row's amounts in the account's terms (domain/account.ts computes what is owed from them). */
export const rowAmounts = (i: Pick<Invoice, 'total' | 'changesTotal' | 'adjustmentsTotal' | 'amountPaid'>): Amounts => ({
  total: i.total, changes: i.changesTotal ?? 0, adjustments: i.adjustmentsTotal ?? 0, paid: i.amountPaid,
});

/** What the client still owes, by the one rule. */
export const amountDueOf = (i: Pick<Invoice, 'total' | 'changesTotal' | 'adjustmentsTotal' | 'amountPaid'>): number => amountDue(rowAmounts(i));
