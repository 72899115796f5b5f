// The owner agrees an instalment plan with the client: the invoice's workflow checks it against
// the live balance (domain/instalments.ts) and follows it. A bad plan is the caller's 400.
import type { Client } from '@temporalio/client';
import type { Invoice } from '../db/entities';
import type { PlanInput } from '../domain/instalments';
import type { InvoiceSnapshot } from '../domain/types';
import { agreePlanUpdate } from '../workflows/messages';
import { DomainError, type FieldError } from './errors';
import { bounded, isClosedWorkflow, rejection, throwIfStarting } from './invoice-commands';

/** The workflow's refusal reads "instalments.1.dueDate: must …; instalments: …" when the plan itself is wrong. */
const FIELD_PROBLEM = /^(instalments(?:\.\d+\.(?:dueDate|amount))?): (.+)$/;

export function planFields(reason: string): FieldError[] {
  return reason.split('; ').map((part) => part.match(FIELD_PROBLEM)).filter((m): m is RegExpMatchArray => !!m).map((m) => ({ field: m[1], message: m[2] }));
}

export async function agreePlan(temporal: Client, invoice: Invoice, plan: PlanInput): Promise<InvoiceSnapshot> {
  if (invoice.status !== 'open') throw new DomainError('invoice_closed', `Invoice ${invoice.number} is ${invoice.status}; only an open invoice takes an instalment plan.`);
  try {
    return await bounded(temporal, () => temporal.workflow.getHandle(invoice.workflowId).executeUpdate(agreePlanUpdate, { args: [plan] }));
  } catch (err) {
    throwIfStarting(invoice, err);
    const reason = rejection(err);
    const fields = reason ? planFields(reason) : [];
    if (fields.length) throw new DomainError('invalid_plan', `Plan not agreed: ${reason}`, fields);
    if (reason || isClosedWorkflow(err)) throw new DomainError('invoice_closed', `No plan can be agreed on ${invoice.number}: ${reason ?? `it is ${invoice.status}`}.`);
    throw err;
  }
}
