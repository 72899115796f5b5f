// What each message says. Friendly before the due date, plainer after, never a threat:
// consequences are stated as facts, and legal steps are only ever a person's decision.
import type { Tone } from '../workflows/types';
import type { MessageContext } from './context';

export interface MessageText {
  subject: string;
  /** Paragraphs in order; the renderer adds the invoice summary, how to pay, and the sign-off. */
  paragraphs: string[];
  /** Whether the message shows the lines and ways to pay (client messages do, owner notes don't). */
  showInvoice: boolean;
}

type Template = (c: MessageContext, tone: Tone) => MessageText;

const clientTemplates: Record<string, Template> = {
  invoice: (c) => ({
    subject: `Invoice ${c.number} from ${c.issuerName}: ${c.total}, due ${c.dueDate}`,
    paragraphs: [
      `Hello ${c.clientName},`,
      `Thank you for working with us. Please find invoice ${c.number} for ${c.total} below.`,
      `Please pay ${c.terms}. The ways to pay are listed below; use whichever suits you best.`,
      `If anything on the invoice looks wrong, just reply to this email and we will sort it out.`,
    ],
    showInvoice: true,
  }),
  reminder_before_due: (c) => ({
    subject: `A friendly heads-up: invoice ${c.number} is due on ${c.dueDate}`,
    paragraphs: [
      `Hello ${c.clientName},`,
      `Just a friendly note that invoice ${c.number} for ${c.amountDue} is due on ${c.dueDate}.`,
      `If you have already arranged payment, thank you, and please ignore this message.`,
    ],
    showInvoice: true,
  }),
  reminder_due_today: (c) => ({
    subject: `Invoice ${c.number} is due today`,
    paragraphs: [
      `Hello ${c.clientName},`,
      `Invoice ${c.number} for ${c.amountDue} is due today, ${c.dueDate}.`,
      `Please arrange payment when you can. If it is already on its way, thank you very much.`,
    ],
    showInvoice: true,
  }),
  reminder_overdue: (c, tone) => ({
    subject:
      tone === 'nudge'
        ? `Reminder: invoice ${c.number} was due on ${c.dueDate}`
        : `Invoice ${c.number} is ${c.daysOverdue} days past due`,
    paragraphs:
      tone === 'nudge'
        ? [
            `Hello ${c.clientName},`,
            `Invoice ${c.number} for ${c.amountDue} was due on ${c.dueDate}, and we have not received payment yet. Perhaps it slipped through.`,
            `Could you please arrange payment when you have a moment? If something about the invoice is holding it up, please reply and tell us.`,
            `Thank you.`,
          ]
        : [
            `Hello ${c.clientName},`,
            `Invoice ${c.number} for ${c.amountDue} is now ${c.daysOverdue} days past its due date of ${c.dueDate}.`,
            `Please pay it by ${c.payBy}. If there is a problem, please reply to this email; we are happy to talk it through.`,
            `Thank you.`,
          ],
    showInvoice: true,
  }),
  final_notice: (c) => ({
    subject: `Final notice for invoice ${c.number}: please pay by ${c.payBy}`,
    paragraphs: [
      `Hello ${c.clientName},`,
      `Invoice ${c.number} for ${c.amountDue} was due on ${c.dueDate} and is still unpaid, ${c.daysOverdue} days later.`,
      `Please pay it by ${c.payBy}. If we have not received payment or heard from you by then, we will review the account and may refer the debt to a collections agency.`,
      `We would much rather settle this together: if something is wrong, or you need a payment plan, please reply and tell us.`,
      `Thank you.`,
    ],
    showInvoice: true,
  }),
};

const ownerTemplates: Record<string, Template> = {
  owner_check_in: (c) => ({
    subject: `Time for a personal check-in: ${c.clientName}, invoice ${c.number}`,
    paragraphs: [
      `Invoice ${c.number} to ${c.clientName} for ${c.amountDue} is ${c.daysOverdue} days past its due date of ${c.dueDate}, and the automatic reminders have not been answered.`,
      `A short personal call or email ("is everything all right?") often helps more than another reminder. Record what you hear as a promise to pay, a pause, or a note.`,
    ],
    showInvoice: false,
  }),
  owner_collections_review: (c) => ({
    subject: `Your decision needed: invoice ${c.number} to ${c.clientName}`,
    paragraphs: [
      `Invoice ${c.number} to ${c.clientName} for ${c.amountDue} is ${c.daysOverdue} days past due, after every reminder and a final notice.`,
      `It now waits for your decision: write it off, extend the due date, or record that you handed it to an agency. Dunwell contacts no third party on its own.`,
    ],
    showInvoice: false,
  }),
};

export function clientMessage(template: string, context: MessageContext, tone: Tone): MessageText {
  const build = clientTemplates[template];
  if (!build) throw new Error(`unknown client email template "${template}"`);
  return build(context, tone);
}

export function ownerMessage(template: string, context: MessageContext): MessageText {
  const build = ownerTemplates[template];
  if (!build) throw new Error(`unknown owner email template "${template}"`);
  return build(context, 'firm');
}

export const CLIENT_TEMPLATES = Object.keys(clientTemplates);
export const OWNER_TEMPLATES = Object.keys(ownerTemplates);
