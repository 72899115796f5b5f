// /openapi.json, generated from the zod schemas that validate the requests: the two cannot drift.
import { z } from 'zod';
import {
  CollectionsDecisionSchema,
  InvoiceCreateSchema,
  InvoiceListQuerySchema,
  IssuerInputSchema,
  PaymentCreateSchema,
  VoidSchema,
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
    paths: {
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
          responses: { '201': { description: 'Issued', content: json(ref('Invoice')) }, ...ownerErrors, '409': errorResponse('The business profile is incomplete') },
        },
        get: {
          summary: 'List invoices, newest first',
          parameters: listParams,
          responses: { '200': { description: 'A page', content: json({ type: 'object', properties: { data: { type: 'array', items: ref('InvoiceSummary') }, hasMore: { type: 'boolean' }, nextCursor: { type: ['string', 'null'] } } }) }, ...ownerErrors },
        },
      },
      '/v1/invoices/{id}': {
        get: { summary: 'An invoice with its live stage, next step and timeline', parameters: [idParam], responses: { '200': { description: 'The invoice', content: json(ref('Invoice')) }, ...ownerErrors, '404': errorResponse('No such invoice') } },
      },
      '/v1/invoices/{id}/payments': {
        post: {
          summary: 'Record a payment received outside Dunwell',
          parameters: [idParam, { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 } }],
          requestBody: body('PaymentCreate'),
          responses: { '201': { description: 'Applied', content: json(ref('Invoice')) }, '200': { description: 'Already applied (same Idempotency-Key)' }, ...ownerErrors, '404': errorResponse('No such invoice'), '409': errorResponse('The invoice is closed') },
        },
      },
      '/v1/invoices/{id}/void': {
        post: { summary: 'Void an open invoice; its follow-up stops', parameters: [idParam], requestBody: { required: false, content: json(ref('VoidInvoice')) }, responses: { '200': { description: 'Voided', content: json(ref('Invoice')) }, ...ownerErrors, '404': errorResponse('No such invoice'), '409': errorResponse('Not open') } },
      },
      '/v1/invoices/{id}/collections-decision': {
        post: { summary: 'A person decides an invoice in collections review', parameters: [idParam], requestBody: body('CollectionsDecision'), responses: { '200': { description: 'Recorded', content: json(ref('Invoice')) }, ...ownerErrors, '404': errorResponse('No such invoice'), '409': errorResponse('Not in collections review') } },
      },
      '/v1/tasks': {
        get: { summary: 'Open tasks for the owner (check-ins, collections reviews)', responses: { '200': { description: 'Tasks' }, ...ownerErrors } },
      },
      '/v1/webhooks/stripe': {
        post: {
          security: [],
          summary: 'Stripe events (checkout.session.completed, payment_intent.succeeded) signed with Stripe-Signature',
          parameters: [{ name: 'Stripe-Signature', in: 'header', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: json({ type: 'object' }) },
          responses: { '200': { description: 'Received (also for a repeat)' }, '400': errorResponse('Bad or stale signature; nothing recorded') },
        },
      },
    },
  };
}
