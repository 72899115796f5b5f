import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { PricedLine } from '../../domain/money';

/**
 * A credit note: a numbered document (its own gapless series, CN-2026-0001) that takes back part
 * or all of an issued invoice, as EU VAT rules require instead of deleting it. Written once, by
 * the invoice's workflow, when the workflow accepts it.
 */
export class CreditNote {
  id!: string;
  invoiceId!: string;
  number!: string;
  year!: number;
  sequence!: number;
  reason!: string;
  /** Credits everything billed: the invoice is cancelled. */
  full!: boolean;
  currency!: string;
  lines!: PricedLine[];
  subtotal!: number;
  taxTotal!: number;
  total!: number;
  issueDate!: string;
  createdAt: Date = new Date();
}

const money = () => ({ type: new BigIntType('number'), columnType: 'bigint' });

export const CreditNoteSchema = new EntitySchema<CreditNote>({
  class: CreditNote,
  tableName: 'credit_note',
  properties: {
    id: { type: 'uuid', primary: true },
    invoiceId: { type: 'uuid' },
    number: { type: 'string' },
    year: { type: 'integer' },
    sequence: { type: 'integer' },
    reason: { type: 'text' },
    full: { type: 'boolean' },
    currency: { type: 'string', columnType: 'char(3)' },
    lines: { type: 'json' },
    subtotal: money(),
    taxTotal: money(),
    total: money(),
    issueDate: { type: 'string', columnType: 'date' },
    createdAt: { type: 'Date' },
  },
});
