// The auditor: the workflow owns an invoice's state and PostgreSQL keeps its projection. This
// compares the two for each invoice, and where the record drifted (a write lost to a data error,
// a bug, a hand edit) rewrites it from the workflow. Repairs are counted and logged by invoice.
import type { Client } from '@temporalio/client';
import { ChangeOrder, ClientCredit, Invoice, InvoiceAdjustment, Payment } from '../db/entities';
import type { Orm } from '../db/orm';
import type { InvoiceProjection } from '../domain/projection';
import { toStorableText } from '../domain/text';
import { logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import { writeProjection } from '../activities/records';
import { runEvery } from './periodic';
import { invoiceProjectionQuery } from '../workflows/messages';

export interface AuditReport {
  checked: number;
  repaired: { invoiceId: string; number: string; differences: string[] }[];
  /** Invoices whose workflow did not answer (not started yet, Temporal away, history deleted). */
  unanswered: number;
}

/** Text PostgreSQL cannot keep (NUL, lone surrogates) is dropped from a repair rather than refused again. */
const storable = (text: string | null) => text && toStorableText(text);

async function differences(orm: Orm, invoice: Invoice, p: InvoiceProjection): Promise<string[]> {
  const em = orm.em.fork();
  const found: string[] = [];
  const row = { status: invoice.status, stage: invoice.stage, dueDate: invoice.dueDate, amountPaid: invoice.amountPaid, adjustmentsTotal: invoice.adjustmentsTotal, discountTotal: invoice.discountTotal, changesTotal: invoice.changesTotal, creditNotesTotal: invoice.creditNotesTotal };
  for (const [field, value] of Object.entries(p.row)) {
    if (row[field as keyof typeof row] !== value) found.push(`${field}: ${row[field as keyof typeof row]} ≠ ${value}`);
  }
  const missing = (what: string, have: Set<string>, want: string[]) => {
    const lost = want.filter((k) => !have.has(k));
    if (lost.length) found.push(`${what} missing: ${lost.join(', ')}`);
  };
  const [payments, adjustments, credits, orders] = await Promise.all([
    em.find(Payment, { invoiceId: invoice.id }),
    em.find(InvoiceAdjustment, { invoiceId: invoice.id }),
    em.find(ClientCredit, { sourceInvoiceId: invoice.id }),
    em.find(ChangeOrder, { invoiceId: invoice.id }),
  ]);
  missing('ledger rows', new Set(payments.map((x) => x.paymentKey)), p.ledger.map((e) => e.key));
  missing('adjustments', new Set(adjustments.map((x) => x.key)), p.adjustments.map((a) => `${invoice.id}:${a.key}`));
  missing('credits', new Set(credits.map((x) => x.key)), p.credits.map((c) => `${invoice.id}:${c.key}`));
  const extra = payments.filter((x) => !p.ledger.some((e) => e.key === x.paymentKey));
  if (extra.length) found.push(`ledger rows the workflow does not know: ${extra.map((x) => x.paymentKey).join(', ')}`);
  for (const d of p.changeOrders) {
    const order = orders.find((o) => o.id === d.changeOrderId);
    if (order && order.status !== (d.approved ? 'approved' : 'declined')) found.push(`change order ${d.changeOrderId}: ${order.status}`);
  }
  return found;
}

/** False when a newer write landed since the workflow was asked: the next pass looks again. */
async function repair(orm: Orm, p: InvoiceProjection): Promise<boolean> {
  const clean: InvoiceProjection = {
    ...p,
    ledger: p.ledger.map((e) => ({ ...e, reference: storable(e.reference) })),
    adjustments: p.adjustments.map((a) => ({ ...a, description: storable(a.description) ?? '' })),
    changeOrders: p.changeOrders.map((d) => ({ ...d, name: storable(d.name) ?? '', userAgent: storable(d.userAgent) ?? '' })),
  };
  return orm.em.fork().transactional(async (tx) => {
    // The row lock orders this against the workflow's own projection of a newer event.
    const [{ projected_seq: seq }] = await tx.execute<{ projected_seq: string }[]>('select projected_seq from invoice where id = ? for update', [p.invoiceId]);
    if (Number(seq) > p.seq) return false;
    // A ledger row the workflow never counted cannot stand beside it: the workflow's ledger is the truth.
    const keys = p.ledger.map((e) => e.key);
    await tx.execute(`delete from payment where invoice_id = ? ${keys.length ? `and payment_key not in (${keys.map(() => '?').join(', ')})` : ''}`, [p.invoiceId, ...keys]);
    await writeProjection(tx, clean, { repair: true });
    return true;
  });
}

/** Audits the given invoices, or every invoice with a workflow, most recently changed first. */
export async function auditInvoices(deps: { orm: Orm; temporal: Client }, options: { invoiceIds?: string[]; limit?: number } = {}): Promise<AuditReport> {
  const where = options.invoiceIds ? { id: { $in: options.invoiceIds } } : { workflowStartedAt: { $ne: null } };
  const invoices = await deps.orm.em.fork().find(Invoice, where, { orderBy: { updatedAt: 'desc' }, limit: options.limit ?? 1000 });
  const report: AuditReport = { checked: 0, repaired: [], unanswered: 0 };
  for (const invoice of invoices) {
    if (!invoice.workflowId) continue;
    let projection: InvoiceProjection;
    try {
      projection = await deps.temporal.connection.withDeadline(Date.now() + 5000, () =>
        deps.temporal.workflow.getHandle(invoice.workflowId).query(invoiceProjectionQuery));
    } catch {
      report.unanswered++;
      continue;
    }
    report.checked++;
    const found = await differences(deps.orm, invoice, projection);
    if (found.length === 0) continue;
    if (!(await repair(deps.orm, projection))) continue;
    metrics.projectionRepairs.inc();
    logger.warn('invoice record repaired from its workflow', { invoiceId: invoice.id, invoiceNumber: invoice.number, differences: found });
    report.repaired.push({ invoiceId: invoice.id, number: invoice.number, differences: found });
  }
  return report;
}

/** The worker's schedule: one pass every `everyMs`. */
export function startAuditor(deps: { orm: Orm; temporal: Client }, everyMs: number): () => void {
  return runEvery(everyMs, 'audit', async () => {
    const report = await auditInvoices(deps);
    if (report.repaired.length) logger.info('audit pass repaired invoice records', { checked: report.checked, repaired: report.repaired.length });
  });
}
