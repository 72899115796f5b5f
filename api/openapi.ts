// /openapi.json, generated from the zod schemas that validate the requests: the two cannot drift.
import { AuditRequestSchema } from './routes/audit';
import { AssignSchema } from './routes/payments';
import { documentPaths, documentSchemas } from './openapi-documents';
import { clientPaths, clientSchemas } from './openapi-clients';
import { eventPaths, eventSchemas } from './openapi-events';
import { z } from 'zod';
import {
  ClientProfileSchema,
  CollectionsDecisionSchema,
  InvoiceCreateSchema,
  InvoiceListQuerySchema,
  IssuerInputSchema,
  PauseSchema,
  PaymentCreateSchema,
  PolicyInputSchema,
  PlanSchema,
  PromiseSchema,
  ResumeSchema,
  TaskCompletionSchema,
  VoidSchema,
  PaymentsWebhookSchema,
  ChangeOrderCreateSchema,
  RecurringCreateSchema,
  RecurringPatchSchema,
} from './schemas';

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });
const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });
const body = (name: string) => ({ required: true, content: json(ref(name)) });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const ownerErrors = { '400': errorResponse('Invalid input; `fields` names each bad field'), '401': errorResponse('Missing or wrong API key') };

const invoiceSummary = {
  type: 'object',
  required: ['id', 'number', 'status', 'currency', 'total', 'amountDue', 'issueDate', 'dueDate', 'workflowId'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    number: { type: 'string', example: 'INV-2026-0001' },
    status: { type: 'string', enum: ['draft', 'open', 'paid', 'uncollectible', 'void'] },
    stage: { type: 'string' },
    currency: { type: 'string', example: 'EUR' },
    subtotal: { type: 'integer' },
    taxTotal: { type: 'integer' },
    total: { type: 'integer', description: 'Minor units' },
    amountPaid: { type: 'integer' },
    amountDue: { type: 'integer' },
    issueDate: { type: 'string', format: 'date' },
    dueDate: { type: 'string', format: 'date' },
    paymentTerms: { type: 'string', example: 'within 30 days (by 28 December 2026)' },
    workflowId: { type: 'string', example: 'invoice-INV-2026-0001' },
  },
};

/** Every owner POST takes an Idempotency-Key, and can answer 409 (still in flight) or 422 (reused). */
type Operation = { security?: unknown[]; parameters?: unknown[]; responses: Record<string, unknown>; [key: string]: unknown };

function withIdempotency(paths: Record<string, Record<string, Operation>>) {
  for (const operations of Object.values(paths)) {
    const post = operations.post;
    if (!post || (post.security && post.security.length === 0)) continue;
    post.parameters = [...(post.parameters ?? []).filter((p) => (p as { name?: string }).name !== 'Idempotency-Key'), { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 255 } }];
    post.responses = { '409': errorResponse('A request with this Idempotency-Key is still running, or the state does not allow it'), '422': errorResponse('This Idempotency-Key was used with another request'), ...post.responses };
  }
  return paths;
}

/**
 * What can be done with an invoice once created: OpenAPI links, which schemathesis follows to
 * test sequences (create, then pay, pause, promise, void, propose a change…), not single calls.
 */
const invoiceLinks = Object.fromEntries(
  ([
    ['GetInvoice', '/v1/invoices/{id}', 'get'],
    ['RecordPayment', '/v1/invoices/{id}/payments', 'post'],
    ['VoidInvoice', '/v1/invoices/{id}/void', 'post'],
    ['PauseReminders', '/v1/invoices/{id}/pause', 'post'],
    ['ResumeReminders', '/v1/invoices/{id}/resume', 'post'],
    ['PromiseToPay', '/v1/invoices/{id}/promise', 'post'],
    ['ProposeChangeOrder', '/v1/invoices/{id}/change-orders', 'post'],
    ['GetSchedule', '/v1/invoices/{id}/schedule', 'get'],
    ['DecideCollections', '/v1/invoices/{id}/collections-decision', 'post'],
    ['IssueCreditNote', '/v1/invoices/{id}/credit-notes', 'post'],
    ['GetEInvoice', '/v1/invoices/{id}/e-invoice', 'get'],
  ] as const).map(([name, path, method]) => [name, { operationRef: `#/paths/${path.replace(/\//g, '~1')}/${method}`, parameters: { id: '$response.body#/id' } }]),
);

const helpers = { jsonSchema, ref, json, errorResponse, body, idParam, ownerErrors };

export function buildOpenApiDocument(serverUrl: string) {
  const listParams = Object.entries((jsonSchema(InvoiceListQuerySchema).properties ?? {}) as Record<string, object>).map(([name, schema]) => ({
    name, in: 'query', required: false, schema,
  }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dunwell API',
      version: '1.0.0',
      description: 'Send an invoice once; Dunwell follows up politely until it is paid. Money is always an integer in the currency\'s minor unit.',
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'DUNWELL_API_KEY' } },
      schemas: {
        IssuerInput: jsonSchema(IssuerInputSchema),
        InvoiceCreate: jsonSchema(InvoiceCreateSchema),
        PaymentCreate: jsonSchema(PaymentCreateSchema),
        VoidInvoice: jsonSchema(VoidSchema),
        CollectionsDecision: jsonSchema(CollectionsDecisionSchema),
        PolicyInput: jsonSchema(PolicyInputSchema),
        ChangeOrderCreate: jsonSchema(ChangeOrderCreateSchema),
        RecurringCreate: jsonSchema(RecurringCreateSchema),
        RecurringPatch: jsonSchema(RecurringPatchSchema),
        ClientProfile: jsonSchema(ClientProfileSchema),
        Pause: jsonSchema(PauseSchema),
        Resume: jsonSchema(ResumeSchema),
        Promise: jsonSchema(PromiseSchema),
        Plan: jsonSchema(PlanSchema),
        TaskCompletion: jsonSchema(TaskCompletionSchema),
        Schedule: {
          type: 'object',
          properties: {
            policy: { type: 'object', properties: { name: { type: 'string' }, reason: { type: 'string' } } },
            state: { type: 'string', enum: ['running', 'paused', 'promised', 'finished', 'closed'] },
            resumesAt: { type: ['string', 'null'], format: 'date-time' },
            upcoming: { type: 'array', items: { type: 'object', properties: { stepId: { type: 'string' }, action: { type: 'string' }, tone: { type: 'string' }, at: { type: 'string', format: 'date-time' }, localTime: { type: 'string' }, supersededBy: { type: ['string', 'null'], description: 'Set when a firmer step falls on the same moment: only that one is sent' } } } },
            done: { type: 'array', items: { type: 'object', properties: { stepId: { type: 'string' }, at: { type: 'string', format: 'date-time' }, outcome: { type: 'string', enum: ['sent', 'skipped'] } } } },
          },
        },
        ...documentSchemas(helpers),
        ...clientSchemas(helpers),
        ...eventSchemas(helpers),
        InvoiceSummary: invoiceSummary,
        Invoice: { allOf: [ref('InvoiceSummary')], type: 'object', properties: { lines: { type: 'array', items: { type: 'object' } }, nextStep: { type: ['object', 'null'] }, timeline: { type: 'array', items: { type: 'object' } } } },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['type', 'message'],
              properties: {
                type: { type: 'string' },
                message: { type: 'string' },
                fields: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
              },
            },
          },
        },
      },
    },
    paths: withIdempotency({
      ...documentPaths(helpers),
      ...clientPaths(helpers),
      ...eventPaths(helpers),
      '/healthz': {
        get: { security: [], summary: 'Readiness: database and Temporal', responses: { '200': { description: 'Ready' }, '503': { description: 'A dependency is down' } } },
      },
      '/v1/issuer': {
        get: { summary: 'The business profile', responses: { '200': { description: 'Profile and its missing fields' }, ...ownerErrors } },
        put: { summary: 'Set the business profile', requestBody: body('IssuerInput'), responses: { '200': { description: 'Saved' }, ...ownerErrors } },
      },
      '/v1/invoices': {
        post: {
          summary: 'Issue an invoice and start its follow-up',
          requestBody: body('InvoiceCreate'),
          responses: { '201': { description: 'Issued', content: json(ref('Invoice')), links: invoiceLinks }, ...ownerErrors, '409': errorResponse('The business profile is incomplete') },
        },
        get: {
          summary: 'List invoices, newest first',
          parameters: listParams,
          responses: { '200': { description: 'A page', content: json({ type: 'object', properties: { data: { type: 'array', items: ref('InvoiceSummary') }, hasMore: { type: 'boolean' }, nextCursor: { type: ['string', 'null'] } } }) }, ...ownerErrors },
        },
      },
      '/v1/invoices/{id}': {
        get: { summary: 'An invoice with its live stage, next step and timeline', parameters: [idParam], responses: { '200': { description: 'The invoice', content: json(ref('Invoice')) }, ...ownerErrors, '404': errorResponse('No such invoice') } },
        delete: { summary: 'Delete a draft (an issued invoice is voided instead)', parameters: [idParam], responses: { '204': { description: 'Deleted' }, ...ownerErrors, '404': errorResponse('No such invoice'), '409': errorResponse('Not a draft') } },
      },
      '/v1/invoices/{id}/payments': {
        post: {
          summary: 'Record a payment received outside Dunwell',
          parameters: [idParam, { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 } }],
          requestBody: body('PaymentCreate'),
          responses: { '201': { description: 'Applied', content: json(ref('Invoice')) }, '200': { description: 'Already applied (same Idempotency-Key)', content: json(ref('Invoice')) }, ...ownerErrors, '404': errorResponse('No such invoice'), '409': errorResponse('The invoice is closed') },
        },
      },
      '/v1/invoices/{id}/void': {
        post: { summary: 'Void an open invoice (its follow-up stops) or a draft (kept, never numbered)', parameters: [idParam], requestBody: { required: false, content: json(ref('VoidInvoice')) }, responses: { '200': { description: 'Voided', content: json(ref('Invoice')) }, ...ownerErrors, '404': errorResponse('No such invoice'), '409': errorResponse('Neither open nor a draft') } },
      },
      '/v1/invoices/{id}/collections-decision': {
        post: { summary: 'A person decides an invoice in collections review', description: 'The review\'s open task is marked done with the decision (as when it is decided on the task\'s page).', parameters: [idParam], requestBody: body('CollectionsDecision'), responses: { '200': { description: 'Recorded', content: json(ref('Invoice')) }, ...ownerErrors, '404': errorResponse('No such invoice'), '409': errorResponse('Not in collections review') } },
      },
      '/v1/invoices/{id}/change-orders': {
        get: { summary: 'Change orders of an invoice, with who decided and when', parameters: [idParam], responses: { '200': { description: 'Change orders' }, ...ownerErrors, '404': errorResponse('No such invoice') } },
        post: { summary: 'Propose extra scope; the client approves or declines it on its own page', parameters: [idParam], requestBody: body('ChangeOrderCreate'), responses: { '201': { description: 'Proposed, with approvalUrl' }, ...ownerErrors, '404': errorResponse('No such invoice'), '409': errorResponse('The invoice is not open') } },
      },
      '/v1/recurring': {
        get: { summary: 'Recurring plans', responses: { '200': { description: 'Plans' }, ...ownerErrors } },
        post: { summary: 'A recurring plan: an invoice repeated on a cadence by a Temporal Schedule', requestBody: body('RecurringCreate'), responses: { '201': { description: 'Created, with its next dates' }, ...ownerErrors } },
      },
      '/v1/recurring/{id}': {
        get: { summary: 'A plan, its next dates and every period\'s outcome', parameters: [idParam], responses: { '200': { description: 'The plan' }, ...ownerErrors, '404': errorResponse('No such plan') } },
        patch: { summary: 'Change the repeated invoice from the next period on', parameters: [idParam], requestBody: body('RecurringPatch'), responses: { '200': { description: 'Changed' }, ...ownerErrors, '404': errorResponse('No such plan') } },
      },
      ...Object.fromEntries(['pause', 'resume', 'skip-next', 'end'].map((action) => [`/v1/recurring/{id}/${action}`, {
        post: { summary: `${action.replace('-', ' ')} the plan`, parameters: [idParam], responses: { '200': { description: 'The plan' }, ...ownerErrors, '404': errorResponse('No such plan'), '409': errorResponse('The plan has ended') } },
      }])),
      '/v1/invoices/{id}/issue': {
        post: { summary: 'Issue a draft: numbered today, emailed, its reminders started', parameters: [idParam], responses: { '200': { description: 'Issued', content: json(ref('Invoice')) }, ...ownerErrors, '404': errorResponse('No such invoice'), '409': errorResponse('Already issued, or the business profile is incomplete') } },
      },
      '/v1/invoices/{id}/pdf': {
        get: { summary: 'The invoice as a PDF', parameters: [idParam], responses: { '200': { description: 'PDF', content: { 'application/pdf': {} } }, ...ownerErrors, '404': errorResponse('No such invoice'), '409': errorResponse('A draft: issue it first') } },
      },
      '/v1/invoices/{id}/link/rotate': {
        post: { summary: 'A new link for the client\'s page; the old one stops working', parameters: [idParam], responses: { '200': { description: 'The new hostedUrl' }, ...ownerErrors, '404': errorResponse('No such invoice'), '409': errorResponse('A draft has no client link until issued') } },
      },
      '/v1/invoices/{id}/schedule': {
        get: { summary: 'Every upcoming step with its date and time, and what has happened already', parameters: [idParam], responses: { '200': { description: 'The schedule', content: json(ref('Schedule')) }, ...ownerErrors, '404': errorResponse('No such invoice') } },
      },
      '/v1/invoices/{id}/pause': {
        post: { summary: 'Pause reminders (a client question or dispute); the owner gets a task', parameters: [idParam], requestBody: body('Pause'), responses: { '200': { description: 'Paused', content: json(ref('Invoice')) }, ...ownerErrors, '404': errorResponse('No such invoice'), '409': errorResponse('Already paused or closed') } },
      },
      '/v1/invoices/{id}/resume': {
        post: { summary: 'Resume reminders where they stopped (no burst)', parameters: [idParam], requestBody: { required: false, content: json(ref('Resume')) }, responses: { '200': { description: 'Resumed', content: json(ref('Invoice')) }, ...ownerErrors, '404': errorResponse('No such invoice'), '409': errorResponse('Not paused') } },
      },
      '/v1/invoices/{id}/plan': {
        post: { summary: 'Agree an instalment plan: the balance in 2 to 12 dated parts; reminders follow each instalment', parameters: [idParam], requestBody: body('Plan'), responses: { '200': { description: 'Agreed; `plan` shows each instalment', content: json(ref('Invoice')) }, ...ownerErrors, '404': errorResponse('No such invoice'), '409': errorResponse('Invoice closed or in collections review') } },
      },
      '/v1/invoices/{id}/promise': {
        post: { summary: 'Record a promise to pay by a date; reminders wait until then plus the grace days', parameters: [idParam], requestBody: body('Promise'), responses: { '200': { description: 'Recorded', content: json(ref('Invoice')) }, ...ownerErrors, '404': errorResponse('No such invoice'), '409': errorResponse('Date in the past, too far, or invoice closed') } },
      },
      '/v1/policies': {
        get: { summary: 'Dunning policies: gentle, standard, firm and your own', responses: { '200': { description: 'Policies' }, ...ownerErrors } },
      },
      '/v1/policies/{name}': {
        get: { summary: 'One policy', parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'The policy' }, ...ownerErrors, '400': errorResponse('No such policy') } },
        put: { summary: 'Create or replace your own policy; running invoices keep their copy', parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z][a-z0-9_-]{1,39}$' } }], requestBody: body('PolicyInput'), responses: { '200': { description: 'Replaced' }, '201': { description: 'Created' }, ...ownerErrors, '409': errorResponse('A built-in name') } },
      },
      '/v1/clients/{email}': {
        get: { summary: 'A client\'s settings', parameters: [{ name: 'email', in: 'path', required: true, schema: { type: 'string', format: 'email' } }], responses: { '200': { description: 'Settings' }, ...ownerErrors } },
        put: { summary: 'Set a client\'s policy and payment day ("we pay on the 1st")', parameters: [{ name: 'email', in: 'path', required: true, schema: { type: 'string', format: 'email' } }], requestBody: body('ClientProfile'), responses: { '200': { description: 'Saved' }, ...ownerErrors } },
      },
      '/v1/tasks': {
        get: {
          summary: 'Open tasks for the owner: check-ins, client questions, broken promises, collections reviews',
          description: 'Each open task carries `pageUrl`, a fresh signed link to its one-click page (`/o/<token>`, valid for OWNER_LINK_DAYS) where it can be decided as through this API; a done one has `pageUrl: null`.',
          parameters: [{ name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['open', 'done'] } }], responses: { '200': { description: 'Tasks, each with `pageUrl`' }, ...ownerErrors },
        },
      },
      '/v1/tasks/{id}/complete': {
        post: { summary: 'Complete a task with its outcome: a promise, a pause, a resume, or a note', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }], requestBody: body('TaskCompletion'), responses: { '200': { description: 'Done' }, ...ownerErrors, '404': errorResponse('No such task'), '409': errorResponse('Already done') } },
      },
      '/v1/payments/unapplied': {
        get: { summary: 'Payments that matched no invoice (or came in another currency), waiting for you', responses: { '200': { description: 'Unapplied payments' }, ...ownerErrors } },
      },
      '/v1/payments/unapplied/{id}/assign': {
        post: { summary: 'Apply an unapplied payment to an invoice in the same currency (invoiceId), or split it over several (invoiceIds, in order)', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }], requestBody: { required: true, content: json(jsonSchema(AssignSchema)) }, responses: { '200': { description: 'Applied; with invoiceIds, `split` lists each part' }, ...ownerErrors, '404': errorResponse('No such payment'), '409': errorResponse('Already assigned') } },
      },
      '/v1/audit': {
        post: {
          summary: 'Compare invoice records with their workflows (the owners of their state) and repair any record that drifted',
          requestBody: { required: false, content: json(jsonSchema(AuditRequestSchema)) },
          responses: {
            '200': { description: 'What was checked and repaired', content: json({ type: 'object', properties: { checked: { type: 'integer' }, unanswered: { type: 'integer' }, repaired: { type: 'array', items: { type: 'object', properties: { invoiceId: { type: 'string' }, number: { type: 'string' }, differences: { type: 'array', items: { type: 'string' } } } } } } }) },
            ...ownerErrors,
          },
        },
      },
      '/v1/webhooks/payments': {
        post: {
          security: [],
          summary: 'Any provider, bank or crypto processor, signed the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature)',
          parameters: ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => ({ name, in: 'header', required: true, schema: { type: 'string' } })),
          requestBody: { required: true, content: json(jsonSchema(PaymentsWebhookSchema)) },
          responses: { '200': { description: 'Received (also for a repeat)' }, '400': errorResponse('Bad, stale or altered signature, or not the documented shape; nothing recorded') },
        },
      },
      '/v1/webhooks/resend': {
        post: {
          security: [],
          summary: 'Resend email events (delivered, opened, bounced, complained), signed by Svix',
          parameters: ['svix-id', 'svix-timestamp', 'svix-signature'].map((name) => ({ name, in: 'header', required: true, schema: { type: 'string' } })),
          requestBody: { required: true, content: json({ type: 'object' }) },
          responses: { '200': { description: 'Received (an event type not acted on is ignored)' }, '400': errorResponse('Bad, stale or future signature, or a field we read is malformed (named); nothing recorded') },
        },
      },
      '/v1/webhooks/stripe': {
        post: {
          security: [],
          summary: 'Stripe events (checkout.session.completed, payment_intent.succeeded/processing/payment_failed, charge.refunded, charge.dispute.created) signed with Stripe-Signature',
          parameters: [{ name: 'Stripe-Signature', in: 'header', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: json({ type: 'object' }) },
          responses: { '200': { description: 'Received (also for a repeat; an unhandled type is ignored)' }, '400': errorResponse('Bad, stale or future signature, or a field we read is malformed (named); nothing recorded or applied') },
        },
      },
    }),
  };
}
