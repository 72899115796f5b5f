// Issuing a credit note: drafted here from what the invoice bills, decided and numbered by the
// invoice's workflow (the only writer of its state), which answers with the note's number.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { ChangeOrder, CreditNote, type Invoice } from '../db/entities';
import type { Orm } from '../db/orm';
import { draftCreditNote } from '../domain/credit-notes';
import { creditableOf } from '../domain/account';
import type { InvoiceSnapshot } from '../domain/types';
import type { CreditNoteCreate } from '../api/schemas';
import { issueCreditNoteUpdate } from '../workflows/messages';
import { DomainError } from './errors';
import { bounded, isClosedWorkflow, rejection, throwIfStarting } from './invoice-commands';

export interface CreditNoteView {
  id: string;
  object: 'credit_note';
  number: string;
  invoiceId: string;
  reason: string;
  full: boolean;
  currency: string;
  lines: CreditNote['lines'];
  subtotal: number;
  taxTotal: number;
  total: number;
  issueDate: string;
  createdAt: string;
}

export const creditNoteView = (n: CreditNote): CreditNoteView => ({
  id: n.id, object: 'credit_note', number: n.number, invoiceId: n.invoiceId, reason: n.reason, full: n.full, currency: n.currency,
  lines: n.lines, subtotal: n.subtotal, taxTotal: n.taxTotal, total: n.total, issueDate: n.issueDate, createdAt: n.createdAt.toISOString(),
});

export async function issueCreditNote(
  deps: { orm: Orm; temporal: Client },
  invoice: Invoice,
  input: CreditNoteCreate,
): Promise<{ creditNote: CreditNote; state: InvoiceSnapshot }> {
  if (invoice.status === 'draft' || !invoice.number) throw new DomainError('not_allowed_now', 'A draft has nothing to credit: delete it or void it instead.');
  const em = deps.orm.em.fork();
  const orders = await em.find(ChangeOrder, { invoiceId: invoice.id, status: 'approved' }, { orderBy: { createdAt: 'asc' } });
  const billed = [...invoice.lines, ...orders.flatMap((o) => o.lines)];
  // The draft's bound, by the account's rule; the workflow checks it again against its own state.
  const creditable = creditableOf({ total: invoice.total, changes: invoice.changesTotal, creditNotes: invoice.creditNotesTotal });
  if (creditable <= 0) throw new DomainError('invoice_closed', `Invoice ${invoice.number} is fully credited already.`);
  const drafted = draftCreditNote(billed, creditable, input, `Credit for ${invoice.number}: ${input.reason}`.slice(0, 500));
  if ('problem' in drafted) throw new DomainError('credit_note_rejected', `Credit note not issued: ${drafted.problem.message}`, [drafted.problem]);
  const creditNoteId = randomUUID();
  try {
    const outcome = await bounded(deps.temporal, () => deps.temporal.workflow.getHandle(invoice.workflowId).executeUpdate(issueCreditNoteUpdate, {
      args: [{ creditNoteId, reason: input.reason, currency: invoice.currency, ...drafted.draft }],
      updateId: `credit-note:${creditNoteId}`,
    }));
    const { creditNote: _number, ...state } = outcome;
    return { creditNote: await deps.orm.em.fork().findOneOrFail(CreditNote, { id: creditNoteId }), state };
  } catch (err) {
    throwIfStarting(invoice, err);
    const reason = rejection(err);
    if (reason?.startsWith('invoice is') || (!reason && isClosedWorkflow(err))) {
      throw new DomainError('invoice_closed', `Invoice ${invoice.number} takes no credit note: ${reason ?? `it is ${invoice.status}`}.`);
    }
    if (reason) throw new DomainError('credit_note_rejected', `Credit note not issued: ${reason}`, [{ field: input.lines ? 'lines' : 'amount', message: reason }]);
    throw err;
  }
}
