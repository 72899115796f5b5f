// Request and response shapes. The same schemas validate requests and generate /openapi.json.
import { z } from 'zod';
import { isIsoDate, isValidTimeZone } from '../domain/dates';
import { isKnownCurrency } from '../domain/money';
import { INVOICE_STATUSES } from '../workflows/types';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const isoDate = z.string().refine(isIsoDate, 'must be a date as YYYY-MM-DD');
const timeZone = z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Sofia');
const minorUnits = (description: string) =>
  z.number().int('must be a whole number of minor units (cents)').max(1_000_000_000_000, 'is too large').describe(description);

export const PaymentInstructionsSchema = z
  .object({
    bankTransfer: z
      .object({
        accountName: text(200),
        iban: text(34).optional(),
        bic: text(11).optional(),
        accountNumber: text(34).optional(),
        routingNumber: text(20).optional(),
        bankName: text(200).optional(),
      })
      .strict()
      .optional(),
    cardPaymentUrl: z.string().url('must be a URL').max(2000).optional(),
    crypto: z.object({ asset: text(20), network: text(40).optional(), address: text(200) }).strict().optional(),
  })
  .strict();

export const IssuerInputSchema = z
  .object({
    name: text(200).optional(),
    taxId: text(50).optional(),
    address: text(500).optional(),
    email: z.string().email('must be an email address').max(320).optional(),
    phone: text(50).optional(),
    timeZone: timeZone.optional(),
    paymentInstructions: PaymentInstructionsSchema.optional(),
  })
  .strict();

export const ClientSchema = z
  .object({
    name: text(200),
    email: z.string().trim().email('must be an email address').max(320),
    address: text(500),
    taxId: text(50).optional(),
    phone: text(50).optional(),
    locale: z.enum(['en', 'bg']).default('en'),
    timeZone: timeZone.optional(),
  })
  .strict();

export const LineSchema = z
  .object({
    description: text(500),
    quantity: z.number().positive('must be greater than 0').max(1_000_000).multipleOf(0.001, 'allows at most 3 decimals'),
    unitAmount: minorUnits('Price of one unit in minor units, e.g. 12000 for 120.00').min(0, 'must not be negative'),
    taxRate: z.number().min(0).max(100).optional().describe('Tax rate in percent'),
  })
  .strict();

export const InvoiceCreateSchema = z
  .object({
    client: ClientSchema,
    currency: z
      .string()
      .transform((c) => c.toUpperCase())
      .refine(isKnownCurrency, 'must be an ISO 4217 currency code such as EUR'),
    termsDays: z.number().int('must be a whole number of days').min(0).max(365),
    lines: z.array(LineSchema).min(1, 'needs at least one line').max(200),
    poNumber: text(100).optional(),
    note: text(2000).optional(),
  })
  .strict();

export const PaymentCreateSchema = z
  .object({
    amount: minorUnits('Amount received, in minor units').positive('must be greater than 0'),
    method: z.enum(['card', 'bank_transfer', 'cash', 'check', 'crypto', 'other']),
    reference: text(200).optional(),
    paidAt: z.string().datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  })
  .strict();

export const VoidSchema = z.object({ reason: text(500).optional() }).strict();

export const CollectionsDecisionSchema = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('write_off'), reason: text(500) }).strict(),
    z.object({ decision: z.literal('extend'), newDueDate: isoDate, reason: text(500).optional() }).strict(),
    z.object({ decision: z.literal('agency'), agency: text(200), reason: text(500).optional() }).strict(),
  ]);

export const InvoiceListQuerySchema = z
  .object({
    status: z.enum(INVOICE_STATUSES as [string, ...string[]]).optional(),
    clientEmail: z.string().email('must be an email address').optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    startingAfter: z.string().uuid('must be an invoice id').optional(),
  })
  .strict();

export const InvoiceIdSchema = z.string().uuid('must be an invoice id');

export type IssuerInput = z.infer<typeof IssuerInputSchema>;
export type InvoiceCreate = z.infer<typeof InvoiceCreateSchema>;
export type PaymentCreate = z.infer<typeof PaymentCreateSchema>;
