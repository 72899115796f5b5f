// A client's reminders of one window: queued into the client's workflow (signal-with-start), and
// sent as one email when there are several (each invoice's own email when there is one).
import crypto from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { amountDueOf, EmailMessage, EmailSuppression, Invoice } from '../db/entities';
import { formatMoney } from '../domain/money';
import { TONE_ORDER } from '../domain/policies';
import type { ReminderCarried, ReminderRequest } from '../domain/types';
import { messageContext } from '../emails/context';
import { GROUPED_WORDS, renderGroupedReminder } from '../emails/grouped-reminder';
import { metrics } from '../observability/metrics';
import { activeToken, pageUrl } from '../services/invoice-links';
import { statementToken, statementUrl } from '../services/statement-links';
import { reminderDueSignal } from '../workflows/messages';
import type { EmailDeps } from './email';
import { openTask } from '../services/open-task';

export interface ReminderQueueDeps {
  temporal?: Client;
  taskQueue?: string;
  workflowIdPrefix?: string;
}

/** The client's workflow: named by a hash of the address, so no email address shows in the Temporal UI. */
export function clientWorkflowId(email: string, prefix = 'invoice-'): string {
  return `${prefix}client-${crypto.createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 20)}`;
}

type SendOne = (req: { invoiceId: string; key: string; template: string; tone: ReminderRequest['tone'] }) => Promise<{ sent: boolean; reason: string | null }>;

/** On the main queue: it needs the Temporal client. */
export function createReminderQueueActivities(deps: ReminderQueueDeps) {
  return {
    async queueReminder(req: ReminderRequest & { clientEmail: string }): Promise<void> {
      if (!deps.temporal || !deps.taskQueue) throw new Error('grouped reminders need a Temporal client in the worker');
      const { clientEmail, ...reminder } = req;
      await deps.temporal.workflow.signalWithStart('clientRemindersWorkflow', {
        workflowId: clientWorkflowId(clientEmail, deps.workflowIdPrefix), taskQueue: deps.taskQueue,
        args: [{ clientEmail: clientEmail.toLowerCase() }], signal: reminderDueSignal, signalArgs: [reminder],
      });
    },
  };
}

/** On the email queue: rate-limited like every email. */
export function createReminderBatchActivities(deps: EmailDeps, sendClientEmail: SendOne) {
  return {
    async sendReminderBatch({ clientEmail, items }: { clientEmail: string; items: ReminderRequest[] }): Promise<ReminderCarried[]> {
      const em = deps.orm.em.fork();
      const invoices = new Map((await em.find(Invoice, { id: { $in: items.map((i) => i.invoiceId) } })).map((i) => [i.id, i]));
      // A second guard behind the invoice workflows': only open invoices are chased.
      const open = items.filter((i) => invoices.get(i.invoiceId)?.status === 'open');
      const skipped = items.filter((i) => !open.includes(i)).map((i) => ({ key: i.key, groupKey: null, invoices: 0, sent: false, reason: `invoice is ${invoices.get(i.invoiceId)?.status ?? 'gone'}` }));
      if (open.length <= 1) {
        return [...skipped, ...(await Promise.all(open.map(async (i) => ({ key: i.key, groupKey: null, invoices: 1, ...(await sendClientEmail(i)) }))))];
      }
      if (await em.count(EmailSuppression, { email: clientEmail.toLowerCase() })) {
        return [...skipped, ...open.map((i) => ({ key: i.key, groupKey: null, invoices: 0, sent: false, reason: 'address suppressed' }))];
      }
      const groupKey = `client-reminder:${crypto.createHash('sha256').update(open.map((i) => i.key).sort().join('|')).digest('hex').slice(0, 40)}`;
      const carried = (sent: boolean, reason: string | null) => open.map((i) => ({ key: i.key, groupKey, invoices: open.length, sent, reason }));
      if (await em.count(EmailMessage, { idempotencyKey: open[0].key })) return [...skipped, ...carried(false, 'already sent')];

      const now = new Date();
      const first = invoices.get(open[0].invoiceId)!;
      const locale = first.client.locale === 'bg' ? 'bg' : 'en';
      const w = GROUPED_WORDS[locale];
      const tone = open.map((i) => i.tone).sort((a, b) => TONE_ORDER.indexOf(b) - TONE_ORDER.indexOf(a))[0];
      const listed = await Promise.all(open.map(async (i) => {
        const invoice = invoices.get(i.invoiceId)!;
        const c = messageContext(invoice, now);
        const token = await activeToken(em, invoice.id);
        const standing = c.daysOverdue > 0 ? w.standing.overdue(c.daysOverdue) : c.daysToDue === 0 ? w.standing.dueToday : w.standing.dueOn(c.dueDate);
        return { invoice, item: { number: invoice.number, standing, amountDue: c.amountDue, pageUrl: token ? pageUrl(deps.publicUrl, token) : null } };
      }));
      // One total per currency: a client billed in two currencies sees both sums.
      const sums = new Map<string, number>();
      for (const { invoice } of listed) sums.set(invoice.currency, (sums.get(invoice.currency) ?? 0) + amountDueOf(invoice));
      const intl = locale === 'bg' ? 'bg-BG' : 'en-GB';
      const rendered = renderGroupedReminder({
        locale, clientName: first.client.name, issuerName: first.issuerSnapshot.name, tone, items: listed.map((l) => l.item),
        total: [...sums].map(([currency, sum]) => formatMoney(sum, currency, intl)).join(' + '),
        // The client's statement page: every open invoice, and one transfer for them all.
        payAllUrl: statementUrl(deps.publicUrl, await statementToken(em, clientEmail.toLowerCase())),
      });
      let providerId: string | null;
      try {
        ({ providerId } = await deps.mailer.send({ from: deps.from, to: first.client.email, replyTo: first.issuerSnapshot.email, idempotencyKey: groupKey, ...rendered }));
      } catch (err) {
        if (!(err instanceof ApplicationFailure) || !err.nonRetryable) throw err;
        await openTask(em, {
          invoiceId: first.id, key: `${groupKey}:rejected`, kind: 'email_rejected',
          title: `A reminder to ${first.client.email} could not be sent (${open.length} invoices)`, detail: `"${rendered.subject}" was refused: ${err.message}. Please check the address with the client.`,
        }, first);
        return [...skipped, ...carried(false, 'refused by the email provider')];
      }
      metrics.emailsSent.inc({ step: 'grouped_reminder', transport: deps.mailer.transport });
      // Each invoice's email log keeps the reminder under its own step key, so its history reads as before.
      for (const { invoice } of listed) {
        const key = open.find((i) => i.invoiceId === invoice.id)!.key;
        await em.createQueryBuilder(EmailMessage).insert({
          id: randomUUID(), invoiceId: invoice.id, idempotencyKey: key, recipient: first.client.email, sender: deps.from,
          subject: rendered.subject, html: rendered.html, bodyText: rendered.text, transport: deps.mailer.transport, providerId, createdAt: now,
        }).onConflict('idempotency_key').ignore().execute();
      }
      return [...skipped, ...carried(true, null)];
    },
  };
}
