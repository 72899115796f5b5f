// What the owner is told of a task: an email with the client's details, the invoice's history and
// the one-click link to the task's page (/o/<token>), where they decide. Sent to the issuer's
// address, at most once per task (keyed by it).
import type { EntityManager } from '@mikro-orm/postgresql';
import { Invoice, OwnerTask, TimelineEvent } from '../db/entities';
import { messageContext } from '../emails/context';
import { renderEmail } from '../emails/render';
import { ownerMessage, ownerTaskMessage, type MessageText } from '../emails/templates';
import { formatLongDate } from '../domain/dates';
import { ownerLinkToken, ownerLinkUrl } from '../services/owner-links';
import { deliver, type EmailDeps } from './email';

export interface OwnerEmailRequest {
  invoiceId: string;
  key: string;
  template: string;
}

/**
 * The ladder's owner steps (check-in, collections review) send `<task key>:owner`; the workflow
 * names only that key (its histories fix the request's shape), so the task is found from it.
 */
const taskKeyOf = (emailKey: string) => emailKey.replace(/:owner$/, '');

type Delivery = Promise<{ sent: boolean; reason: string | null }>;

export function createOwnerEmailActivities(deps: EmailDeps) {
  /** Adds what every owner email carries, renders it, and sends it once under `key`. */
  const send = async (em: EntityManager, invoice: Invoice, task: OwnerTask | null, message: MessageText, key: string, step: string): Delivery => {
    // What has happened so far, so the owner can call without looking anything up.
    const timeline = await em.find(TimelineEvent, { invoiceId: invoice.id }, { orderBy: { id: 'asc' } });
    if (timeline.length > 0) {
      message.appendix = [['History:', ...timeline.map((e) => `- ${e.at.toISOString().slice(0, 10)}: ${e.message}`)].join('\n')];
    }
    if (task && deps.ownerLinks) {
      // Dated from the task, not the send: a retried send renders the same email (Resend's idempotency key).
      const token = ownerLinkToken(deps.ownerLinks, task.id, task.createdAt);
      const until = new Date(task.createdAt.getTime() + deps.ownerLinks.days * 86_400_000).toISOString().slice(0, 10);
      message.action = { label: 'Decide on this task', url: ownerLinkUrl(deps.publicUrl, token), note: `The link works until ${formatLongDate(until)}; GET /v1/tasks gives a fresh one.` };
    }
    const rendered = renderEmail(invoice, messageContext(invoice, new Date()), message);
    return deliver(deps, em, invoice, key, invoice.issuerSnapshot.email, invoice.issuerSnapshot.email, rendered, step);
  };

  return {
    /** The ladder's own owner steps: the workflow names the template. */
    async notifyOwner(req: OwnerEmailRequest): Delivery {
      const em = deps.orm.em.fork();
      const invoice = await em.findOneOrFail(Invoice, { id: req.invoiceId });
      const task = await em.findOne(OwnerTask, { key: taskKeyOf(req.key) });
      const message = ownerMessage(req.template, messageContext(invoice, new Date()));
      const phone = invoice.client.phone ? `Client phone: ${invoice.client.phone}` : 'No phone number on file.';
      message.paragraphs.push(`Client: ${invoice.client.name}, ${invoice.client.email}. ${phone}`);
      return send(em, invoice, task, message, req.key, `owner:${req.key.split(':')[1] ?? req.template}`);
    },

    /** Any other task (workflows/invoice-run.ts ownerTask): its own title and words, which name the client and what is due. */
    async notifyOwnerOfTask({ taskKey }: { taskKey: string }): Delivery {
      const em = deps.orm.em.fork();
      const task = await em.findOneOrFail(OwnerTask, { key: taskKey });
      const invoice = await em.findOneOrFail(Invoice, { id: task.invoiceId });
      return send(em, invoice, task, ownerTaskMessage(task), `${task.key}:owner`, `owner:${task.kind}`);
    },
  };
}
