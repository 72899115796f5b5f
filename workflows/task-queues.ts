// Email activities run on their own queue so the worker can rate-limit them to what Resend allows
// without slowing the rest. Derived from the main queue so parallel test runs stay apart.
export const DEFAULT_TASK_QUEUE = 'invoices';

export function emailTaskQueue(mainTaskQueue: string): string {
  return `${mainTaskQueue}-email`;
}

/**
 * Webhook lanes run on their own queue and worker: starting one from an invoice's local activity
 * must never need room in the invoice worker's workflow cache.
 */
export function webhookTaskQueue(mainTaskQueue: string): string {
  return `${mainTaskQueue}-webhooks`;
}
