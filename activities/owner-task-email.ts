// A task the invoice's workflow opens without an email of its own (a client's question, a dispute,
// a broken promise, a failed payment, a missed instalment, a record that could not be written)
// still reaches the owner by email. The task's activity starts a small workflow that sends it on
// the rate-limited email queue, so the invoice's workflow (and its recorded histories) stay as
// they are, and the update that opened the task never waits on Resend.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { logger } from '../observability/logger';

/** The ladder's owner steps: the invoice's workflow emails these itself (workflows/invoice.ts runStep). */
export const EMAILED_BY_THE_LADDER: ReadonlySet<string> = new Set(['owner_task', 'collections_review']);

export interface OwnerTaskEmailDeps {
  temporal?: Client;
  taskQueue?: string;
  workflowIdPrefix?: string;
}

export const ownerTaskEmailWorkflowId = (taskId: string, prefix = 'invoice-') => `${prefix}owner-task-${taskId}`;

/** Once per task: a retried activity finds the workflow started (or done) and leaves it. */
export async function startOwnerTaskEmail(deps: OwnerTaskEmailDeps, task: { id: string; kind: string; invoiceId: string }): Promise<void> {
  if (EMAILED_BY_THE_LADDER.has(task.kind)) return;
  if (!deps.temporal || !deps.taskQueue) {
    logger.warn('owner task not emailed: the worker has no Temporal client', { invoiceId: task.invoiceId, kind: task.kind });
    return;
  }
  try {
    await deps.temporal.workflow.start('ownerTaskEmailWorkflow', {
      workflowId: ownerTaskEmailWorkflowId(task.id, deps.workflowIdPrefix), taskQueue: deps.taskQueue, args: [{ taskId: task.id }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
