// Heals the one gap between PostgreSQL and Temporal: an invoice committed whose workflow start
// was lost (the API crashed or Temporal was down between the two). Starting is idempotent.
import { logger } from '../observability/logger';
import type { Client } from '@temporalio/client';
import { Invoice } from '../db/entities';
import type { Orm } from '../db/orm';
import { markWorkflowStarted, startInvoiceWorkflow } from '../services/invoice-workflow';
import { runEvery } from '../services/periodic';

export async function reconcileUnstartedInvoices(
  deps: { orm: Orm; client: Client; taskQueue: string },
  olderThanMs = 30_000,
): Promise<number> {
  const em = deps.orm.em.fork();
  const stale = await em.find(
    Invoice,
    // A voided draft has neither a number nor a workflow, and never gets one.
    { workflowStartedAt: null, status: { $ne: 'draft' }, workflowId: { $ne: null }, createdAt: { $lt: new Date(Date.now() - olderThanMs) } },
    { limit: 100, orderBy: { createdAt: 'asc' } },
  );
  for (const invoice of stale) {
    await startInvoiceWorkflow(deps.client, deps.taskQueue, invoice);
    await markWorkflowStarted(deps.orm, invoice.id);
  }
  return stale.length;
}

export function startReconciler(deps: { orm: Orm; client: Client; taskQueue: string }, everyMs = 60_000): () => void {
  return runEvery(everyMs, 'reconciler', async () => {
    const healed = await reconcileUnstartedInvoices(deps);
    if (healed) logger.info('started missing invoice workflows', { count: healed });
  });
}
