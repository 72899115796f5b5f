export * from './issuer';
export * from './invoice';
export * from './records';
export * from './policy';
export * from './credit-note';
export * from './reference-rate';
export * from './client-relationship';
export * from './event';
export * from './webhook-endpoint';
export * from './webhook-delivery';
import { CreditNoteSchema } from './credit-note';
import { ReferenceRateSchema } from './reference-rate';
import { PaymentSplitSchema, StatementLinkSchema } from './client-relationship';
import { IssuerSchema } from './issuer';
import { EventRecordSchema } from './event';
import { WebhookEndpointSchema } from './webhook-endpoint';
import { WebhookDeliverySchema } from './webhook-delivery';
import { ClientProfileSchema, DunningPolicySchema, InvoiceAdjustmentSchema } from './policy';
import { InvoiceSchema } from './invoice';
import {
  ChangeOrderSchema,
  ClientCreditSchema,
  EmailMessageSchema,
  EmailSuppressionSchema,
  InvoiceLinkSchema,
  OwnerTaskSchema,
  RecurringPlanSchema,
  PaymentSchema,
  TimelineEventSchema,
  UnappliedPaymentSchema,
  WebhookEventSchema,
} from './records';

export const ENTITY_SCHEMAS = [
  IssuerSchema,
  InvoiceSchema,
  PaymentSchema,
  WebhookEventSchema,
  EmailMessageSchema,
  TimelineEventSchema,
  OwnerTaskSchema,
  DunningPolicySchema,
  ClientProfileSchema,
  InvoiceAdjustmentSchema,
  ClientCreditSchema,
  UnappliedPaymentSchema,
  EmailSuppressionSchema,
  InvoiceLinkSchema,
  ChangeOrderSchema,
  RecurringPlanSchema,
  CreditNoteSchema,
  ReferenceRateSchema,
  PaymentSplitSchema,
  StatementLinkSchema,
  EventRecordSchema,
  WebhookEndpointSchema,
  WebhookDeliverySchema,
];
