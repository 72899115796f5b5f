// Starting and talking to an invoice's workflow from outside it (API, reconciler).
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { amountDueOf, type Invoice } from '../db/entities';
import type { Orm } from '../db/orm';
import { formatMoney } from '../domain/money';
import type { invoiceWorkflow } from '../workflows/invoice';
import * as attributes from '../workflows/search-attributes';
import type { InvoiceWorkflowInput } from '../domain/types';
import { invoiceHolidays } from './holidays';

export function workflowInput(invoice: Invoice): InvoiceWorkflowInput {
  return {
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    currency: invoice.currency,
    total: invoice.total,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    clientEmail: invoice.clientEmail,
    timeZone: invoice.client.timeZone,
    policy: invoice.policy!,
    terms: invoice.terms ?? {},
    // Only when the client has a country: without one the input stays as it always was.
    ...withHolidays(invoiceHolidays(invoice)),
  };
}

const withHolidays = (holidays: string[] | undefined) => (holidays ? { holidays } : {});

/**
 * Starts the invoice's workflow unless it already runs. The id is the invoice number, so a
 * second start (a retried request, the reconciler) finds the first instead of making another.
 */
export async function startInvoiceWorkflow(
  client: Client,
  taskQueue: string,
  invoice: Invoice,
  // The time-skipping test server cannot register custom search attributes; its tests start without.
  options: { searchAttributes?: boolean } = {},
): Promise<void> {
  try {
    // By name: the workflow module itself belongs in the worker's sandbox, not in this process.
    await client.workflow.start<typeof invoiceWorkflow>('invoiceWorkflow', {
      taskQueue,
      workflowId: invoice.workflowId,
      args: [workflowInput(invoice)],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      staticSummary: `${invoice.number} · ${invoice.client.name} · ${formatMoney(invoice.total, invoice.currency)} · due ${invoice.dueDate}`,
      staticDetails: `Invoice ${invoice.number} to ${invoice.client.name} <${invoice.clientEmail}>, ${formatMoney(invoice.total, invoice.currency)}, due ${invoice.dueDate}. Invoice id ${invoice.id}.`,
      typedSearchAttributes: options.searchAttributes === false ? undefined : [
        { key: attributes.InvoiceNumber, value: invoice.number },
        { key: attributes.ClientEmail, value: invoice.clientEmail },
        { key: attributes.Stage, value: 'issued' },
        { key: attributes.AmountDue, value: amountDueOf(invoice) },
        { key: attributes.DueDate, value: new Date(`${invoice.dueDate}T00:00:00Z`) },
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** Records that the workflow exists, so the reconciler leaves this invoice alone. */
export async function markWorkflowStarted(orm: Orm, invoiceId: string): Promise<void> {
  await orm.em.fork().getConnection().execute(
    'update invoice set workflow_started_at = now() where id = ? and workflow_started_at is null',
    [invoiceId],
  );
}
