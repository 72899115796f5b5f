// Where the owner wants events pushed, and the secret their deliveries are signed with.
import { EntitySchema } from '@mikro-orm/core';
import type { EventType } from '../../domain/events';

export class WebhookEndpoint {
  id!: string;
  url!: string;
  description?: string | null;
  /** The event types it receives; ['*'] for all. */
  events!: (EventType | '*')[];
  secret!: string;
  status: 'enabled' | 'disabled' = 'enabled';
  disabledReason?: string | null;
  /** Since when every attempt has failed; cleared by a success. */
  failingSince?: Date | null;
  createdAt: Date = new Date();
}

export const WebhookEndpointSchema = new EntitySchema<WebhookEndpoint>({
  class: WebhookEndpoint,
  tableName: 'webhook_endpoint',
  properties: {
    id: { type: 'string', primary: true },
    url: { type: 'text' },
    description: { type: 'text', nullable: true },
    events: { type: 'json' },
    secret: { type: 'string' },
    status: { type: 'string' },
    disabledReason: { type: 'text', nullable: true },
    failingSince: { type: 'Date', nullable: true },
    createdAt: { type: 'Date' },
  },
});
