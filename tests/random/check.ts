// After every operation, for every invoice of the run: the API view, the workflow's own state
// (invoiceState query), the database row and the ledger sums must agree with each other and
// with the reference model. The workflow projects a moment after it answers, so a disagreement
// is polled for a few seconds before it counts; one that stays is a divergence.
import { invoiceStateQuery } from '../../workflows/messages';
import type { InvoiceSnapshot } from '../../domain/types';
import { type Ctx, Divergence } from './context';
import { balance, isSettled, type ModelInvoice } from './model';

interface Observed {
  api: any;
  wf: InvoiceSnapshot | null;
  row: { status: string; stage: string; amount_paid: string; adjustments_total: string; changes_total: string; total: string } | undefined;
  sums: { paid: string; adjustments: string; changes: string };
}

async function observe(ctx: Ctx, m: ModelInvoice): Promise<Observed> {
  const db = ctx.sys.orm.em.fork().getConnection();
  const [api, wf, [row], [sums]]: [any, InvoiceSnapshot | null, any[], any[]] = await Promise.all([
    ctx.sys.call('GET', `/v1/invoices/${m.id}`).then((r) => (r.status === 200 ? r.body : { httpStatus: r.status, text: r.text.slice(0, 200) })),
    m.workflowId
      ? ctx.sys.env.client.connection.withDeadline(Date.now() + 10_000, () => ctx.sys.env.client.workflow.getHandle(m.workflowId!).query(invoiceStateQuery)).catch((err: Error) => ({ queryError: `${err.message} ${String((err.cause as Error | undefined)?.message ?? '')}`.slice(0, 400) }) as unknown as null)
      : Promise.resolve(null),
    db.execute('select status, stage, amount_paid, adjustments_total, changes_total, total from invoice where id = ?', [m.id]),
    db.execute(
      `select (select coalesce(sum(amount), 0) from payment where invoice_id = ?) as paid,
              (select coalesce(sum(amount), 0) from invoice_adjustment where invoice_id = ?) as adjustments,
              (select coalesce(sum(total), 0) from change_order where invoice_id = ? and status = 'approved') as changes`,
      [m.id, m.id, m.id],
    ),
  ]);
  return { api, wf, row: row as Observed['row'], sums: sums as unknown as Observed['sums'] };
}

/** Every disagreement, as a line; empty when all views and the model agree. */
function compare(m: ModelInvoice, o: Observed, now: number): { problems: string[]; fees: number } {
  const p: string[] = [];
  const same = (what: string, values: Record<string, unknown>) => {
    const distinct = new Set(Object.values(values).map((v) => String(v)));
    if (distinct.size > 1) p.push(`${what}: ${Object.entries(values).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  };
  if (!o.row || o.api.httpStatus) return { problems: [`not readable: row ${!!o.row}, api ${JSON.stringify(o.api).slice(0, 200)}`], fees: m.fees };
  const row = { status: o.row.status, stage: o.row.stage, paid: Number(o.row.amount_paid), adjustments: Number(o.row.adjustments_total), changes: Number(o.row.changes_total), total: Number(o.row.total) };
  const queryError = (o.wf as unknown as { queryError?: string } | null)?.queryError;
  const wf = queryError ? null : o.wf;
  if (m.workflowId && !wf) p.push(`workflow did not answer its invoiceState query${queryError ? `: ${queryError}` : ''}`);
  const w = wf ?? { status: row.status, stage: row.stage, amountPaid: row.paid, adjustments: row.adjustments, amountDue: undefined };
  same('status', { api: o.api.status, workflow: w.status, db: row.status, model: m.status });
  same('stage', { api: o.api.stage, workflow: w.stage, db: row.stage, ...(m.stage ? { model: m.stage } : {}) });
  same('amountPaid', { api: o.api.amountPaid, workflow: w.amountPaid, db: row.paid, ledger: Number(o.sums.paid), model: m.paid });
  same('adjustments', { api: o.api.adjustments, workflow: w.adjustments, db: row.adjustments, ledger: Number(o.sums.adjustments) });
  same('changes', { db: row.changes, approvedChangeOrders: Number(o.sums.changes), model: m.changes });
  same('total', { db: row.total, model: m.total });
  // Late fees: the model knows the terms but not the ladder's timing; a fee seen must be the
  // stated one, charged no earlier than the grace period allows, and never taken back.
  const fees = row.adjustments + m.discount;
  if (fees !== m.fees) {
    const allowed = m.lateFee && m.fees === 0 && fees === m.lateFee.amount && now >= m.lateFee.chargeableFrom - 60_000;
    if (!allowed) p.push(`adjustments ${row.adjustments} imply fees ${fees} (discount ${m.discount}); model allows ${m.fees}${m.lateFee ? ` or ${m.lateFee.amount} from ${new Date(m.lateFee.chargeableFrom).toISOString()}` : ''}`);
  }
  const dueFromRow = Math.max(0, row.total + row.changes + row.adjustments - row.paid);
  same('amountDue', { api: o.api.amountDue, ...(wf ? { workflow: wf.amountDue } : {}), dbRow: dueFromRow, model: balance({ ...m, fees }) });
  return { problems: p, fees };
}

export interface CheckOptions { timeoutMs: number }

/** Checks one invoice, polling while it disagrees; moves the model's observed facts on success. */
export async function checkInvoice(ctx: Ctx, m: ModelInvoice, { timeoutMs }: CheckOptions): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    const o = await observe(ctx, m);
    const { problems, fees } = compare(m, o, ctx.sys.now());
    if (problems.length === 0) {
      m.fees = fees;
      m.observedStage = o.row!.stage;
      return;
    }
    if (Date.now() > deadline) throw new Divergence(`invoice ${m.id} (${o.api?.number ?? 'draft'}) diverges:\n    ${problems.join('\n    ')}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** Client emails (reminders) seen so far per invoice, for the "nothing after settled" rule. */
export function clientEmails(ctx: Ctx, m: ModelInvoice): number {
  if (!m.workflowId) return 0;
  const prefix = `${m.workflowId}:`;
  return ctx.sys.resend.deliveries.filter((d) => d.to.includes(m.email) && d.idempotencyKey?.startsWith(prefix) && d.idempotencyKey !== `${prefix}invoice`).length;
}

/** Runs around one operation: an invoice settled before and after it must have been sent nothing. */
export function emailWatch(ctx: Ctx) {
  const before = new Map(ctx.invoices.map((m) => [m, { settled: isSettled(m), emails: clientEmails(ctx, m) }]));
  return () => {
    for (const [m, b] of before) {
      if (b.settled && isSettled(m) && clientEmails(ctx, m) > b.emails) {
        throw new Divergence(`invoice ${m.id} is ${m.status} but its client was emailed again (${clientEmails(ctx, m) - b.emails} new reminder(s))`);
      }
    }
  };
}
