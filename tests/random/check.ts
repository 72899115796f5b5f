// After every operation, for every invoice of the run: the API view, the workflow's own state
// (invoiceState query), the database row and the ledger sums must agree with each other and
// with the reference model. The workflow projects a moment after it answers, so a disagreement
// is polled for a few seconds before it counts; one that stays is a divergence.
import { agreementProblems, observeInvoice, rowNumbers, type Views } from '../support/agreement';
import { type Ctx, Divergence } from './context';
import { balance, isSettled, type ModelInvoice } from './model';

function observe(ctx: Ctx, m: ModelInvoice): Promise<Views> {
  return observeInvoice({ call: (method, path) => ctx.sys.call(method, path), client: ctx.sys.env.client, db: ctx.sys.orm.em.fork().getConnection() }, m.id, m.workflowId);
}

/** Every disagreement, as a line; empty when all views and the model agree. */
function compare(m: ModelInvoice, o: Views, now: number): { problems: string[]; fees: number } {
  if (!o.row || o.api.httpStatus !== undefined) return { problems: agreementProblems(o), fees: m.fees };
  const row = rowNumbers(o);
  const p: string[] = [];
  // Late fees: the model knows the terms but not the ladder's timing; a fee seen must be the
  // stated one, charged no earlier than the grace period allows, and never taken back.
  const fees = row.adjustments + m.discount + m.credited;
  if (fees !== m.fees) {
    const allowed = m.lateFee && m.fees === 0 && fees === m.lateFee.amount && now >= m.lateFee.chargeableFrom - 60_000;
    if (!allowed) p.push(`adjustments ${row.adjustments} imply fees ${fees} (discount ${m.discount}); model allows ${m.fees}${m.lateFee ? ` or ${m.lateFee.amount} from ${new Date(m.lateFee.chargeableFrom).toISOString()}` : ''}`);
  }
  const expected = { status: m.status, stage: m.stage || undefined, amountPaid: m.paid, changes: m.changes, total: m.total, amountDue: balance({ ...m, fees }) };
  return { problems: [...agreementProblems(o, expected, !!m.workflowId), ...p], fees };
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
  // Reminders only: the invoice itself and a credit note (news, not a chase) are not counted.
  return ctx.sys.resend.deliveries.filter((d) => d.to.includes(m.email) && d.idempotencyKey?.startsWith(prefix) && d.idempotencyKey !== `${prefix}invoice` && !d.idempotencyKey.includes(':credit_note:')).length;
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
