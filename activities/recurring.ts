// The recurring plan's activity: issue this period's invoice, exactly once.
import type { Client } from '@temporalio/client';
import type { Orm } from '../db/orm';
import { issueForPeriod } from '../services/recurring';
import type { WebhookSettings } from '../services/webhook-settings';

export interface RecurringActivityDeps {
  orm: Orm;
  /** Issuing an invoice starts its workflow; pausing a plan pauses its schedule. */
  temporal?: Client;
  taskQueue?: string;
  workflowIdPrefix?: string;
  webhooks?: WebhookSettings;
}

export function createRecurringActivities(deps: RecurringActivityDeps) {
  return {
    async issueRecurringInvoice({ planId, at }: { planId: string; at: string }): Promise<string> {
      if (!deps.temporal || !deps.taskQueue) throw new Error('recurring plans need a Temporal client in the worker');
      return issueForPeriod({ orm: deps.orm, temporal: deps.temporal, taskQueue: deps.taskQueue, workflowIdPrefix: deps.workflowIdPrefix, webhooks: deps.webhooks }, planId, new Date(at));
    },
  };
}
