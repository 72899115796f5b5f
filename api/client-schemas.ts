// Request shapes of the client as one relationship: a payment over several invoices, a pause of
// them all, the statement's format. They validate requests and generate /openapi.json.
import { z } from 'zod';
import { isKnownCurrency } from '../domain/money';
import { PauseSchema, PaymentCreateSchema, ResumeSchema } from './schemas';

export const ClientEmailSchema = z.string().email('must be an email address').max(320).transform((e) => e.toLowerCase());

export const ClientPaymentSchema = PaymentCreateSchema.extend({
  currency: z
    .string()
    .transform((c) => c.toUpperCase())
    .refine(isKnownCurrency, 'must be an ISO 4217 currency code such as EUR'),
  invoices: z
    .array(z.string().uuid('must be an invoice id'))
    .min(1, 'must name at least one invoice')
    .max(100, 'must name at most 100 invoices')
    .refine((ids) => new Set(ids).size === ids.length, 'must not name an invoice twice')
    .optional()
    .describe('The invoices to pay, in this order; by default every open invoice of the client in the currency, oldest due first'),
}).strict();

export type ClientPaymentCreate = z.infer<typeof ClientPaymentSchema>;

export const ClientPauseSchema = PauseSchema.omit({ source: true }).extend({
  source: z.enum(['owner', 'dispute']).default('owner').describe('dispute also gives you a task per invoice'),
}).strict();

export const ClientResumeSchema = ResumeSchema;

export const StatementQuerySchema = z
  .object({ format: z.enum(['json', 'pdf']).default('json').describe('pdf: the statement as the client\'s PDF') })
  .strict();
