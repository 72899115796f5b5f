import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { SplitPart } from '../../domain/payment-split';

/**
 * How one payment was split over a client's invoices, written before any part is sent: a retry
 * (same Idempotency-Key) or a redelivered webhook (same payment id) replays these parts, never a
 * new split computed from balances the first attempt already changed.
 */
export class PaymentSplit {
  /** The payment's id at its source ("manual:client:…", "payments:tx_…"); each part's id derives from it. */
  sourceKey!: string;
  clientEmail!: string;
  currency!: string;
  amount!: number;
  /** Paid beyond what the invoices owed: rides on the last part, and its workflow makes it credit. */
  credit!: number;
  parts!: SplitPart[];
  createdAt: Date = new Date();
}

export const PaymentSplitSchema = new EntitySchema<PaymentSplit>({
  class: PaymentSplit,
  tableName: 'payment_split',
  properties: {
    sourceKey: { type: 'string', primary: true },
    clientEmail: { type: 'string' },
    currency: { type: 'string', columnType: 'char(3)' },
    amount: { type: new BigIntType('number'), columnType: 'bigint' },
    credit: { type: new BigIntType('number'), columnType: 'bigint' },
    parts: { type: 'json' },
    createdAt: { type: 'Date' },
  },
});

/** The client's link to their statement: a secret like the invoice links, one active per client. */
export class StatementLink {
  token!: string;
  clientEmail!: string;
  createdAt: Date = new Date();
  revokedAt?: Date | null;
}

export const StatementLinkSchema = new EntitySchema<StatementLink>({
  class: StatementLink,
  tableName: 'statement_link',
  properties: {
    token: { type: 'string', primary: true },
    clientEmail: { type: 'string' },
    createdAt: { type: 'Date' },
    revokedAt: { type: 'Date', nullable: true },
  },
});
