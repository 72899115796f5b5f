// The OpenAPI paths and schemas of the client as one relationship: one payment over several
// invoices, the statement and its page's link, a pause or resume of all their open invoices.
import type { z } from 'zod';
import type { OpenApiHelpers } from './openapi-documents';
import { ClientPauseSchema, ClientPaymentSchema, ClientResumeSchema } from './client-schemas';

type Helpers = Omit<OpenApiHelpers, 'idParam'>;

const money = { type: 'integer', description: 'Minor units' };
const invoiceRef = { invoiceId: { type: 'string', format: 'uuid' }, number: { type: 'string', example: 'INV-2026-0003' } };

export function clientSchemas({ jsonSchema }: Helpers) {
  return {
    ClientPayment: jsonSchema(ClientPaymentSchema),
    ClientPause: jsonSchema(ClientPauseSchema),
    ClientResume: jsonSchema(ClientResumeSchema),
    ClientPaymentResult: {
      type: 'object',
      required: ['paymentId', 'currency', 'amount', 'credit', 'parts'],
      properties: {
        object: { const: 'client_payment' }, clientEmail: { type: 'string' }, paymentId: { type: 'string', description: 'Each part is recorded as <paymentId>/<invoiceId>' },
        currency: { type: 'string' }, amount: money, credit: { ...money, description: 'Paid beyond what the invoices owed: the last part carries it, and its invoice makes it the client\'s credit' },
        parts: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              ...invoiceRef, amount: money, credit: money, reason: { type: ['string', 'null'] },
              outcome: { type: 'string', enum: ['applied', 'duplicate', 'unapplied'], description: 'duplicate: applied by an earlier attempt; unapplied: the invoice took no more money, kept in GET /v1/payments/unapplied' },
            },
          },
        },
      },
    },
    ClientPauseResult: {
      type: 'object',
      properties: {
        clientEmail: { type: 'string' },
        invoices: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              ...invoiceRef, stage: { type: 'string' }, reason: { type: ['string', 'null'] },
              outcome: { type: 'string', enum: ['paused', 'resumed', 'already_paused', 'not_paused', 'closed', 'refused'] },
            },
          },
        },
      },
    },
    Statement: {
      type: 'object',
      properties: {
        object: { const: 'statement' }, clientEmail: { type: 'string' }, asOf: { type: 'string', format: 'date' },
        client: { type: 'object' }, issuer: { type: 'object' },
        invoices: {
          type: 'array', description: 'Every open invoice, oldest due first',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string', format: 'uuid' }, number: { type: 'string' }, currency: { type: 'string' }, issueDate: { type: 'string', format: 'date' }, dueDate: { type: 'string', format: 'date' },
              total: { ...money, description: 'Lines and approved change orders' }, paid: money, adjustments: { ...money, description: 'Late fees less discounts and credit notes' }, amountDue: money,
              stage: { type: 'string' }, creditorReference: { type: 'string', example: 'RF59INV20260003', description: 'ISO 11649' },
            },
          },
        },
        creditNotes: { type: 'array', items: { type: 'object' } },
        credits: { type: 'array', description: 'Credit the client holds (unapplied)', items: { type: 'object' } },
        totals: { type: 'array', items: { type: 'object', properties: { currency: { type: 'string' }, amountDue: money, credit: money, openInvoices: { type: 'integer' } } } },
        statementUrl: { type: 'string', format: 'uri', description: 'The client\'s page (/s/<token>): a secret; send it to the client' },
      },
    },
  };
}

export function clientPaths({ ref, json, errorResponse, body, ownerErrors }: Helpers) {
  const email = { name: 'email', in: 'path', required: true, schema: { type: 'string', format: 'email' } };
  const noInvoice = errorResponse('The client has no issued invoice');
  return {
    '/v1/clients/{email}/payments': {
      post: {
        summary: 'One payment that settles several invoices of the client: split oldest due first (or over `invoices`, in that order); the rest becomes their credit',
        parameters: [email], requestBody: body('ClientPayment'),
        responses: {
          '201': { description: 'Applied: each part and the credit', content: json(ref('ClientPaymentResult')) }, '200': { description: 'Every part was applied before (a retry)', content: json(ref('ClientPaymentResult')) },
          ...ownerErrors, '409': errorResponse('No open invoice in that currency'),
        },
      },
    },
    '/v1/clients/{email}/statement': {
      get: {
        summary: 'The client\'s statement: open invoices, credit notes, credit, totals per currency, and `statementUrl` for their page',
        parameters: [email, { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'pdf'], default: 'json' } }],
        responses: { '200': { description: 'The statement (JSON), or its PDF with format=pdf', content: { ...json(ref('Statement')), 'application/pdf': {} } }, ...ownerErrors, '404': noInvoice },
      },
    },
    '/v1/clients/{email}/statement/link/rotate': {
      post: { summary: 'A new link for the client\'s statement page; the old one stops working', parameters: [email], responses: { '200': { description: 'The new statementUrl' }, ...ownerErrors, '404': noInvoice } },
    },
    '/v1/clients/{email}/pause': {
      post: {
        summary: 'Pause the reminders of every open invoice of the client; each invoice\'s outcome (already paused or closed ones are reported, not errors)',
        parameters: [email], requestBody: body('ClientPause'), responses: { '200': { description: 'Each invoice\'s outcome', content: json(ref('ClientPauseResult')) }, ...ownerErrors },
      },
    },
    '/v1/clients/{email}/resume': {
      post: {
        summary: 'Resume the reminders of every open invoice of the client where they stopped',
        parameters: [email], requestBody: { required: false, content: json(ref('ClientResume')) }, responses: { '200': { description: 'Each invoice\'s outcome', content: json(ref('ClientPauseResult')) }, ...ownerErrors },
      },
    },
  };
}
