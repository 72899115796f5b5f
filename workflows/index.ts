// The worker's workflowsPath: every workflow the worker can run.
export { invoiceWorkflow } from './invoice';
export { changeOrderEmailWorkflow } from './change-order-email';
export { recurringInvoiceWorkflow } from './recurring';
export { clientRemindersWorkflow } from './client-reminders';
