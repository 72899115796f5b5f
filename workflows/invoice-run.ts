// One invoice's workflow state and the effects every change goes through: the account changes,
// the timeline gets its line, the Temporal UI its search attributes, PostgreSQL its projection.
import { ActivityFailure, ApplicationFailure, log, patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { accountDue, openAccount, rowOf, type Account, type Entries, type OfferTerms } from '../domain/account';
import { dateIn } from '../domain/dates';
import { eventsOfChange, type ChangeFacts } from '../domain/events';
import { instalmentPolicy, planStanding, type ActivePlan } from '../domain/instalments';
import { formatMoney } from '../domain/money';
import { planSchedule, type LadderProgress, NEW_PROGRESS, pastAtStart } from '../domain/ladder';
import { NO_LATE_FEES, type LateFeeProgress } from '../domain/fees';
import type { DunningPolicy } from '../domain/policies';
import { UNSTORABLE_DATA, type InvoiceProjection } from '../domain/projection';
import { invoiceSnapshot } from '../domain/snapshot';
import type { CollectionsDecision, InvoiceSnapshot, InvoiceWorkflowInput, TimelineEntry } from '../domain/types';
import { emailActivities, records } from './effects';
import * as attributes from './search-attributes';

/** A local activity's failure reaches the workflow as the activity's own ApplicationFailure; a remote one's as its cause. */
const isUnstorable = (err: unknown): boolean =>
  (err instanceof ApplicationFailure && err.type === UNSTORABLE_DATA) || (err instanceof ActivityFailure && isUnstorable(err.cause));

/**
 * Every task reaches the owner by email, with its one-click link: before this, only the ladder's
 * own steps were emailed. Invoices whose history has no marker at this point go on without.
 */
export const OWNER_TASK_EMAIL_PATCH = 'owner-task-email';
/** The ladder's owner steps, which runStep (invoice.ts) emails itself. */
const LADDER_TASKS = new Set(['owner_task', 'collections_review']);

export class InvoiceRun {
  account: Account;
  progress: LadderProgress = { ...NEW_PROGRESS };
  lateFees: LateFeeProgress = NO_LATE_FEES;
  readonly history: TimelineEntry[] = [];
  /** A person's collections decision, waiting for the main loop to act on it. */
  decision: CollectionsDecision | undefined;
  /** The payment on its way (a bank debit) that holds the reminders, if any. */
  pendingPaymentId: string | null = null;
  /** Promises to pay made so far; the policy bounds them. */
  promisesMade = 0;
  /** Bumped by every change, so a waiting loop wakes up and re-plans. */
  changes = 0;
  /** An agreed instalment plan: the ladder follows its current instalment instead of the due date. */
  instalments: ActivePlan | null = null;
  readonly offer: OfferTerms;
  readonly timeZone: string;
  readonly workflowId = workflowInfo().workflowId;
  readonly email = emailActivities(workflowInfo().taskQueue);
  /** Effects started beside a handler's answer (a credit note's email); the workflow ends after them. */
  private readonly outgoing: Promise<unknown>[] = [];
  private published: string;
  private readonly searchable: boolean;

  constructor(readonly input: InvoiceWorkflowInput) {
    this.account = openAccount(input);
    this.timeZone = input.timeZone;
    this.offer = { terms: input.terms, issueDate: input.issueDate, timeZone: input.timeZone, total: input.total };
    // A workflow started without our attributes (the time-skipping test server) leaves them alone.
    const started = workflowInfo().typedSearchAttributes;
    this.searchable = started.get(attributes.InvoiceNumber) !== undefined;
    this.published = `${started.get(attributes.Stage)}|${started.get(attributes.AmountDue)}|${started.get(attributes.DueDate)?.toISOString().slice(0, 10)}`;
  }

  /** The ladder in force: the invoice's policy, or one instalment's share of it while a plan is followed. */
  get policy(): DunningPolicy {
    return this.instalments ? instalmentPolicy(this.input.policy) : this.input.policy;
  }

  background(effect: Promise<unknown>): void {
    this.outgoing.push(effect);
  }

  settleBackground = () => Promise.all(this.outgoing);

  now = () => new Date();
  money = (amount: number) => formatMoney(amount, this.input.currency);
  due = () => accountDue(this.account);
  isClosed = () => this.account.status !== 'open';
  facts = () => ({ dueDate: this.instalments?.plan.instalments[this.instalments.round].dueDate ?? this.account.dueDate, timeZone: this.timeZone, holidays: this.input.holidays });
  plan = () => planSchedule(this.policy, this.facts(), this.progress, this.now());

  snapshot = (): InvoiceSnapshot =>
    invoiceSnapshot({ account: this.account, offer: this.offer, policy: this.policy, timeZone: this.timeZone, holidays: this.input.holidays, progress: this.progress, history: this.history, now: this.now(),
      ladderDueDate: this.facts().dueDate, plan: this.instalments ? planStanding(this.instalments.plan, this.due(), dateIn(this.now(), this.timeZone)) : null });

  /** A new round of the ladder (issue or extension): steps already past are skipped, not sent. */
  startRound() {
    this.progress = { ...NEW_PROGRESS, done: pastAtStart(this.policy, this.facts(), this.now()) };
    this.changes++;
  }

  /**
   * Takes the account's next state and writes it down: synchronously in the workflow (so handlers
   * arriving together never race), then in PostgreSQL. `key` makes the timeline line idempotent.
   */
  async commit(next: Account, kind: string, message: string, key: string, entries: Entries = {}, facts: ChangeFacts = {}): Promise<void> {
    this.account = next;
    this.changes++;
    const entry = { at: this.now().toISOString(), kind, message };
    this.history.push(entry);
    this.publish();
    log.info('invoice changed', { invoiceId: this.input.invoiceId, invoiceNumber: this.input.invoiceNumber, seq: next.seq, stage: next.stage, status: next.status, kind });
    await this.project([{ ...entry, key: `${this.workflowId}:${key}`, events: eventsOfChange(kind, next.stage, facts) }], entries);
  }

  private async project(timeline: InvoiceProjection['timeline'], entries: Entries): Promise<void> {
    const a = this.account;
    try {
      await records.projectInvoice({
        invoiceId: this.input.invoiceId, seq: a.seq, row: rowOf(a), clientEmail: this.input.clientEmail, currency: a.currency, timeline,
        ledger: entries.ledger ?? [], adjustments: entries.adjustments ?? [], credits: entries.credit ? [entries.credit] : [],
        changeOrders: entries.changeOrder ? [entries.changeOrder] : [],
      });
    } catch (err) {
      if (!isUnstorable(err)) throw err;
      // The workflow keeps its truth and goes on; a person hears of it and the auditor repairs the record.
      log.warn('projection refused for its data', { invoiceId: this.input.invoiceId, seq: a.seq, error: (err as Error).message });
      await this.ownerTask(`unstorable:${a.seq}`, 'record_failed', 'The record of this invoice could not be written',
        'PostgreSQL refused to store a change to this invoice because of what it contained. The workflow holds the change and went on; the auditor restores the record from it.');
    }
  }

  /**
   * A task for the owner; words PostgreSQL cannot keep are left out rather than retried forever.
   * Its email goes beside whatever opened it (a handler answers without waiting on Resend), on the
   * rate-limited email queue, keyed by the task.
   */
  async ownerTask(key: string, kind: string, title?: string, detail?: string): Promise<void> {
    const task = { invoiceId: this.input.invoiceId, key: `${this.workflowId}:${key}`, kind, template: kind, title, detail };
    try {
      await records.openOwnerTask(task);
    } catch (err) {
      if (!isUnstorable(err)) throw err;
      await records.openOwnerTask({ ...task, detail: '(The client\'s words could not be stored; read them in the Temporal UI, in this invoice\'s history.)' });
    }
    if (LADDER_TASKS.has(kind) || !patched(OWNER_TASK_EMAIL_PATCH)) return;
    this.background(this.email.notifyOwnerOfTask({ taskKey: task.key })
      .catch((err: unknown) => log.warn('owner task email not sent', { invoiceId: this.input.invoiceId, kind, error: (err as Error).message })));
  }

  /** Stage and balance are searchable in the Temporal UI; each upsert costs a history event, so only on change. */
  private publish() {
    if (!this.searchable) return;
    const a = this.account;
    const values = `${a.stage}|${this.due()}|${a.dueDate}`;
    if (values === this.published) return;
    this.published = values;
    upsertSearchAttributes([
      { key: attributes.Stage, value: a.stage },
      { key: attributes.AmountDue, value: this.due() },
      { key: attributes.DueDate, value: new Date(`${a.dueDate}T00:00:00Z`) },
    ]);
  }
}
