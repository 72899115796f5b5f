// The OpenAPI paths and schemas of an invoice's documents: credit notes, e-invoices, and the
// reference rates statutory late fees rest on (kept apart so each spec file stays readable).
import { z } from 'zod';
import { E_INVOICE_FORMATS } from '../domain/e-invoice';
import { CreditNoteCreateSchema, ReferenceRateSchema } from './schemas';

export type OpenApiHelpers = {
  jsonSchema: (schema: z.ZodType) => Record<string, unknown>;
  ref: (name: string) => object;
  json: (schema: object) => object;
  errorResponse: (description: string) => object;
  body: (name: string) => object;
  idParam: object;
  ownerErrors: Record<string, object>;
};

export function documentSchemas({ jsonSchema }: OpenApiHelpers) {
  return {
    CreditNoteCreate: jsonSchema(CreditNoteCreateSchema),
    ReferenceRate: jsonSchema(ReferenceRateSchema),
    CreditNote: {
      type: 'object',
      required: ['id', 'number', 'invoiceId', 'total', 'full'],
      properties: {
        id: { type: 'string', format: 'uuid' }, object: { const: 'credit_note' }, number: { type: 'string', example: 'CN-2026-0001' },
        invoiceId: { type: 'string', format: 'uuid' }, reason: { type: 'string' }, full: { type: 'boolean', description: 'Cancels the invoice' },
        currency: { type: 'string' }, lines: { type: 'array', items: { type: 'object' } }, subtotal: { type: 'integer' }, taxTotal: { type: 'integer' },
        total: { type: 'integer' }, issueDate: { type: 'string', format: 'date' },
      },
    },
  };
}

export function documentPaths({ ref, json, errorResponse, body, idParam, ownerErrors }: OpenApiHelpers) {
  const format = { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: E_INVOICE_FORMATS, default: 'ubl' } };
  const creditNoteId = { name: 'creditNoteId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const eInvoice = {
    '200': { description: 'UBL 2.1 (Peppol BIS 3.0), CII (EN 16931), XRechnung (CII), or a Factur-X PDF/A-3', content: { 'application/xml': {}, 'application/pdf': {} } },
    ...ownerErrors, '404': errorResponse('No such invoice or credit note'), '409': errorResponse('A draft has no e-invoice'), '422': errorResponse('The format needs what the invoice lacks; `fields` names it'),
  };
  return {
    '/v1/invoices/{id}/credit-notes': {
      get: { summary: "An invoice's credit notes", parameters: [idParam], responses: { '200': { description: 'Credit notes' }, ...ownerErrors, '404': errorResponse('No such invoice') } },
      post: {
        summary: 'Issue a credit note (CN-YYYY-NNNN): lines, an amount, or neither for everything billed, which cancels the invoice',
        parameters: [idParam], requestBody: body('CreditNoteCreate'),
        responses: { '201': { description: 'Issued and emailed', content: json(ref('CreditNote')) }, ...ownerErrors, '404': errorResponse('No such invoice'), '409': errorResponse('A draft, or an invoice that takes no credit note') },
      },
    },
    '/v1/invoices/{id}/e-invoice': { get: { summary: 'The invoice as an EN 16931 e-invoice', parameters: [idParam, format], responses: eInvoice } },
    '/v1/invoices/{id}/credit-notes/{creditNoteId}/e-invoice': { get: { summary: 'A credit note as an EN 16931 e-invoice', parameters: [idParam, creditNoteId, format], responses: eInvoice } },
    '/v1/credit-notes': {
      get: {
        summary: 'Credit notes, newest first',
        parameters: [{ name: 'invoiceId', in: 'query', required: false, schema: { type: 'string', format: 'uuid' } }, { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } }],
        responses: { '200': { description: 'Credit notes' }, ...ownerErrors },
      },
    },
    '/v1/credit-notes/{creditNoteId}': { get: { summary: 'One credit note', parameters: [creditNoteId], responses: { '200': { description: 'The credit note', content: json(ref('CreditNote')) }, ...ownerErrors, '404': errorResponse('No such credit note') } } },
    '/v1/reference-rates': {
      get: { summary: 'Reference rates recorded for statutory late-payment interest', responses: { '200': { description: 'Rates, newest first' }, ...ownerErrors } },
      post: { summary: "Record a central bank's reference rate and the day it took effect", requestBody: body('ReferenceRate'), responses: { '201': { description: 'Recorded' }, ...ownerErrors } },
    },
  };
}
