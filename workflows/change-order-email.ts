// Sends a change order to the client for approval: an activity with retries, on the email queue.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { emailTaskQueue } from './task-queues';

export async function changeOrderEmailWorkflow(changeOrderId: string): Promise<void> {
  const { sendChangeOrderEmail } = proxyActivities<Activities>({
    taskQueue: emailTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', backoffCoefficient: 2 },
  });
  await sendChangeOrderEmail({ changeOrderId, key: `${workflowInfo().workflowId}:email` });
}
