import type { Client } from '@temporalio/client';
import type { Orm } from '../db/orm';
import type { WebhookSettings } from '../services/webhook-settings';
import type { OwnerLinks } from '../services/owner-links';

/** Everything the HTTP layer needs, passed in so tests build the app against real servers. */
export interface AppDeps {
  orm: Orm;
  temporal: Client;
  taskQueue: string;
  apiKey: string;
  stripeWebhookSecret?: string;
  /** whsec_… for POST /v1/webhooks/payments (Standard Webhooks). */
  paymentsWebhookSecret?: string;
  /** whsec_… for POST /v1/webhooks/resend (Svix). */
  resendWebhookSecret?: string;
  publicUrl: string;
  workflowIdPrefix?: string;
  /** Requests a minute per client address on the public pages (/i, /c). */
  publicRateLimitPerMinute?: number;
  /** Requests a minute per API key on the owner API (/v1). */
  ownerRateLimitPerMinute?: number;
  /** Requests a minute per source address on the webhooks. */
  webhookRateLimitPerMinute?: number;
  /** Express's `trust proxy` (config/trust-proxy.ts); unset: the socket's address is the client. */
  trustProxy?: false | number | string;
  /** /docs and /openapi.json served (default true). */
  docs?: boolean;
  /** Signs the owner's task links (/o/<token>); unset: derived from apiKey (config/env.ts says the same). */
  ownerLinks?: OwnerLinks;
  /** Bearer token /metrics asks for; unset (development only, see config/env.ts): open. */
  metricsToken?: string;
  /** Outgoing webhooks (services/webhook-settings.ts); unset: the defaults, private destinations refused. */
  webhooks?: WebhookSettings;
}
