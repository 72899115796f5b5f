// Pause or resume the reminders of every open invoice of a client at once ("we are talking to
// them"): each through its own workflow, the only writer of its state; each invoice's outcome
// reported, an invoice already paused, not paused or closed among them, never an error.
import type { Client } from '@temporalio/client';
import { Invoice } from '../db/entities';
import type { Orm } from '../db/orm';
import { oldestDueFirst } from '../domain/payment-split';
import type { PauseInput } from '../domain/types';
import { DomainError } from './errors';
import { pauseReminders, resumeReminders } from './invoice-commands';

export type ClientPauseOutcome = 'paused' | 'resumed' | 'already_paused' | 'not_paused' | 'closed' | 'refused';

export interface InvoicePauseResult {
  invoiceId: string;
  number: string;
  outcome: ClientPauseOutcome;
  /** The stage after the change (or as it stands when nothing changed). */
  stage: string;
  reason: string | null;
}

type Deps = { orm: Orm; temporal: Client };

/** The client's open invoices as the record has them; the workflow has the last word on each. */
async function openInvoices(orm: Orm, email: string): Promise<Invoice[]> {
  return oldestDueFirst(await orm.em.fork().find(Invoice, { clientEmail: email, status: 'open' }));
}

/**
 * A refusal named: the record read again tells closed (the workflow ended meanwhile) from the
 * state the change did not fit (`otherwise`: already paused, or not paused).
 */
async function refusal(orm: Orm, invoice: Invoice, err: DomainError, otherwise: ClientPauseOutcome): Promise<InvoicePauseResult> {
  const fresh = (await orm.em.fork().findOne(Invoice, { id: invoice.id })) ?? invoice;
  const closed = fresh.status !== 'open' || /invoice is (paid|void|uncollectible)|it is (paid|void|uncollectible)/.test(err.message);
  const outcome = closed ? 'closed' : /already paused|not paused/.test(err.message) ? otherwise : 'refused';
  return { invoiceId: invoice.id, number: invoice.number, outcome, stage: fresh.stage, reason: err.message };
}

async function each(deps: Deps, email: string, change: (invoice: Invoice) => Promise<{ stage: string }>, done: ClientPauseOutcome, otherwise: ClientPauseOutcome) {
  const results: InvoicePauseResult[] = [];
  for (const invoice of await openInvoices(deps.orm, email)) {
    try {
      const state = await change(invoice);
      results.push({ invoiceId: invoice.id, number: invoice.number, outcome: done, stage: state.stage, reason: null });
    } catch (err) {
      // Outages and "starting, retry" are the caller's to retry: a retry reports what is done as already done.
      if (!(err instanceof DomainError) || err.code === 'workflow_starting') throw err;
      results.push(await refusal(deps.orm, invoice, err, otherwise));
    }
  }
  return { invoices: results };
}

export function pauseClient(deps: Deps, email: string, pause: Omit<PauseInput, 'source'> & { source: 'owner' | 'dispute' }) {
  return each(deps, email, (invoice) => pauseReminders(deps.temporal, invoice, pause), 'paused', 'already_paused');
}

export function resumeClient(deps: Deps, email: string, note?: string) {
  return each(deps, email, (invoice) => resumeReminders(deps.temporal, invoice, note), 'resumed', 'not_paused');
}
