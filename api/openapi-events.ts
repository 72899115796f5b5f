// The OpenAPI paths and schemas of the event log and the webhook endpoints; the event types
// come from domain/events.ts, as zod's do.
import type { OpenApiHelpers } from './openapi-documents';
import { EVENT_TYPES } from '../domain/events';
import { DeliveryListQuerySchema, EventListQuerySchema, WebhookEndpointCreateSchema } from './event-schemas';

const queryParams = (jsonSchema: OpenApiHelpers['jsonSchema'], schema: Parameters<OpenApiHelpers['jsonSchema']>[0]) =>
  Object.entries((jsonSchema(schema).properties ?? {}) as Record<string, object>).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));

export function eventSchemas({ jsonSchema }: OpenApiHelpers) {
  const money = { type: 'integer', description: 'Minor units' };
  const endpoint = {
    id: { type: 'string', example: 'we_3f9c2a7d41b85e06c1d2e3f4' }, object: { const: 'webhook_endpoint' }, url: { type: 'string', format: 'uri' },
    description: { type: ['string', 'null'] }, events: { type: 'array', items: { type: 'string', enum: [...EVENT_TYPES, '*'] } },
    status: { type: 'string', enum: ['enabled', 'disabled'] }, disabledReason: { type: ['string', 'null'] },
    failingSince: { type: ['string', 'null'], format: 'date-time', description: 'Since when every attempt has failed' }, createdAt: { type: 'string', format: 'date-time' },
  };
  return {
    WebhookEndpointCreate: jsonSchema(WebhookEndpointCreateSchema),
    WebhookEndpoint: { type: 'object', required: ['id', 'url', 'events', 'status'], properties: endpoint },
    WebhookEndpointCreated: {
      type: 'object', required: ['id', 'url', 'events', 'status', 'secret'],
      properties: { ...endpoint, secret: { type: 'string', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'Verifies the webhook-signature header (Standard Webhooks); shown only here' } },
    },
    WebhookDelivery: {
      type: 'object',
      properties: {
        id: { type: 'string', example: 'whd_0b1c2d3e4f5a6b7c8d9e0f1a' }, object: { const: 'webhook_delivery' }, endpointId: { type: 'string' }, eventId: { type: 'string' },
        invoiceId: { type: 'string', format: 'uuid' }, status: { type: 'string', enum: ['pending', 'succeeded', 'failed'] }, attempts: { type: 'integer' },
        lastStatusCode: { type: ['integer', 'null'] }, lastError: { type: ['string', 'null'] }, lastAttemptAt: { type: ['string', 'null'], format: 'date-time' },
        deliveredAt: { type: ['string', 'null'], format: 'date-time' }, createdAt: { type: 'string', format: 'date-time' },
      },
    },
    Event: {
      type: 'object', required: ['id', 'type', 'timestamp', 'data'],
      description: 'As listed and as a webhook carries it: the body of every delivery, whose webhook-id header is this id',
      properties: {
        id: { type: 'string', example: 'evt_5e0c4d1b9a8f7e6d5c4b3a29' }, type: { type: 'string', enum: [...EVENT_TYPES] }, timestamp: { type: 'string', format: 'date-time' },
        data: {
          type: 'object', required: ['invoice', 'message'],
          properties: {
            invoice: {
              type: 'object', description: 'The invoice as this change left it',
              properties: {
                id: { type: 'string', format: 'uuid' }, number: { type: 'string' }, status: { type: 'string' }, stage: { type: 'string' }, currency: { type: 'string' },
                total: money, amountPaid: money, amountDue: money, dueDate: { type: 'string', format: 'date' }, clientEmail: { type: 'string' },
              },
            },
            message: { type: 'string', description: 'The line the change put on the invoice\'s timeline' },
            task: { type: 'object', description: 'task.created only', properties: { id: { type: 'string', format: 'uuid' }, kind: { type: 'string' }, title: { type: 'string' } } },
          },
        },
      },
    },
  };
}

export function eventPaths({ ref, json, errorResponse, body, ownerErrors, jsonSchema }: OpenApiHelpers) {
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^we_[0-9a-f]{24}$' } };
  const deliveryId = { name: 'deliveryId', in: 'path', required: true, schema: { type: 'string', pattern: '^whd_[0-9a-f]{24}$' } };
  const list = (item: string) => json({ type: 'object', properties: { object: { const: 'list' }, data: { type: 'array', items: ref(item) }, hasMore: { type: 'boolean' }, nextCursor: { type: ['string', 'null'] } } });
  const noEndpoint = errorResponse('No such webhook endpoint');
  return {
    '/v1/events': {
      get: {
        summary: 'The event log, newest first (kept EVENT_RETENTION_DAYS, 30 by default); page with startingAfter=nextCursor',
        parameters: queryParams(jsonSchema, EventListQuerySchema),
        responses: { '200': { description: 'A page of events', content: list('Event') }, ...ownerErrors },
      },
    },
    '/v1/webhook-endpoints': {
      post: {
        summary: 'Push events to a URL: each delivery signed (webhook-id, webhook-timestamp, webhook-signature), retried with backoff for three days, in order per invoice',
        requestBody: body('WebhookEndpointCreate'),
        responses: { '201': { description: 'Created; the answer carries its signing secret, shown only here', content: json(ref('WebhookEndpointCreated')) }, ...ownerErrors },
      },
      get: { summary: 'The webhook endpoints', responses: { '200': { description: 'Every endpoint (no secrets)', content: list('WebhookEndpoint') }, ...ownerErrors } },
    },
    '/v1/webhook-endpoints/{id}': {
      get: { summary: 'One webhook endpoint', parameters: [id], responses: { '200': { description: 'The endpoint', content: json(ref('WebhookEndpoint')) }, ...ownerErrors, '404': noEndpoint } },
      delete: { summary: 'Delete an endpoint and its deliveries', parameters: [id], responses: { '200': { description: 'Deleted' }, ...ownerErrors, '404': noEndpoint } },
    },
    '/v1/webhook-endpoints/{id}/enable': {
      post: { summary: 'Turn a disabled endpoint back on', parameters: [id], responses: { '200': { description: 'Enabled', content: json(ref('WebhookEndpoint')) }, ...ownerErrors, '404': noEndpoint } },
    },
    '/v1/webhook-endpoints/{id}/deliveries': {
      get: {
        summary: 'The endpoint\'s deliveries, newest event first', parameters: [id, ...queryParams(jsonSchema, DeliveryListQuerySchema)],
        responses: { '200': { description: 'Deliveries with their attempts and last answer', content: list('WebhookDelivery') }, ...ownerErrors, '404': noEndpoint },
      },
    },
    '/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/retry': {
      post: {
        summary: 'Send a failed delivery again (a pending or delivered one is left as it is)', parameters: [id, deliveryId],
        responses: { '202': { description: 'Back in its lane', content: json(ref('WebhookDelivery')) }, ...ownerErrors, '404': errorResponse('No such endpoint or delivery'), '409': errorResponse('The endpoint is disabled') },
      },
    },
  };
}
