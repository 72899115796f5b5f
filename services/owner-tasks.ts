// The owner's tasks as use cases: list them, complete one with its outcome, decide a collections
// review. The API (/v1/tasks, /v1/invoices/:id/collections-decision) and the owner's one-click
// page (/o/<token>) both come here, so a decision follows one path and one set of rules: the
// workflow's, reached through services/invoice-commands.ts.
import type { Client } from '@temporalio/client';
import type { TaskCompletion } from '../api/schemas';
import { Invoice, OwnerTask, TimelineEvent } from '../db/entities';
import type { Orm } from '../db/orm';
import type { CollectionsDecision, InvoiceSnapshot } from '../domain/types';
import { DomainError } from './errors';
import { decideCollections, pauseReminders, recordPromise, resumeReminders } from './invoice-commands';
import { ownerLinkToken, ownerLinkUrl, type OwnerLinks } from './owner-links';

export interface OwnerTaskDeps {
  orm: Orm;
  temporal: Client;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The task as the API shows it; an open one carries a fresh link to its page (an emailed one may have expired). */
export function taskView(task: OwnerTask, links: { ownerLinks: OwnerLinks | null; publicUrl: string }) {
  const { id, invoiceId, key, kind, title, detail, status, outcome, createdAt, completedAt } = task;
  const pageUrl = status === 'open' && links.ownerLinks ? ownerLinkUrl(links.publicUrl, ownerLinkToken(links.ownerLinks, id)) : null;
  return { id, invoiceId, key, kind, title, detail, status, outcome: outcome ?? null, createdAt, completedAt: completedAt ?? null, pageUrl };
}

export async function listTasks(orm: Orm, status: 'open' | 'done'): Promise<OwnerTask[]> {
  return orm.em.fork().find(OwnerTask, { status }, { orderBy: { createdAt: 'asc' }, limit: 200 });
}

async function openTask(orm: Orm, taskId: string): Promise<{ task: OwnerTask; invoice: Invoice }> {
  const em = orm.em.fork();
  const task = UUID.test(taskId) ? await em.findOne(OwnerTask, { id: taskId }) : null;
  if (!task) throw new DomainError('task_not_found', `No task with id ${taskId}`);
  if (task.status === 'done') throw new DomainError('not_allowed_now', 'This task is already done.');
  return { task, invoice: await em.findOneOrFail(Invoice, { id: task.invoiceId }) };
}

/**
 * Done once: a second completion racing this one (a double click, the API and the page) finds
 * the row no longer open and changes nothing; the workflow saw one update (same update id).
 */
async function markDone(orm: Orm, where: { id: string } | { invoiceId: string; kind: string }, outcome: string): Promise<void> {
  await orm.em.fork().nativeUpdate(OwnerTask, { ...where, status: 'open' }, { status: 'done', outcome, completedAt: new Date() });
}

/** The update id of a task's outcome: the same outcome sent twice reaches the workflow once. */
const updateIdOf = (taskId: string, what: string) => `task:${taskId}:${what}`;

/** Completing a check-in records what came of it, and that outcome steers the ladder. */
export async function completeTask(deps: OwnerTaskDeps, taskId: string, input: TaskCompletion): Promise<OwnerTask> {
  const { task, invoice } = await openTask(deps.orm, taskId);
  const updateId = updateIdOf(task.id, input.outcome);
  if (input.outcome === 'promise') await recordPromise(deps.temporal, invoice, { date: input.promiseDate!, note: input.note, source: 'owner' }, updateId);
  if (input.outcome === 'pause') await pauseReminders(deps.temporal, invoice, { source: 'owner', message: input.note! }, updateId);
  if (input.outcome === 'resume') await resumeReminders(deps.temporal, invoice, input.note, updateId);
  await markDone(deps.orm, { id: task.id }, input.note ? `${input.outcome}: ${input.note}` : input.outcome);
  return deps.orm.em.fork().findOneOrFail(OwnerTask, { id: task.id });
}

/** What a decision says in the task's outcome. */
function decisionOutcome(d: CollectionsDecision): string {
  const why = d.reason ? ` (${d.reason})` : '';
  if (d.decision === 'write_off') return `write_off: ${d.reason}`;
  return d.decision === 'extend' ? `extend: ${d.newDueDate}${why}` : `agency: ${d.agency}${why}`;
}

/**
 * A person's decision at collections review, through the workflow; the review's task is then
 * done, whether it was taken from the API or from the task's page.
 */
export async function decideCollectionsReview(deps: OwnerTaskDeps, invoice: Invoice, decision: CollectionsDecision, updateId?: string): Promise<InvoiceSnapshot> {
  const state = await decideCollections(deps.temporal, invoice, decision, updateId);
  await markDone(deps.orm, { invoiceId: invoice.id, kind: 'collections_review' }, decisionOutcome(decision));
  return state;
}

/** The same decision, from a collections review task (the owner's page). */
export async function decideReviewTask(deps: OwnerTaskDeps, taskId: string, decision: CollectionsDecision): Promise<InvoiceSnapshot> {
  const { task, invoice } = await openTask(deps.orm, taskId);
  if (task.kind !== 'collections_review') throw new DomainError('not_allowed_now', 'This task is not a collections review.');
  return decideCollectionsReview(deps, invoice, decision, updateIdOf(task.id, decision.decision));
}

/** Everything the task's page shows: the task, its invoice, and the invoice's history. */
export async function ownerTaskPage(orm: Orm, taskId: string): Promise<{ task: OwnerTask; invoice: Invoice; timeline: TimelineEvent[] } | null> {
  const em = orm.em.fork();
  const task = await em.findOne(OwnerTask, { id: taskId });
  const invoice = task ? await em.findOne(Invoice, { id: task.invoiceId }) : null;
  if (!task || !invoice) return null;
  return { task, invoice, timeline: await em.find(TimelineEvent, { invoiceId: invoice.id }, { orderBy: { id: 'asc' } }) };
}
