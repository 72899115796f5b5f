// Wakes the workflow of each lane that has new deliveries (signal-with-start: starts it if idle).
import type { Client } from '@temporalio/client';
import { webhookLaneWakeSignal } from '../workflows/messages';
import type { WebhookLaneInput } from '../workflows/webhook-lane';
import { logger } from '../observability/logger';
import { webhookTaskQueue } from '../workflows/task-queues';
import type { Lane } from './event-log';
import type { WebhookSettings } from './webhook-settings';

export interface LaneDeps {
  temporal?: Client;
  taskQueue?: string;
  workflowIdPrefix?: string;
  webhooks: WebhookSettings;
}

export const laneWorkflowId = (lane: Lane, prefix = 'invoice-') => `${prefix}webhook-${lane.endpointId}-${lane.invoiceId}`;

/**
 * Never throws: the change it follows is already committed, and a lane left asleep (Temporal
 * unreachable, a crash right here) is woken by the worker's sweep (sweepSleepingLanes).
 */
export async function wakeLanes(deps: LaneDeps, lanes: Lane[]): Promise<void> {
  if (!deps.temporal || !deps.taskQueue || lanes.length === 0) return;
  await Promise.all(lanes.map(async (lane) => {
    const input: WebhookLaneInput = { ...lane, retry: deps.webhooks.retry };
    try {
      await deps.temporal!.workflow.signalWithStart('webhookLaneWorkflow', {
        workflowId: laneWorkflowId(lane, deps.workflowIdPrefix), taskQueue: webhookTaskQueue(deps.taskQueue!), args: [input], signal: webhookLaneWakeSignal, signalArgs: [],
      });
    } catch (err) {
      logger.warn('webhook lane not woken; the sweep will', { endpointId: lane.endpointId, invoiceId: lane.invoiceId, error: (err as Error).message });
    }
  }));
}
