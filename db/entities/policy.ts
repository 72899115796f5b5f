import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { DunningPolicy } from '../../domain/policies';

/** An owner-defined dunning policy. Built-in ones live in code (workflows/policies.ts). */
export class DunningPolicyRecord {
  name!: string;
  policy!: DunningPolicy;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const DunningPolicySchema = new EntitySchema<DunningPolicyRecord>({
  class: DunningPolicyRecord,
  tableName: 'dunning_policy',
  properties: {
    name: { type: 'string', primary: true },
    policy: { type: 'json' },
    createdAt: { type: 'Date' },
    updatedAt: { type: 'Date', onUpdate: () => new Date() },
  },
});

/** What the owner knows about a client: the policy to use, the day they pay on. */
export class ClientProfile {
  email!: string;
  policyName?: string | null;
  paymentDay?: number | null;
  /** The e-invoice their invoice emails carry beside (or, for Factur-X, instead of) the PDF. */
  eInvoiceFormat?: import('../../domain/e-invoice').EInvoiceFormat | null;
  updatedAt: Date = new Date();
}

export const ClientProfileSchema = new EntitySchema<ClientProfile>({
  class: ClientProfile,
  tableName: 'client_profile',
  properties: {
    email: { type: 'string', primary: true },
    policyName: { type: 'string', nullable: true },
    paymentDay: { type: 'integer', nullable: true },
    eInvoiceFormat: { type: 'string', nullable: true },
    updatedAt: { type: 'Date', onUpdate: () => new Date() },
  },
});

export class InvoiceAdjustment {
  id!: string;
  invoiceId!: string;
  key!: string;
  kind!: 'late_fee' | 'early_payment_discount' | 'credit_note';
  /** Positive adds to what is due (a fee), negative takes off (a discount). */
  amount!: number;
  description!: string;
  createdAt: Date = new Date();
}

export const InvoiceAdjustmentSchema = new EntitySchema<InvoiceAdjustment>({
  class: InvoiceAdjustment,
  tableName: 'invoice_adjustment',
  properties: {
    id: { type: 'uuid', primary: true },
    invoiceId: { type: 'uuid' },
    key: { type: 'string' },
    kind: { type: 'string' },
    amount: { type: new BigIntType('number'), columnType: 'bigint' },
    description: { type: 'text' },
    createdAt: { type: 'Date' },
  },
});
