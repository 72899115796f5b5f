// Render and send one message about an invoice, at most once per key.
import { logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { dateIn } from '../domain/dates';
import { ApplicationFailure } from '@temporalio/common';
import { Context } from '@temporalio/activity';
import { ChangeOrder, ClientProfile, CreditNote, EmailMessage, EmailSuppression, Invoice } from '../db/entities';
import type { Orm } from '../db/orm';
import { messageContext } from '../emails/context';
import { renderEmail, type RenderedEmail } from '../emails/render';
import { changeOrderMessage, clientMessage } from '../emails/templates';
import { creditNoteMessage } from '../emails/credit-note-message';
import { activeToken, changeOrderUrl, pageUrl } from '../services/invoice-links';
import { invoicePdf } from '../services/invoice-pdf';
import { creditNotePdf } from '../services/credit-note-pdf';
import { eInvoiceFile, type EInvoiceFile } from '../services/e-invoice';
import type { Tone } from '../domain/types';
import type { OwnerLinks } from '../services/owner-links';
import type { EmailAttachment, Mailer } from './mailer';
import { openTask } from '../services/open-task';

export interface EmailDeps {
  orm: Orm;
  mailer: Mailer;
  from: string;
  /** Where the API is reached from outside: the client's page link in every email. */
  publicUrl: string;
  /** Signs the owner's task links in owner emails; null: they go without one (activities/owner-email.ts). */
  ownerLinks?: OwnerLinks | null;
}

export interface ClientEmailRequest {
  invoiceId: string;
  key: string;
  template: string;
  tone: Tone;
}

/** Bigger than this, the PDF stays behind the email's link: an invoice email should stay light. */
const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

/**
 * The invoice's PDF as an attachment, as Stripe and Invoice Ninja send it: the stored version
 * when nothing changed (services/invoice-pdf.ts). If it cannot be had, the email goes without
 * it (its link still leads to the PDF) rather than the invoice not going out.
 */
async function pdfAttachment(deps: EmailDeps, em: EntityManager, invoice: Invoice): Promise<EmailAttachment[]> {
  try {
    const chosen = await eInvoiceAttachment(deps, em, invoice);
    // Factur-X is the PDF with its e-invoice inside: it takes the plain PDF's place.
    if (chosen?.contentType === 'application/pdf') return chosen.body.length > MAX_ATTACHMENT_BYTES ? [] : [{ filename: chosen.filename, content: chosen.body, contentType: chosen.contentType }];
    const orders = await em.find(ChangeOrder, { invoiceId: invoice.id, status: 'approved' });
    const pdf = await invoicePdf(deps.orm, invoice, orders);
    if (pdf.length > MAX_ATTACHMENT_BYTES) return [];
    return [
      { filename: `${invoice.number}.pdf`, content: pdf, contentType: 'application/pdf' },
      ...(chosen ? [{ filename: chosen.filename, content: chosen.body, contentType: chosen.contentType }] : []),
    ];
  } catch (err) {
    logger.warn('invoice PDF not attached', { invoiceId: invoice.id, invoiceNumber: invoice.number, error: err instanceof Error ? err.message : String(err) });
    return [];
  }
}

/** The e-invoice the client asked for (their profile), or null; one the invoice lacks data for is left out, with a log line. */
async function eInvoiceAttachment(deps: EmailDeps, em: EntityManager, invoice: Invoice): Promise<EInvoiceFile | null> {
  const format = (await em.findOne(ClientProfile, { email: invoice.clientEmail }))?.eInvoiceFormat;
  if (!format) return null;
  try {
    return await eInvoiceFile(deps.orm, invoice, format);
  } catch (err) {
    logger.warn('e-invoice not attached', { invoiceId: invoice.id, invoiceNumber: invoice.number, format, error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}

/** Whether this is a retry of the activity (an earlier attempt may have sent); false outside an activity. */
function isRetry(): boolean {
  try {
    return Context.current().info.attempt > 1;
  } catch {
    return false;
  }
}

export async function deliver(deps: EmailDeps, em: EntityManager, invoice: Invoice, key: string, to: string, replyTo: string, rendered: RenderedEmail, step: string, attach?: () => Promise<EmailAttachment[]>) {
  if (await em.count(EmailMessage, { idempotencyKey: key })) return { sent: false, reason: 'already sent' };
  const attachments = attach ? await attach() : [];
  let providerId: string | null;
  try {
    ({ providerId } = await deps.mailer.send({ from: deps.from, to, replyTo, idempotencyKey: key, ...rendered, attachments }));
  } catch (err) {
    // Resend refused this email for good (a bad address, say): retrying changes nothing, and the
    // invoice must go on. The owner gets a task; rate limits and outages are retried instead.
    if (!(err instanceof ApplicationFailure) || !err.nonRetryable) throw err;
    // (its task.created event reaches webhook lanes through the worker's sweep, within a minute)
    await openTask(em, {
      invoiceId: invoice.id, key: `${key}:rejected`, kind: 'email_rejected',
      title: `An email to ${to} could not be sent (${invoice.number})`, detail: `"${rendered.subject}" was refused: ${err.message}. Please check the address with the client.`,
    }, invoice);
    logger.warn('email refused by the provider', { invoiceId: invoice.id, invoiceNumber: invoice.number, key, error: err.message });
    return { sent: false, reason: 'refused by the email provider' };
  }
  metrics.emailsSent.inc({ step, transport: deps.mailer.transport });
  logger.info('email sent', { invoiceId: invoice.id, invoiceNumber: invoice.number, key, transport: deps.mailer.transport, providerId });
  // A crash before this insert makes the retry send again with the same key, which Resend ignores.
  await em
    .createQueryBuilder(EmailMessage)
    .insert({
      id: randomUUID(), invoiceId: invoice.id, idempotencyKey: key, recipient: to, sender: deps.from,
      subject: rendered.subject, html: rendered.html, bodyText: rendered.text, transport: deps.mailer.transport,
      providerId, createdAt: new Date(),
    })
    .onConflict('idempotency_key')
    .ignore()
    .execute();
  return { sent: true, reason: null };
}

export function createEmailActivities(deps: EmailDeps) {
  return {
    async sendClientEmail(req: ClientEmailRequest): Promise<{ sent: boolean; reason: string | null }> {
      const em = deps.orm.em.fork();
      const invoice = await em.findOneOrFail(Invoice, { id: req.invoiceId });
      // A second guard behind the workflow's: never chase an invoice that is no longer open. The
      // invoice itself is a document, not a chase: a retry (an earlier try may have reached Resend
      // before the worker died or the database went away) sends it under the same key, so what
      // Resend delivered is always in the email log; Resend keeps the key for 24 hours.
      const retryOfInvoice = req.template === 'invoice' && isRetry();
      if (invoice.status !== 'open' && !retryOfInvoice) return { sent: false, reason: `invoice is ${invoice.status}` };
      // An address that bounced or complained gets nothing more; the owner already has a task.
      if (await em.count(EmailSuppression, { email: invoice.client.email.toLowerCase() })) return { sent: false, reason: 'address suppressed' };
      const context = messageContext(invoice, new Date());
      const token = await activeToken(em, invoice.id);
      const message = clientMessage(req.template, context, req.tone);
      const rendered = renderEmail(invoice, context, message, token ? pageUrl(deps.publicUrl, token) : null);
      // The invoice and every reminder that shows it carry its PDF (stored once per version, so cheap).
      const attach = message.showInvoice ? () => pdfAttachment(deps, em, invoice) : undefined;
      // The step is the key's second part: <workflowId>:<step>[:<dueDate>].
      return deliver(deps, em, invoice, req.key, invoice.client.email, invoice.issuerSnapshot.email, rendered, req.key.split(':')[1] ?? req.template, attach);
    },

    async sendChangeOrderEmail(req: { changeOrderId: string; key: string }): Promise<{ sent: boolean; reason: string | null }> {
      const em = deps.orm.em.fork();
      const order = await em.findOneOrFail(ChangeOrder, { id: req.changeOrderId });
      const invoice = await em.findOneOrFail(Invoice, { id: order.invoiceId });
      if (order.status !== 'pending') return { sent: false, reason: `change order is ${order.status}` };
      if (await em.count(EmailSuppression, { email: invoice.client.email.toLowerCase() })) return { sent: false, reason: 'address suppressed' };
      const context = messageContext(invoice, new Date());
      const message = changeOrderMessage(context, {
        description: order.description,
        reason: order.reason,
        lines: order.lines.map((l) => ({ description: l.description, amount: context.money(l.amount + l.taxAmount) })),
        total: context.money(order.total),
        newTotal: context.money(invoice.total + invoice.changesTotal + order.total),
      }, changeOrderUrl(deps.publicUrl, order.token));
      return deliver(deps, em, invoice, req.key, invoice.client.email, invoice.issuerSnapshot.email, renderEmail(invoice, context, message), 'change_order');
    },

    /** Sent whatever the invoice's status: a credit note that cancels it is news the client needs. */
    async sendCreditNoteEmail(req: { creditNoteId: string; key: string }): Promise<{ sent: boolean; reason: string | null }> {
      const em = deps.orm.em.fork();
      const note = await em.findOneOrFail(CreditNote, { id: req.creditNoteId });
      const invoice = await em.findOneOrFail(Invoice, { id: note.invoiceId });
      if (await em.count(EmailSuppression, { email: invoice.client.email.toLowerCase() })) return { sent: false, reason: 'address suppressed' };
      const context = messageContext(invoice, new Date());
      const message = creditNoteMessage(context, { number: note.number, reason: note.reason, total: context.money(note.total), full: note.full });
      const attach = async (): Promise<EmailAttachment[]> => {
        try {
          return [{ filename: `${note.number}.pdf`, content: await creditNotePdf(deps.orm, invoice, note), contentType: 'application/pdf' }];
        } catch (err) {
          logger.warn('credit note PDF not attached', { invoiceId: invoice.id, creditNote: note.number, error: err instanceof Error ? err.message : String(err) });
          return [];
        }
      };
      return deliver(deps, em, invoice, req.key, invoice.client.email, invoice.issuerSnapshot.email, renderEmail(invoice, context, message), 'credit_note', attach);
    },
  };
}
