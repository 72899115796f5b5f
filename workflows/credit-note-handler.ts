// A credit note, as the invoice's workflow takes it: checked against what is still creditable,
// numbered in its own series once accepted (so the series has no gaps), then applied to the
// account like any other money event and emailed to the client.
import { ApplicationFailure, log, setHandler } from '@temporalio/workflow';
import { applyCreditNote, creditNoteProblem } from '../domain/account';
import type { CreditNoteInput, CreditNoteOutcome } from '../domain/types';
import { records } from './effects';
import type { InvoiceRun } from './invoice-run';
import { issueCreditNoteUpdate } from './messages';

export function registerCreditNoteHandler(run: InvoiceRun): void {
  const numbers = new Map<string, string>();
  // Credit notes accepted but not yet applied (numbering them awaits the database): counted as
  // issued, so two at once cannot together take back more than was billed.
  let reserved = 0;
  const problem = (c: CreditNoteInput) => creditNoteProblem({ ...run.account, creditNotes: run.account.creditNotes + reserved }, { amount: c.total, currency: c.currency });

  setHandler(issueCreditNoteUpdate, async (c: CreditNoteInput): Promise<CreditNoteOutcome> => {
    const known = numbers.get(c.creditNoteId);
    if (known) return { ...run.snapshot(), creditNote: { id: c.creditNoteId, number: known } };
    const refused = problem(c);
    if (refused) throw ApplicationFailure.create({ message: refused, nonRetryable: true });
    reserved += c.total;
    const { number } = await records.recordCreditNote({ invoiceId: run.input.invoiceId, ...c });
    reserved -= c.total;
    numbers.set(c.creditNoteId, number);
    const key = `credit_note:${c.creditNoteId}`;
    const { account, entries } = applyCreditNote(run.account, { key, amount: c.total, description: `Credit note ${number}: ${c.reason}` });
    const parts = [`Credit note ${number} issued for ${run.money(c.total)}: ${c.reason}.`];
    if (account.status === 'void') parts.push('The invoice is cancelled; no more reminders.');
    if (entries.credit) parts.push(`${run.money(entries.credit.amount)} already paid becomes credit for the next invoice.`);
    await run.commit(account, 'credit_note', parts.join(' '), key, entries);
    // Sent beside the answer; the workflow waits for it before it ends.
    run.background(run.email.sendCreditNoteEmail({ creditNoteId: c.creditNoteId, key: `${run.workflowId}:${key}` })
      .catch((err: unknown) => log.warn('credit note email not sent', { creditNoteId: c.creditNoteId, error: (err as Error).message })));
    return { ...run.snapshot(), creditNote: { id: c.creditNoteId, number } };
  }, {
    validator: (c: CreditNoteInput) => {
      if (numbers.has(c.creditNoteId)) return;
      const refused = problem(c);
      if (refused) throw new Error(refused);
    },
  });
}
