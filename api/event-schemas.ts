// Request shapes of the event log and the webhook endpoints: they validate requests and
// generate /openapi.json. The event types come from the one list in domain/events.ts.
import { z } from 'zod';
import { EVENT_TYPES } from '../domain/events';

const eventType = z.enum(EVENT_TYPES);

export const EventListQuerySchema = z
  .object({
    type: eventType.optional(),
    invoiceId: z.string().uuid('must be an invoice id').optional(),
    startingAfter: z.string().regex(/^evt_[0-9a-f]{24}$/, 'must be an event id').optional().describe('The last event of the page before: the next page holds older ones'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const WebhookEndpointCreateSchema = z
  .object({
    url: z.string().trim().min(1).max(2048).regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters').describe('https:// only; no private, loopback or link-local host unless WEBHOOK_ALLOW_PRIVATE_URLS=true'),
    events: z
      .array(z.union([eventType, z.literal('*')]))
      .min(1, 'must name at least one event type, or "*"')
      .max(EVENT_TYPES.length + 1)
      .refine((types) => new Set(types).size === types.length, 'must not name a type twice')
      .describe('The event types to receive; "*" for all'),
    description: z.string().trim().max(500).regex(/^[^\u0000]*$/, 'must not contain NUL').optional(),
  })
  .strict();

export const WebhookEndpointIdSchema = z.string().regex(/^we_[0-9a-f]{24}$/, 'must be a webhook endpoint id');
export const DeliveryIdSchema = z.string().regex(/^whd_[0-9a-f]{24}$/, 'must be a delivery id');

export const DeliveryListQuerySchema = z
  .object({
    status: z.enum(['pending', 'succeeded', 'failed']).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export type EventListQuery = z.infer<typeof EventListQuerySchema>;
export type WebhookEndpointCreate = z.infer<typeof WebhookEndpointCreateSchema>;
export type DeliveryListQuery = z.infer<typeof DeliveryListQuerySchema>;
