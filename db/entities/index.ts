export * from './issuer';
export * from './invoice';
export * from './records';
import { IssuerSchema } from './issuer';
import { InvoiceSchema } from './invoice';
import { EmailMessageSchema, OwnerTaskSchema, PaymentSchema, TimelineEventSchema, WebhookEventSchema } from './records';

export const ENTITY_SCHEMAS = [
  IssuerSchema,
  InvoiceSchema,
  PaymentSchema,
  WebhookEventSchema,
  EmailMessageSchema,
  TimelineEventSchema,
  OwnerTaskSchema,
];
