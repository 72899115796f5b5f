// Request and response shapes. The same schemas validate requests and generate /openapi.json.
import { z } from 'zod';
import { isIsoDate, isValidTimeZone } from '../domain/dates';
import { LOGO_MAX_BYTES, parseLogo } from '../domain/logo';
import { isKnownCurrency, linesAmountProblems, MAX_AMOUNT } from '../domain/money';
import { isHttpsUrl, storableTextProblem, type TextRule } from '../domain/text';
import { INVOICE_STATUSES } from '../domain/types';
import { isCountryCode, TAX_CATEGORIES } from '../domain/vat';
import { E_INVOICE_FORMATS } from '../domain/e-invoice';

/** Refuses, naming the field, text that cannot be stored and shown as given (domain/text.ts). */
const storable = <S extends z.ZodType<string>>(schema: S, rule: TextRule = {}): S =>
  schema.superRefine((value, ctx) => {
    const problem = storableTextProblem(value, rule);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }) as unknown as S;
/** Free text on one line: names, references, descriptions, emails' parts. */
const text = (max: number) => storable(z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`));
/** Free text that may have lines: notes, addresses, reasons, messages. */
const paragraph = (max: number) =>
  storable(z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`), { multiline: true });
const email = () => storable(z.string().trim().email('must be an email address').max(320));
const isoDate = z.string().refine(isIsoDate, 'must be a date as YYYY-MM-DD');
const timeZone = z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Sofia');
const country = z
  .string()
  .transform((c) => c.toUpperCase())
  .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code such as BG')
  .describe('ISO 3166-1 alpha-2');
const minorUnits = (description: string) =>
  z.number().int('must be a whole number of minor units (cents)').max(MAX_AMOUNT, `must be at most ${MAX_AMOUNT} minor units`).describe(description);

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
    // Shown as a link on the client's page and in emails: https only (no javascript:, data:, http:).
    cardPaymentUrl: storable(z.string().max(2000).refine(isHttpsUrl, 'must be an https:// URL')).optional(),
    crypto: z.object({ asset: text(20), network: text(40).optional(), address: text(200) }).strict().optional(),
  })
  .strict();

export const IssuerInputSchema = z
  .object({
    name: text(200).optional(),
    taxId: text(50).optional(),
    address: paragraph(500).optional(),
    email: storable(z.string().email('must be an email address').max(320)).optional(),
    phone: text(50).optional(),
    country: country.optional(),
    city: text(100).optional(),
    postalCode: text(20).optional(),
    timeZone: timeZone.optional(),
    paymentInstructions: PaymentInstructionsSchema.optional(),
    logo: z
      .string()
      .superRefine((value, ctx) => {
        const logo = parseLogo(value);
        if ('problem' in logo) ctx.addIssue({ code: 'custom', message: logo.problem });
      })
      .nullable()
      .optional()
      .describe(`The logo drawn top right on the PDF: a PNG or JPEG data URL (data:image/png;base64,…), at most ${LOGO_MAX_BYTES / 1024} KiB of image`),
  })
  .strict();

export const ClientSchema = z
  .object({
    name: text(200),
    email: email(),
    address: paragraph(500),
    taxId: text(50).optional().describe('VAT number; needed for reverse charge and intra-community supplies'),
    country: country.optional(),
    city: text(100).optional().describe('Beside the address: XRechnung needs city and postcode structured'),
    postalCode: text(20).optional(),
    phone: text(50).optional(),
    locale: z.enum(['en', 'bg']).default('en'),
    timeZone: timeZone.optional(),
    paymentDay: z.number().int().min(1).max(28).optional().describe('The client pays on this day of the month; the due date moves to the next one'),
  })
  .strict();

const policyName = z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, 'must be 2-40 lowercase letters, digits, - or _');

export const EarlyPaymentSchema = z
  .object({
    percent: z.number().gt(0, 'must be more than 0').max(50),
    withinDays: z.number().int().min(1).max(120),
  })
  .strict()
  .describe('A discount for paying early, e.g. 2% off if paid within 10 days');

export const LateFeesSchema = z
  .object({
    graceDays: z.number().int().min(0).max(90).default(0),
    fixedAmount: minorUnits('A one-off late fee in minor units').positive().optional(),
    annualRatePercent: z.number().gt(0).max(50).optional().describe('Simple yearly interest on the unpaid principal'),
    capAmount: minorUnits('The most all late fees together may come to').positive().optional(),
  })
  .strict()
  .refine((f) => f.fixedAmount !== undefined || f.annualRatePercent !== undefined, { message: 'set fixedAmount, annualRatePercent, or both' });

export const StatutoryLateFeesSchema = z
  .object({
    preset: z.literal('eu-late-payment').describe('EU Late Payment Directive 2011/7/EU: the reference rate plus 8 points, and EUR 40 compensation'),
    compensationAmount: minorUnits('The EUR 40 compensation in the invoice currency; needed for any currency but EUR').positive().optional(),
  })
  .strict();

export const ReferenceRateSchema = z
  .object({ ratePercent: z.number().min(-10).max(50).multipleOf(0.001), effectiveFrom: isoDate })
  .strict()
  .describe("A central bank's reference rate (the ECB's main refinancing rate for the euro) and the day it took effect");

export const LineSchema = z
  .object({
    description: text(500),
    quantity: z.number().positive('must be greater than 0').max(1_000_000).multipleOf(0.001, 'allows at most 3 decimals'),
    unitAmount: minorUnits('Price of one unit in minor units, e.g. 12000 for 120.00').min(0, 'must not be negative'),
    taxRate: z.number().min(0).max(100).optional().describe('Tax rate in percent'),
    taxCategory: z.enum(TAX_CATEGORIES).optional()
      .describe('EN 16931 VAT category: S standard, Z zero-rated, E exempt, AE reverse charge, K intra-community, G export, O outside scope. Default S with a rate, Z without'),
  })
  .strict();

/**
 * Lines whose money fits (domain/money.ts): each line with its tax, and the total, at most
 * MAX_AMOUNT, named as lines.<i>.unitAmount or lines. An invoice's total must also be greater
 * than zero: like Stripe, which finalizes a zero-total invoice as paid at once, there is nothing
 * to collect, so there would be nothing for the reminders, the payment page or a payment to do.
 */
const lineList = (max: number, { positiveTotal }: { positiveTotal: boolean }) =>
  z.array(LineSchema).min(1, 'needs at least one line').max(max).superRefine((lines, ctx) => {
    // Only lines that are each valid have a price to check; the others have their own messages.
    if (lines.length === 0 || !lines.every((line) => LineSchema.safeParse(line).success)) return;
    for (const problem of linesAmountProblems(lines, { positiveTotal })) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  });

export const SupplyPeriodSchema = z
  .object({ start: isoDate, end: isoDate })
  .strict()
  .refine((p) => p.start <= p.end, { path: ['end'], message: 'must not be before start' })
  .describe('The period the services were supplied in');

const InvoiceFieldsSchema = z
  .object({
    client: ClientSchema,
    currency: z
      .string()
      .transform((c) => c.toUpperCase())
      .refine(isKnownCurrency, 'must be an ISO 4217 currency code such as EUR'),
    termsDays: z.number().int('must be a whole number of days').min(0).max(365),
    lines: lineList(200, { positiveTotal: true }),
    poNumber: text(100).optional(),
    note: paragraph(2000).optional(),
    policy: policyName.optional().describe('Dunning policy; by default chosen from the client\'s record'),
    draft: z.boolean().optional().describe('Keep it as a draft: no number, no email, no reminders until POST /v1/invoices/{id}/issue'),
    earlyPayment: EarlyPaymentSchema.optional(),
    lateFees: z.union([StatutoryLateFeesSchema, LateFeesSchema]).optional().describe('Off unless given; stated on the invoice and in every reminder'),
    supplyDate: isoDate.optional().describe('When the goods or services were supplied (Article 226(7)); the issue date when absent'),
    supplyPeriod: SupplyPeriodSchema.optional(),
    buyerReference: text(100).optional().describe('EN 16931 BT-10, e.g. the Leitweg-ID for German public bodies'),
    taxExemptionReason: paragraph(300).optional().describe('Why exempt lines (E) carry no VAT, e.g. the article of the VAT law'),
  })
  .strict();

/** Article 226(7): one date or one period of supply. */
const oneSupply = (i: { supplyDate?: string; supplyPeriod?: unknown }) => !(i.supplyDate && i.supplyPeriod);
const oneSupplyIssue = { path: ['supplyPeriod'], message: 'give supplyDate or supplyPeriod, not both' };

export const InvoiceCreateSchema = InvoiceFieldsSchema.refine(oneSupply, oneSupplyIssue);

export const PaymentCreateSchema = z
  .object({
    amount: minorUnits('Amount received, in minor units').positive('must be greater than 0'),
    method: z.enum(['card', 'bank_transfer', 'cash', 'check', 'crypto', 'other']),
    reference: text(200).optional(),
    paidAt: z.string().datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  })
  .strict();

export const CreditNoteCreateSchema = z
  .object({
    reason: paragraph(500).describe('Why the invoice is credited; printed on the credit note'),
    lines: lineList(200, { positiveTotal: true }).optional().describe('The lines to credit, each with its VAT'),
    amount: minorUnits('An amount to credit, gross; for an invoice with one VAT rate').positive('must be greater than 0').optional(),
  })
  .strict()
  .refine((c) => !(c.lines && c.amount !== undefined), { path: ['amount'], message: 'give lines or amount, not both' })
  .describe('Neither lines nor amount: everything still billed is credited, which cancels the invoice');
export type CreditNoteCreate = z.infer<typeof CreditNoteCreateSchema>;

export const VoidSchema = z.object({ reason: paragraph(500).optional() }).strict();

export const CollectionsDecisionSchema = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('write_off'), reason: paragraph(500) }).strict(),
    z.object({ decision: z.literal('extend'), newDueDate: isoDate, reason: paragraph(500).optional() }).strict(),
    z.object({ decision: z.literal('agency'), agency: text(200), reason: paragraph(500).optional() }).strict(),
  ]);

export const InvoiceListQuerySchema = z
  .object({
    status: z.enum(INVOICE_STATUSES as [string, ...string[]]).optional(),
    clientEmail: storable(z.string().trim().min(3).max(320)).optional().describe('The client\'s email address (case-insensitive)'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    startingAfter: z.string().uuid('must be an invoice id').optional(),
  })
  .strict();

export const InvoiceIdSchema = z.string().uuid('must be an invoice id');

export type IssuerInput = z.infer<typeof IssuerInputSchema>;
export type InvoiceCreate = z.infer<typeof InvoiceCreateSchema>;
export type PaymentCreate = z.infer<typeof PaymentCreateSchema>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM');

export const PolicyStepSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lowercase letters, digits or _').optional(),
    offsetDays: z.number().int().min(-60).max(365).describe('Days from the due date; negative is before it'),
    action: z.enum(['email_client', 'owner_task', 'collections_review']),
    tone: z.enum(['friendly', 'nudge', 'firm', 'final']),
  })
  .strict();

export const PolicyInputSchema = z
  .object({
    description: paragraph(500).optional(),
    steps: z.array(PolicyStepSchema).min(1).max(20),
    sendAt: clock.default('10:00'),
    businessHours: z.object({ start: clock, end: clock }).strict().default({ start: '09:00', end: '17:00' }),
    autoResumeDays: z.number().int().min(0).max(90).default(14),
    promiseGraceDays: z.number().int().min(0).max(14).default(1),
    maxPromises: z.number().int().min(0).max(5).default(2).describe('Promises to pay a client may make on one invoice; past them you get a task to talk to them'),
    maxPromiseDays: z.number().int().min(1).max(90).default(30).describe('How far ahead a promised date may lie'),
  })
  .strict();

export const PolicyNameSchema = policyName;

export const ClientProfileSchema = z
  .object({
    policy: policyName.nullable().optional(),
    paymentDay: z.number().int().min(1).max(28).nullable().optional(),
    eInvoiceFormat: z.enum(E_INVOICE_FORMATS).nullable().optional().describe('Attach this e-invoice to their invoice emails (Factur-X replaces the PDF)'),
  })
  .strict();

export const PauseSchema = z
  .object({
    message: paragraph(2000).describe('What the client said, or why you pause'),
    source: z.enum(['client', 'owner']).default('owner'),
    autoResumeDays: z.number().int().min(0).max(90).optional(),
  })
  .strict();

export const ResumeSchema = z.object({ note: paragraph(500).optional() }).strict();

/** An instalment plan: its dates and sums are checked against the balance by the workflow (domain/instalments.ts). */
export const PlanSchema = z
  .object({
    instalments: z
      .array(z.object({ dueDate: isoDate, amount: minorUnits('This instalment, in minor units').positive('must be greater than 0') }).strict())
      .min(2, 'a plan has 2 to 12 instalments')
      .max(12, 'a plan has 2 to 12 instalments'),
  })
  .strict();

export const PromiseSchema = z.object({ date: isoDate, note: paragraph(500).optional() }).strict();

export const TaskCompletionSchema = z
  .object({
    outcome: z.enum(['promise', 'pause', 'resume', 'note']),
    promiseDate: isoDate.optional(),
    note: paragraph(2000).optional(),
  })
  .strict()
  .refine((t) => t.outcome !== 'promise' || !!t.promiseDate, { message: 'promiseDate is required when the outcome is a promise', path: ['promiseDate'] })
  .refine((t) => t.outcome !== 'pause' || !!t.note, { message: 'note is required when the outcome is a pause', path: ['note'] });

export type PolicyInput = z.infer<typeof PolicyInputSchema>;
export type TaskCompletion = z.infer<typeof TaskCompletionSchema>;

/** The documented event shape of POST /v1/webhooks/payments (any provider, bank or crypto processor). */
export const PaymentsWebhookSchema = z.object({
  type: z.enum(['payment.succeeded', 'payment.pending', 'payment.failed', 'payment.refunded']),
  data: z.object({
    id: z.string().min(1).max(200).describe('The payment\'s id at the provider; the same id across its events'),
    refund_id: z.string().min(1).max(200).optional(),
    amount: z.number().int().positive().max(MAX_AMOUNT),
    currency: z.string().regex(/^[A-Za-z]{3}$/),
    method: z.string().min(1).max(50).default('bank_transfer'),
    invoice_id: z.string().optional(),
    reference: z.string().max(500).optional().describe('A transfer reference; the invoice number in it matches the invoice'),
    reason: z.string().max(500).optional(),
  }),
});

export const ChangeOrderCreateSchema = z
  .object({
    description: text(500),
    reason: paragraph(2000).describe('Why the extra work was needed, in words the client recognises'),
    // A change order for no money (scope agreed in writing, free of charge) is allowed.
    lines: lineList(50, { positiveTotal: false }),
  })
  .strict();

export const CadenceSchema = z.discriminatedUnion('every', [
  z.object({
    every: z.literal('month'),
    dayOfMonth: z.number().int().min(1).max(28).describe('1-28, so every month has it'),
    interval: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(6), z.literal(12)]).default(1).describe('Every N months'),
  }).strict(),
  z.object({ every: z.literal('week'), weekday: z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']) }).strict(),
]);

export const RecurringCreateSchema = z
  .object({
    invoice: InvoiceFieldsSchema.omit({ draft: true }).refine(oneSupply, oneSupplyIssue),
    cadence: CadenceSchema,
    startDate: isoDate,
    endDate: isoDate.optional(),
  })
  .strict()
  .refine((r) => !r.endDate || r.endDate >= r.startDate, { message: 'must not be before startDate', path: ['endDate'] });

export const RecurringPatchSchema = z
  .object({
    lines: lineList(200, { positiveTotal: true }).optional(),
    termsDays: z.number().int().min(0).max(365).optional(),
    note: paragraph(2000).nullable().optional(),
    poNumber: text(100).nullable().optional(),
    policy: policyName.nullable().optional(),
  })
  .strict();

export const TaskListQuerySchema = z.object({ status: z.enum(['open', 'done']).default('open') }).strict();
