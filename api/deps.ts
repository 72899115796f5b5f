import type { Client } from '@temporalio/client';
import type { Orm } from '../db/orm';

/** Everything the HTTP layer needs, passed in so tests build the app against real servers. */
export interface AppDeps {
  orm: Orm;
  temporal: Client;
  taskQueue: string;
  apiKey: string;
  stripeWebhookSecret?: string;
  publicUrl: string;
  workflowIdPrefix?: string;
}
