// A draft has no workflow yet, so nothing else owns its state: it may be voided or deleted here,
// directly in PostgreSQL. Each write is conditional on the row still being a draft, so a draft
// issued at the same moment (issueDraft locks it) is never deleted or voided behind its workflow.
import { LockMode } from '@mikro-orm/postgresql';
import { ChangeOrder, Invoice, InvoiceLink, OwnerTask, TimelineEvent } from '../db/entities';
import type { Orm } from '../db/orm';
import { DomainError } from './errors';

const notADraft = (invoice: Invoice) =>
  new DomainError('invoice_closed', `Invoice ${invoice.number ?? invoice.id} is ${invoice.status}; only a draft can be deleted (an issued invoice is voided instead).`);

export async function deleteDraft(orm: Orm, invoice: Invoice): Promise<void> {
  await orm.em.fork().transactional(async (em) => {
    // Locked first, and refused inside the transaction: an issued invoice loses nothing.
    const row = await em.findOne(Invoice, { id: invoice.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!row) throw new DomainError('invoice_not_found', `No invoice with id ${invoice.id}`);
    if (row.status !== 'draft') throw notADraft(row);
    for (const entity of [TimelineEvent, InvoiceLink, OwnerTask, ChangeOrder] as const) await em.nativeDelete(entity, { invoiceId: invoice.id });
    await em.nativeDelete(Invoice, { id: invoice.id, status: 'draft' });
  });
}

/** Voided, the draft stays on record (no number, never issued) instead of disappearing. */
export async function voidDraft(orm: Orm, invoice: Invoice, reason?: string): Promise<void> {
  const em = orm.em.fork();
  const now = new Date();
  const voided = await em.nativeUpdate(Invoice, { id: invoice.id, status: 'draft' }, { status: 'void', stage: 'void', updatedAt: now });
  if (voided === 0) throw new DomainError('invoice_closed', `Invoice ${invoice.number ?? invoice.id} is no longer a draft.`);
  await em.insert(TimelineEvent, { invoiceId: invoice.id, key: `draft_voided:${invoice.id}`, kind: 'voided', message: reason ? `Draft voided: ${reason}` : 'Draft voided.', at: now });
}
