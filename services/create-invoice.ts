// Issuing an invoice: validate against the issuer, number it, price it, store it, start its workflow.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { Invoice } from '../db/entities';
import type { Orm } from '../db/orm';
import { addDays, dateIn, daysBetween } from '../domain/dates';
import { computeTotals } from '../domain/money';
import { formatInvoiceNumber, workflowIdFor } from '../domain/numbering';
import type { InvoiceCreate } from '../api/schemas';
import { DomainError } from './errors';
import { alignToPaymentDay, choosePolicy, clientPaymentDay } from './policies';
import { DEFAULT_ISSUER_ID, issuerSnapshot, loadIssuer, missingIssuerFields } from './issuer';
import { applyClientCredits } from './credits';
import { createLink } from './invoice-links';
import { markWorkflowStarted, startInvoiceWorkflow } from './invoice-workflow';

const START_DEADLINE_MS = 5_000;

export interface CreateInvoiceDeps {
  orm: Orm;
  temporal: Client;
  taskQueue: string;
  now?: () => Date;
  /** False only against the time-skipping test server, which knows no custom search attributes. */
  searchAttributes?: boolean;
  /** See workflowIdFor: only deployments sharing a namespace set it. */
  workflowIdPrefix?: string;
}

/**
 * The number comes from a per-issuer, per-year counter row that the insert's transaction
 * holds locked, so concurrent requests queue on it and a rolled-back insert frees its number.
 */
export async function createInvoice(deps: CreateInvoiceDeps, input: InvoiceCreate): Promise<{ invoice: Invoice; workflowStarted: boolean }> {
  const now = deps.now?.() ?? new Date();
  const invoice = await deps.orm.em.fork().transactional(async (em) => {
    const issuer = await loadIssuer(em);
    const missing = missingIssuerFields(issuer);
    if (missing.length > 0) {
      throw new DomainError('issuer_incomplete', `Complete your business profile (PUT /v1/issuer) before sending invoices; missing: ${missing.join(', ')}`,
        missing.map((f) => ({ field: `issuer.${f}`, message: 'is required on every invoice' })));
    }
    const timeZone = input.client.timeZone ?? issuer!.timeZone;
    const issueDate = dateIn(now, issuer!.timeZone);
    const year = Number(issueDate.slice(0, 4));
    const [{ last_sequence: sequence }] = await em.execute<{ last_sequence: number }[]>(
      `insert into invoice_counter (issuer_id, year, last_sequence) values (?, ?, 1)
       on conflict (issuer_id, year) do update set last_sequence = invoice_counter.last_sequence + 1
       returning last_sequence`,
      [DEFAULT_ISSUER_ID, year],
    );
    const number = formatInvoiceNumber(year, sequence);
    const clientEmail = input.client.email.toLowerCase();
    const { policy, reason } = await choosePolicy(em, { requested: input.policy, clientEmail, today: issueDate });
    const paymentDay = input.client.paymentDay ?? (await clientPaymentDay(em, clientEmail));
    const dueDate = alignToPaymentDay(addDays(issueDate, input.termsDays), paymentDay);
    const totals = computeTotals(input.lines);
    const created = em.create(Invoice, {
      id: randomUUID(),
      issuerId: DEFAULT_ISSUER_ID,
      number,
      year,
      sequence,
      status: 'open',
      stage: 'issued',
      currency: input.currency,
      subtotal: totals.subtotal,
      taxTotal: totals.taxTotal,
      total: totals.total,
      amountPaid: 0,
      client: { ...input.client, timeZone },
      clientEmail,
      poNumber: input.poNumber ?? null,
      note: input.note ?? null,
      // The client's payment cycle may move the due date; the terms say the real number of days.
      termsDays: daysBetween(issueDate, dueDate),
      issueDate,
      dueDate,
      lines: totals.lines,
      issuerSnapshot: issuerSnapshot(issuer!),
      ladder: policy.steps,
      policy,
      policyName: policy.name,
      policyReason: reason,
      terms: { earlyPayment: input.earlyPayment, lateFees: input.lateFees },
      adjustmentsTotal: 0,
      paidAt: null,
      workflowId: workflowIdFor(number, deps.workflowIdPrefix),
      workflowStartedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    em.persist(created);
    await em.flush();
    await createLink(em, created.id);
    return created;
  });

  // After the commit: a workflow never exists without its row. If this start is lost,
  // the worker's reconciler starts it (same workflow id, so never twice).
  try {
    // Bounded: with Temporal down the client answers in seconds and the reconciler takes over.
    await deps.temporal.connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
      startInvoiceWorkflow(deps.temporal, deps.taskQueue, invoice, { searchAttributes: deps.searchAttributes }),
    );
    await markWorkflowStarted(deps.orm, invoice.id);
    await applyClientCredits(deps, invoice).catch((err) =>
      console.error(JSON.stringify({ level: 'warn', msg: 'client credit not applied; it stays available', invoiceId: invoice.id, error: String(err) })),
    );
    return { invoice, workflowStarted: true };
  } catch (err) {
    console.error(JSON.stringify({ level: 'warn', msg: 'workflow start deferred to the reconciler', invoiceId: invoice.id, error: String(err) }));
    return { invoice, workflowStarted: false };
  }
}
