// A task for the owner, written with its task.created event: every path that opens one (a ladder
// step, a refused email, a bounce) goes through here, so none is missing from the event log.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Invoice, OwnerTask } from '../db/entities';
import { eventInvoiceState } from '../domain/events';
import { recordEvents, type Lane } from './event-log';

export interface TaskToOpen {
  invoiceId: string;
  /** Unique: opening the same task again changes nothing. */
  key: string;
  kind: string;
  title: string;
  detail: string;
}

/** In the caller's transaction; answers the webhook lanes to wake (none if the task existed). */
export async function openTask(em: EntityManager, task: TaskToOpen, invoice?: Invoice): Promise<Lane[]> {
  return em.transactional(async (tx) => {
    const id = randomUUID();
    const created = await tx.createQueryBuilder(OwnerTask)
      .insert({ id, ...task, status: 'open', createdAt: new Date() })
      .onConflict('key').ignore().execute('run');
    if (created.affectedRows === 0) return [];
    const row = invoice ?? (await tx.findOneOrFail(Invoice, { id: task.invoiceId }));
    return recordEvents(tx, [{
      key: `${task.invoiceId}:task:${task.key}`, type: 'task.created', invoiceId: task.invoiceId, invoiceSeq: row.projectedSeq ?? 0, at: new Date(),
      data: { invoice: eventInvoiceState(row, row), message: task.title, task: { id, kind: task.kind, title: task.title } },
    }]);
  });
}
