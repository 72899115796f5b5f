// The agreement check: for one invoice, the API's view, the workflow's own answer (invoiceState
// query), the database row and the ledger sums must say the same, and what the caller expects
// (the random tester's reference model, a fault test's known payments) where it is given. Used by
// the random tester and by the cluster's fault tests alike.
import type { Client } from '@temporalio/client';
import type { InvoiceSnapshot } from '../../domain/types';
import { invoiceStateQuery } from '../../workflows/messages';

export interface Views {
  api: any;
  wf: InvoiceSnapshot | null;
  row: { status: string; stage: string; amount_paid: string; adjustments_total: string; changes_total: string; total: string } | undefined;
  sums: { paid: string; adjustments: string; changes: string };
}

export interface AgreementDeps {
  call(method: string, path: string): Promise<{ status: number; body: any; text: string }>;
  client: Client;
  db: { execute(sql: string, params: unknown[]): Promise<any[]> };
}

export async function observeInvoice(deps: AgreementDeps, id: string, workflowId: string | null): Promise<Views> {
  const [api, wf, [row], [sums]] = await Promise.all([
    deps.call('GET', `/v1/invoices/${id}`).then(
      (r) => (r.status === 200 ? r.body : { httpStatus: r.status, text: r.text.slice(0, 200) }),
      (err: Error) => ({ httpStatus: 0, text: err.message }),
    ),
    workflowId
      ? deps.client.connection.withDeadline(Date.now() + 10_000, () => deps.client.workflow.getHandle(workflowId).query(invoiceStateQuery)).catch((err: Error) => ({ queryError: `${err.message} ${String((err.cause as Error | undefined)?.message ?? '')}`.slice(0, 400) }) as unknown as null)
      : Promise.resolve(null),
    deps.db.execute('select status, stage, amount_paid, adjustments_total, changes_total, total from invoice where id = ?', [id]),
    deps.db.execute(
      `select (select coalesce(sum(amount), 0) from payment where invoice_id = ?) as paid,
              (select coalesce(sum(amount), 0) from invoice_adjustment where invoice_id = ?) as adjustments,
              (select coalesce(sum(total), 0) from change_order where invoice_id = ? and status = 'approved') as changes`,
      [id, id, id],
    ),
  ]);
  return { api, wf, row, sums };
}

/** What the caller knows independently of the product's code; each given value must match. */
export interface Expected { status?: string; stage?: string; amountPaid?: number; changes?: number; total?: number; amountDue?: number }

/** The row's money as numbers, for checks of the caller's own. */
export function rowNumbers(o: Views) {
  const r = o.row!;
  return { status: r.status, stage: r.stage, paid: Number(r.amount_paid), adjustments: Number(r.adjustments_total), changes: Number(r.changes_total), total: Number(r.total) };
}

/** Every disagreement, as a line; empty when all views (and the expectations) agree. */
export function agreementProblems(o: Views, expected: Expected = {}, workflowExpected = true): string[] {
  const p: string[] = [];
  const same = (what: string, values: Record<string, unknown>) => {
    if (new Set(Object.values(values).map((v) => String(v))).size > 1) p.push(`${what}: ${Object.entries(values).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  };
  // A view that is not there is left out; a field missing from one that is there is a disagreement.
  const model = (v: unknown) => (v === undefined ? {} : { model: v });
  if (!o.row || o.api.httpStatus !== undefined) return [`not readable: row ${!!o.row}, api ${JSON.stringify(o.api).slice(0, 200)}`];
  const row = rowNumbers(o);
  const queryError = (o.wf as unknown as { queryError?: string } | null)?.queryError;
  const wf = queryError ? null : o.wf;
  if (workflowExpected && !wf) p.push(`workflow did not answer its invoiceState query${queryError ? `: ${queryError}` : ''}`);
  const w = wf ?? { status: row.status, stage: row.stage, amountPaid: row.paid, adjustments: row.adjustments, amountDue: undefined };
  same('status', { api: o.api.status, workflow: w.status, db: row.status, ...model(expected.status) });
  same('stage', { api: o.api.stage, workflow: w.stage, db: row.stage, ...model(expected.stage) });
  same('amountPaid', { api: o.api.amountPaid, workflow: w.amountPaid, db: row.paid, ledger: Number(o.sums.paid), ...model(expected.amountPaid) });
  same('adjustments', { api: o.api.adjustments, workflow: w.adjustments, db: row.adjustments, ledger: Number(o.sums.adjustments) });
  same('changes', { db: row.changes, approvedChangeOrders: Number(o.sums.changes), ...model(expected.changes) });
  if (expected.total !== undefined) same('total', { db: row.total, ...model(expected.total) });
  const dueFromRow = Math.max(0, row.total + row.changes + row.adjustments - row.paid);
  same('amountDue', { api: o.api.amountDue, ...(wf ? { workflow: wf.amountDue } : {}), dbRow: dueFromRow, ...model(expected.amountDue) });
  return p;
}
