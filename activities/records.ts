// The workflow's writes to PostgreSQL. Each is keyed, so a retried activity changes nothing twice.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { amountDueOf, ClientCredit, Invoice, InvoiceAdjustment, OwnerTask, Payment, TimelineEvent } from '../db/entities';
import type { Orm } from '../db/orm';
import { formatMoney } from '../domain/money';
import type { InvoiceStatus, PaymentInput, Stage } from '../workflows/types';

export interface ProgressRecord {
  invoiceId: string;
  key: string;
  stage: Stage;
  status: InvoiceStatus;
  kind: string;
  message: string;
}

export interface OwnerTaskRequest {
  invoiceId: string;
  key: string;
  kind: string;
  template: string;
  /** Given for tasks that carry their own words (a client's question, a broken promise). */
  title?: string;
  detail?: string;
}

export interface AdjustmentRecord {
  invoiceId: string;
  key: string;
  kind: 'late_fee' | 'early_payment_discount';
  amount: number;
  description: string;
}

const TASK_TITLES: Record<string, (i: Invoice) => string> = {
  owner_task: (i) => `Check in personally with ${i.client.name} about ${i.number}`,
  collections_review: (i) => `Decide on ${i.number}: write off, extend, or hand to an agency`,
};

/**
 * Writers of one invoice's balance take turns. Without this, two payments recorded at once (a
 * provider redelivering a backlog after an outage) each sum the ledger without the other's row:
 * under READ COMMITTED the UPDATE that waited keeps the snapshot it started with, and one
 * payment vanishes from amount_paid while its ledger row stays.
 */
async function lockInvoice(tx: EntityManager, invoiceId: string): Promise<void> {
  await tx.execute('select 1 from invoice where id = ? for update', [invoiceId]);
}

export function createRecordActivities({ orm }: { orm: Orm }) {
  return {
    async recordProgress(p: ProgressRecord): Promise<void> {
      const em = orm.em.fork();
      await em.transactional(async (tx) => {
        await tx.createQueryBuilder(TimelineEvent)
          .insert({ invoiceId: p.invoiceId, key: p.key, kind: p.kind, message: p.message, at: new Date() })
          .onConflict('key').ignore().execute();
        await tx.nativeUpdate(Invoice, { id: p.invoiceId }, { stage: p.stage, status: p.status, updatedAt: new Date() });
        // When it was paid tells, later, whether this client pays late (automatic policy choice).
        if (p.status === 'paid') await tx.execute('update invoice set paid_at = coalesce(paid_at, now()) where id = ?', [p.invoiceId]);
      });
    },

    async recordPayment(p: PaymentInput & { invoiceId: string; kind?: 'payment' | 'refund' }): Promise<void> {
      const kind = p.kind ?? 'payment';
      const em = orm.em.fork();
      await em.transactional(async (tx) => {
        await lockInvoice(tx, p.invoiceId);
        const inserted = await tx.createQueryBuilder(Payment)
          .insert({
            // A refund is a negative row: the balance is the plain sum of the ledger.
            id: randomUUID(), invoiceId: p.invoiceId, paymentKey: p.paymentId, kind, amount: kind === 'refund' ? -p.amount : p.amount, currency: p.currency,
            method: p.method, reference: p.reference ?? null, receivedAt: new Date(p.receivedAt), recordedAt: new Date(),
          })
          .onConflict('payment_key').ignore().execute('run');
        if (!inserted.affectedRows) return;
        // The balance is derived from the ledger, never incremented blindly.
        await tx.execute(
          `update invoice set amount_paid = (select coalesce(sum(amount), 0) from payment where invoice_id = ?), updated_at = now() where id = ?`,
          [p.invoiceId, p.invoiceId],
        );
        // Settled by this payment: the record says so at once (the workflow confirms it a moment later).
        await tx.execute(
          `update invoice set status = 'paid', stage = 'paid', paid_at = coalesce(paid_at, now())
           where id = ? and status = 'open' and total + changes_total + adjustments_total - amount_paid <= 0`,
          [p.invoiceId],
        );
        await tx.createQueryBuilder(TimelineEvent)
          .insert({
            invoiceId: p.invoiceId, key: `payment:${p.paymentId}`, kind: 'payment', at: new Date(),
            message: kind === 'refund'
              ? `Refund of ${formatMoney(p.amount, p.currency)}${p.reference ? ` (${p.reference})` : ''}.`
              : `Payment of ${formatMoney(p.amount, p.currency)} received by ${p.method}${p.reference ? ` (${p.reference})` : ''}.`,
          })
          .onConflict('key').ignore().execute();
      });
    },

    async recordAdjustment(a: AdjustmentRecord): Promise<void> {
      const em = orm.em.fork();
      await em.transactional(async (tx) => {
        await lockInvoice(tx, a.invoiceId);
        const inserted = await tx.createQueryBuilder(InvoiceAdjustment)
          .insert({ id: randomUUID(), invoiceId: a.invoiceId, key: a.key, kind: a.kind, amount: a.amount, description: a.description, createdAt: new Date() })
          .onConflict('key').ignore().execute('run');
        if (!inserted.affectedRows) return;
        await tx.execute(
          `update invoice set adjustments_total = (select coalesce(sum(amount), 0) from invoice_adjustment where invoice_id = ?), updated_at = now() where id = ?`,
          [a.invoiceId, a.invoiceId],
        );
        await tx.createQueryBuilder(TimelineEvent)
          .insert({ invoiceId: a.invoiceId, key: `adjustment:${a.key}`, kind: a.kind, message: a.description, at: new Date() })
          .onConflict('key').ignore().execute();
      });
    },

    /** Overpaid money, kept for the client's next invoice in the same currency. */
    async recordCredit(c: { invoiceId: string; key: string; clientEmail: string; currency: string; amount: number }): Promise<void> {
      const em = orm.em.fork();
      await em.createQueryBuilder(ClientCredit)
        .insert({ id: randomUUID(), clientEmail: c.clientEmail, currency: c.currency, amount: c.amount, sourceInvoiceId: c.invoiceId, key: c.key, createdAt: new Date() })
        .onConflict('key').ignore().execute();
      await em.createQueryBuilder(TimelineEvent)
        .insert({ invoiceId: c.invoiceId, key: `credit:${c.key}`, kind: 'credit', message: `${formatMoney(c.amount, c.currency)} overpaid, kept as credit for ${c.clientEmail}'s next invoice.`, at: new Date() })
        .onConflict('key').ignore().execute();
    },

    async openOwnerTask(req: OwnerTaskRequest): Promise<void> {
      const em = orm.em.fork();
      const invoice = await em.findOneOrFail(Invoice, { id: req.invoiceId });
      const due = formatMoney(amountDueOf(invoice), invoice.currency);
      const title = req.title ? `${req.title} (${invoice.number})` : (TASK_TITLES[req.kind] ?? ((i: Invoice) => `Follow up on ${i.number}`))(invoice);
      const facts = `${invoice.client.name} (${invoice.client.email}${invoice.client.phone ? `, ${invoice.client.phone}` : ''}) owes ${due} on ${invoice.number}, due ${invoice.dueDate}.`;
      const detail = req.detail ? `${req.detail}\n\n${facts}` : facts;
      await em.createQueryBuilder(OwnerTask)
        .insert({ id: randomUUID(), invoiceId: invoice.id, key: req.key, kind: req.kind, title, detail, status: 'open', createdAt: new Date() })
        .onConflict('key').ignore().execute();
    },
  };
}
