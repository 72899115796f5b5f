// Started by a recurring plan's Schedule: issues the period's invoice through an idempotent activity.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { issueRecurringInvoice } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', backoffCoefficient: 2 },
});

export async function recurringInvoiceWorkflow(planId: string): Promise<string> {
  // The workflow's start time is when the schedule fired; it names the period.
  return issueRecurringInvoice({ planId, at: new Date().toISOString() });
}
