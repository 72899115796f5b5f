// PostgreSQL follows the workflow: one write projects the invoice as its workflow holds it, with
// what the event added. Keyed and sequenced, so a retried write changes nothing and an older one
// never overwrites a newer. A write refused for its data is not retried: the workflow hears of it.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from '@mikro-orm/postgresql';
import { amountDueOf, ClientCredit, CreditNote, Invoice, InvoiceAdjustment, OwnerTask, Payment, TimelineEvent } from '../db/entities';
import type { Orm } from '../db/orm';
import { isDataError, sqlState } from '../db/sql-errors';
import { formatMoney } from '../domain/money';
import { dateIn } from '../domain/dates';
import { formatCreditNoteNumber } from '../domain/credit-notes';
import type { CreditNoteInput } from '../domain/types';
import { loadIssuer } from '../services/issuer';
import { UNSTORABLE_DATA, type InvoiceProjection } from '../domain/projection';
import { metrics } from '../observability/metrics';

export interface OwnerTaskRequest {
  invoiceId: string;
  key: string;
  kind: string;
  template: string;
  /** Given for tasks that carry their own words (a client's question, a broken promise). */
  title?: string;
  detail?: string;
}

const TASK_TITLES: Record<string, (i: Invoice) => string> = {
  owner_task: (i) => `Check in personally with ${i.client.name} about ${i.number}`,
  collections_review: (i) => `Decide on ${i.number}: write off, extend, or hand to an agency`,
};

/** Runs a write; a refusal for the data becomes a non-retryable failure the workflow handles. */
async function refusedForData<T>(what: string, invoiceId: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!isDataError(err)) throw err;
    metrics.unstorableWrites.inc({ write: what });
    throw ApplicationFailure.create({
      type: UNSTORABLE_DATA, nonRetryable: true,
      message: `PostgreSQL refused the ${what} of invoice ${invoiceId} for its data (SQL state ${sqlState(err)})`,
    });
  }
}

/**
 * The projection itself, also used by the auditor's repair (`atLeast`: it may rewrite the row at
 * the same sequence number, to mend a row that drifted without a newer event).
 */
export async function writeProjection(tx: EntityManager, p: InvoiceProjection, { repair = false } = {}): Promise<void> {
  for (const e of p.ledger) {
    await tx.createQueryBuilder(Payment)
      .insert({
        id: randomUUID(), invoiceId: p.invoiceId, paymentKey: e.key, kind: e.kind, amount: e.amount, currency: e.currency,
        method: e.method, reference: e.reference, receivedAt: new Date(e.receivedAt), recordedAt: new Date(),
      })
      .onConflict('payment_key').ignore().execute();
  }
  for (const a of p.adjustments) {
    await tx.createQueryBuilder(InvoiceAdjustment)
      .insert({ id: randomUUID(), invoiceId: p.invoiceId, key: `${p.invoiceId}:${a.key}`, kind: a.kind, amount: a.amount, description: a.description, createdAt: new Date() })
      .onConflict('key').ignore().execute();
  }
  for (const c of p.credits) {
    // Overpaid money, kept for the client's next invoice in the same currency.
    await tx.createQueryBuilder(ClientCredit)
      .insert({ id: randomUUID(), clientEmail: p.clientEmail, currency: p.currency, amount: c.amount, sourceInvoiceId: p.invoiceId, key: `${p.invoiceId}:${c.key}`, createdAt: new Date() })
      .onConflict('key').ignore().execute();
  }
  for (const d of p.changeOrders) {
    await tx.execute(
      `update change_order set status = ?, decided_name = ?, decided_at = ?, decided_ip = ?, decided_user_agent = ?
       where id = ? and invoice_id = ? and status = 'pending'`,
      [d.approved ? 'approved' : 'declined', d.name, new Date(d.at), d.ip.slice(0, 100), d.userAgent.slice(0, 500), d.changeOrderId, p.invoiceId],
    );
  }
  for (const t of p.timeline) {
    await tx.createQueryBuilder(TimelineEvent)
      .insert({ invoiceId: p.invoiceId, key: t.key, kind: t.kind, message: t.message, at: new Date(t.at) })
      .onConflict('key').ignore().execute();
  }
  const r = p.row;
  await tx.execute(
    `update invoice set status = ?, stage = ?, due_date = ?, amount_paid = ?, adjustments_total = ?, discount_total = ?, changes_total = ?, credit_notes_total = ?,
       projected_seq = ?, paid_at = case when ? = 'paid' then coalesce(paid_at, now()) else null end, updated_at = now()
     where id = ? and projected_seq ${repair ? '<=' : '<'} ?`,
    [r.status, r.stage, r.dueDate, r.amountPaid, r.adjustmentsTotal, r.discountTotal, r.changesTotal, r.creditNotesTotal ?? 0, p.seq, r.status, p.invoiceId, p.seq],
  );
}

export function createRecordActivities({ orm }: { orm: Orm }) {
  return {
    async projectInvoice(p: InvoiceProjection): Promise<void> {
      await refusedForData('projection', p.invoiceId, () => orm.em.fork().transactional((tx) => writeProjection(tx, p)));
    },

    /**
     * Stores a credit note the workflow accepted and numbers it, in one transaction: the number
     * exists only with its note, so the series has no gaps. A retry finds the note and its number.
     */
    async recordCreditNote(c: CreditNoteInput & { invoiceId: string }): Promise<{ number: string }> {
      return refusedForData('credit note', c.invoiceId, () => orm.em.fork().transactional(async (tx) => {
        const earlier = await tx.findOne(CreditNote, { id: c.creditNoteId });
        if (earlier) return { number: earlier.number };
        const issuer = await loadIssuer(tx);
        const issueDate = dateIn(new Date(), issuer?.timeZone ?? 'UTC');
        const year = Number(issueDate.slice(0, 4));
        const [{ last_sequence: sequence }] = await tx.execute<{ last_sequence: number }[]>(
          `insert into credit_note_counter (year, last_sequence) values (?, 1)
           on conflict (year) do update set last_sequence = credit_note_counter.last_sequence + 1 returning last_sequence`, [year]);
        const number = formatCreditNoteNumber(year, sequence);
        tx.create(CreditNote, {
          id: c.creditNoteId, invoiceId: c.invoiceId, number, year, sequence, reason: c.reason, full: c.full, currency: c.currency,
          lines: c.lines, subtotal: c.subtotal, taxTotal: c.taxTotal, total: c.total, issueDate, createdAt: new Date(),
        });
        return { number };
      }));
    },

    async openOwnerTask(req: OwnerTaskRequest): Promise<void> {
      const em = orm.em.fork();
      const invoice = await em.findOneOrFail(Invoice, { id: req.invoiceId });
      const due = formatMoney(amountDueOf(invoice), invoice.currency);
      const title = req.title ? `${req.title} (${invoice.number})` : (TASK_TITLES[req.kind] ?? ((i: Invoice) => `Follow up on ${i.number}`))(invoice);
      const facts = `${invoice.client.name} (${invoice.client.email}${invoice.client.phone ? `, ${invoice.client.phone}` : ''}) owes ${due} on ${invoice.number}, due ${invoice.dueDate}.`;
      const detail = req.detail ? `${req.detail}\n\n${facts}` : facts;
      await refusedForData('owner task', req.invoiceId, () =>
        em.createQueryBuilder(OwnerTask)
          .insert({ id: randomUUID(), invoiceId: invoice.id, key: req.key, kind: req.kind, title, detail, status: 'open', createdAt: new Date() })
          .onConflict('key').ignore().execute());
    },
  };
}
