// The owner's email about one task (started by activities/owner-task-email.ts): on the email
// queue, with its rate limit and retries, sent once under the task's key.
import { workflowInfo } from '@temporalio/workflow';
import { emailActivities } from './effects';

export async function ownerTaskEmailWorkflow({ taskId }: { taskId: string }): Promise<void> {
  await emailActivities(workflowInfo().taskQueue).notifyOwnerOfTask({ taskId });
}
