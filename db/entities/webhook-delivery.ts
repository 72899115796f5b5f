// One event on its way to one endpoint: pending until the endpoint answers 2xx, failed when the
// retries ran out (or the endpoint was disabled); the owner may send it again.
import { BigIntType, EntitySchema } from '@mikro-orm/core';

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export class WebhookDelivery {
  id!: string;
  endpointId!: string;
  eventId!: string;
  invoiceId!: string;
  invoiceSeq!: number;
  eventSeq!: number;
  status: DeliveryStatus = 'pending';
  attempts = 0;
  lastStatusCode?: number | null;
  lastError?: string | null;
  lastAttemptAt?: Date | null;
  deliveredAt?: Date | null;
  createdAt: Date = new Date();
}

export const WebhookDeliverySchema = new EntitySchema<WebhookDelivery>({
  class: WebhookDelivery,
  tableName: 'webhook_delivery',
  properties: {
    id: { type: 'string', primary: true },
    endpointId: { type: 'string' },
    eventId: { type: 'string' },
    invoiceId: { type: 'uuid' },
    invoiceSeq: { type: 'integer' },
    eventSeq: { type: new BigIntType('number') },
    status: { type: 'string' },
    attempts: { type: 'integer' },
    lastStatusCode: { type: 'integer', nullable: true },
    lastError: { type: 'text', nullable: true },
    lastAttemptAt: { type: 'Date', nullable: true },
    deliveredAt: { type: 'Date', nullable: true },
    createdAt: { type: 'Date' },
  },
});
