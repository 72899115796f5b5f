// One event in the log: what changed on an invoice, with the invoice as it then stood.
import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { EventBody, EventType } from '../../domain/events';

export class EventRecord {
  id!: string;
  /** Insertion order: the log's cursor. */
  seq!: number;
  type!: EventType;
  invoiceId!: string;
  /** The workflow's sequence number at the change: orders an invoice's events. */
  invoiceSeq!: number;
  body!: EventBody;
  createdAt: Date = new Date();
}

export const EventRecordSchema = new EntitySchema<EventRecord>({
  class: EventRecord,
  tableName: 'event',
  properties: {
    id: { type: 'string', primary: true },
    seq: { type: new BigIntType('number'), autoincrement: true },
    type: { type: 'string' },
    invoiceId: { type: 'uuid' },
    invoiceSeq: { type: 'integer' },
    body: { type: 'json' },
    createdAt: { type: 'Date' },
  },
});
