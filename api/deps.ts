import type { Client } from '@temporalio/client';
import type { Orm } from '../db/orm';

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
}
