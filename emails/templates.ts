// What each message says, in English and Bulgarian. Friendly before the due date, plainer after,
// never a threat: fees and consequences are stated as facts, and legal steps are only ever a
// person's decision. The tone check in tests/unit/templates.test.ts reads every one of them.
import type { Tone } from '../domain/types';
import type { Locale, MessageContext } from './context';

export interface MessageText {
  subject: string;
  /** Paragraphs in order; the renderer adds the invoice summary, how to pay, and the sign-off. */
  paragraphs: string[];
  /** Whether the message shows the lines and ways to pay (client messages do, owner notes don't). */
  showInvoice: boolean;
  /** One link the message asks the reader to follow (the owner's task page), shown as a button. */
  action?: { label: string; url: string; note?: string };
  /** Paragraphs after the action (the owner's history of the invoice), so the link comes first. */
  appendix?: string[];
}

type Template = (c: MessageContext, tone: Tone) => MessageText;

/** The words around the messages: labels, terms, offers. */
export interface Phrases {
  terms(c: MessageContext): string;
  discount(c: MessageContext): string | null;
  lateFees(c: MessageContext): string | null;
  feesCharged(c: MessageContext): string | null;
  labels: {
    invoice: string; issued: string; due: string; item: string; qty: string; unitPrice: string; tax: string; amount: string;
    subtotal: string; total: string; paidSoFar: string; amountDue: string; howToPay: string; billedTo: string; taxNumber: string;
    poNumber: string; withThanks: string; card: string; bankTransfer: string; reference: string; replyToPay: string; viewOnline: string; changeOrder: string; changeOrders: string;
  };
}

const days = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Bulgarian dates end in "г.": a sentence that ends on one must not get a second full stop. */
const tidy = (text: string) => text.replace(/г\.\./g, 'г.');

const en: Phrases = {
  terms: (c) => `within ${days(c.termsDays, 'day', 'days')} (by ${c.dueDate})`,
  discount: (c) => c.discount && `Pay ${c.discount.payNow} by ${c.discount.deadline} and save ${c.discount.percent}% (${c.discount.amount}). After that date the full amount applies.`,
  lateFees: (c) => {
    const f = c.lateFees;
    if (!f) return null;
    if (f.statutory) {
      return `Late payment: under the EU Late Payment Directive (${f.statutory.directive}), from the day after the due date, interest of ${f.annualRatePercent}% a year on the unpaid amount (the reference rate of ${f.statutory.referenceRatePercent}% in force from ${f.statutory.effectiveFrom}, plus 8 points) and a flat compensation of ${f.fixed} for recovery costs are owed, without any further reminder.`;
    }
    const parts = [f.fixed && `a one-off fee of ${f.fixed}`, f.annualRatePercent && `simple interest of ${f.annualRatePercent}% a year on the unpaid amount`].filter(Boolean);
    return `Late payment: ${days(f.graceDays, 'day', 'days')} after the due date, ${parts.join(' and ')} will be added${f.cap ? `, ${f.cap} at most in total` : ''}.`;
  },
  feesCharged: (c) => c.feesCharged && `Late fees added so far: ${c.feesCharged} (included in the amount due).`,
  labels: {
    invoice: 'Invoice', issued: 'Issued', due: 'Due', item: 'Item', qty: 'Qty', unitPrice: 'Unit price', tax: 'Tax', amount: 'Amount',
    subtotal: 'Subtotal', total: 'Total', paidSoFar: 'Paid so far', amountDue: 'Amount due', howToPay: 'How to pay', billedTo: 'Billed to',
    taxNumber: 'Tax number', poNumber: 'PO number', withThanks: 'With thanks,', card: 'Card', bankTransfer: 'Bank transfer to',
    reference: 'reference', replyToPay: 'Reply to this email and we will tell you how to pay.', viewOnline: 'View, download and pay online',
    changeOrder: 'Approved change', changeOrders: 'Approved changes',
  },
};

const bg: Phrases = {
  terms: (c) => `в срок от ${days(c.termsDays, 'ден', 'дни')} (до ${c.dueDate})`,
  discount: (c) => c.discount && tidy(`Ако платите ${c.discount.payNow} до ${c.discount.deadline}, спестявате ${c.discount.percent}% (${c.discount.amount}). След тази дата важи пълната сума.`),
  lateFees: (c) => {
    const f = c.lateFees;
    if (!f) return null;
    if (f.statutory) {
      return tidy(`При забавено плащане: съгласно Директива ${f.statutory.directive} относно борбата със забавяне на плащането, от деня след падежа се дължат лихва от ${f.annualRatePercent}% годишно върху неплатената сума (основният лихвен процент от ${f.statutory.referenceRatePercent}%, в сила от ${f.statutory.effectiveFrom}, плюс 8 пункта) и обезщетение от ${f.fixed} за разходите по събиране, без допълнително напомняне.`);
    }
    const parts = [f.fixed && `еднократна такса от ${f.fixed}`, f.annualRatePercent && `проста лихва от ${f.annualRatePercent}% годишно върху неплатената сума`].filter(Boolean);
    return `При забавено плащане: ${days(f.graceDays, 'ден', 'дни')} след падежа се начислява ${parts.join(' и ')}${f.cap ? `, общо не повече от ${f.cap}` : ''}.`;
  },
  feesCharged: (c) => c.feesCharged && `Начислени досега такси за забава: ${c.feesCharged} (включени в дължимата сума).`,
  labels: {
    invoice: 'Фактура', issued: 'Издадена', due: 'Падеж', item: 'Описание', qty: 'Кол.', unitPrice: 'Ед. цена', tax: 'ДДС', amount: 'Сума',
    subtotal: 'Междинна сума', total: 'Общо', paidSoFar: 'Платено досега', amountDue: 'Дължима сума', howToPay: 'Как да платите',
    billedTo: 'Получател', taxNumber: 'ЕИК/ДДС номер', poNumber: 'Номер на поръчка', withThanks: 'С благодарност,', card: 'С карта',
    bankTransfer: 'Банков превод към', reference: 'основание', replyToPay: 'Отговорете на този имейл и ще ви кажем как да платите.', viewOnline: 'Вижте, изтеглете и платете онлайн',
    changeOrder: 'Одобрена промяна', changeOrders: 'Одобрени промени',
  },
};

const clientTemplates: Record<Locale, Record<string, Template>> = {
  en: {
    invoice: (c) => ({
      subject: `Invoice ${c.number} from ${c.issuerName}: ${c.total}, due ${c.dueDate}`,
      paragraphs: [
        `Hello ${c.clientName},`,
        `Thank you for working with us. Please find invoice ${c.number} for ${c.total} below.`,
        `Please pay ${en.terms(c)}. The ways to pay are listed below; use whichever suits you best.`,
        `If anything on the invoice looks wrong, just reply to this email and we will sort it out.`,
      ],
      showInvoice: true,
    }),
    reminder_before_due: (c) => ({
      subject: `A friendly heads-up: invoice ${c.number} is due on ${c.dueDate}`,
      paragraphs: [
        `Hello ${c.clientName},`,
        `Just a friendly note that invoice ${c.number} for ${c.amountDue} is due on ${c.dueDate}, in ${days(c.daysToDue, 'day', 'days')}.`,
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
    reminder_overdue: (c, tone) =>
      tone === 'firm'
        ? {
            subject: `Invoice ${c.number} is ${days(c.daysOverdue, 'day', 'days')} past due`,
            paragraphs: [
              `Hello ${c.clientName},`,
              `Invoice ${c.number} for ${c.amountDue} is now ${days(c.daysOverdue, 'day', 'days')} past its due date of ${c.dueDate}.`,
              `Please pay it by ${c.payBy}. If there is a problem, please reply to this email; we are happy to talk it through.`,
              `Thank you.`,
            ],
            showInvoice: true,
          }
        : {
            subject: `Reminder: invoice ${c.number} was due on ${c.dueDate}`,
            paragraphs: [
              `Hello ${c.clientName},`,
              `Invoice ${c.number} for ${c.amountDue} was due on ${c.dueDate}, and we have not received payment yet. Perhaps it slipped through.`,
              `Could you please arrange payment when you have a moment? If something about the invoice is holding it up, please reply and tell us.`,
              `Thank you.`,
            ],
            showInvoice: true,
          },
    final_notice: (c) => ({
      subject: `Final notice for invoice ${c.number}: please pay by ${c.payBy}`,
      paragraphs: [
        `Hello ${c.clientName},`,
        `Invoice ${c.number} for ${c.amountDue} was due on ${c.dueDate} and is still unpaid, ${days(c.daysOverdue, 'day', 'days')} later.`,
        `Please pay it by ${c.payBy}. If we have not received payment or heard from you by then, we will review the account and may refer the debt to a collections agency.`,
        `We would much rather settle this together: if something is wrong, or you need a payment plan, please reply and tell us.`,
        `Thank you.`,
      ],
      showInvoice: true,
    }),
  },
  bg: {
    invoice: (c) => ({
      subject: `Фактура ${c.number} от ${c.issuerName}: ${c.total}, падеж ${c.dueDate}`,
      paragraphs: [
        `Здравейте, ${c.clientName},`,
        `Благодарим ви за съвместната работа. По-долу ще намерите фактура ${c.number} за ${c.total}.`,
        `Моля, платете ${bg.terms(c)}. Начините на плащане са описани по-долу; изберете удобния за вас.`,
        `Ако нещо във фактурата не е наред, просто отговорете на този имейл и ще го оправим.`,
      ],
      showInvoice: true,
    }),
    reminder_before_due: (c) => ({
      subject: `Приятелско напомняне: фактура ${c.number} е с падеж ${c.dueDate}`,
      paragraphs: [
        `Здравейте, ${c.clientName},`,
        `Напомняме ви, че фактура ${c.number} за ${c.amountDue} е с падеж ${c.dueDate}, след ${days(c.daysToDue, 'ден', 'дни')}.`,
        `Ако вече сте наредили плащането, благодарим ви и моля, не обръщайте внимание на това съобщение.`,
      ],
      showInvoice: true,
    }),
    reminder_due_today: (c) => ({
      subject: `Днес е падежът на фактура ${c.number}`,
      paragraphs: [
        `Здравейте, ${c.clientName},`,
        `Днес, ${c.dueDate}, е падежът на фактура ${c.number} за ${c.amountDue}.`,
        `Моля, наредете плащането, когато можете. Ако вече е на път, много ви благодарим.`,
      ],
      showInvoice: true,
    }),
    reminder_overdue: (c, tone) =>
      tone === 'firm'
        ? {
            subject: `Фактура ${c.number} е просрочена с ${days(c.daysOverdue, 'ден', 'дни')}`,
            paragraphs: [
              `Здравейте, ${c.clientName},`,
              `Фактура ${c.number} за ${c.amountDue} е просрочена с ${days(c.daysOverdue, 'ден', 'дни')} след падежа ${c.dueDate}.`,
              `Моля, платете я до ${c.payBy}. Ако има проблем, моля, отговорете на този имейл; с удоволствие ще го обсъдим.`,
              `Благодарим ви.`,
            ],
            showInvoice: true,
          }
        : {
            subject: `Напомняне: падежът на фактура ${c.number} беше ${c.dueDate}`,
            paragraphs: [
              `Здравейте, ${c.clientName},`,
              `Падежът на фактура ${c.number} за ${c.amountDue} беше ${c.dueDate}, а все още не сме получили плащане. Може би е убягнало.`,
              `Бихте ли наредили плащането, когато имате възможност? Ако нещо във фактурата го забавя, моля, пишете ни.`,
              `Благодарим ви.`,
            ],
            showInvoice: true,
          },
    final_notice: (c) => ({
      subject: `Последно напомняне за фактура ${c.number}: моля, платете до ${c.payBy}`,
      paragraphs: [
        `Здравейте, ${c.clientName},`,
        `Фактура ${c.number} за ${c.amountDue} беше с падеж ${c.dueDate} и все още не е платена, ${days(c.daysOverdue, 'ден', 'дни')} по-късно.`,
        `Моля, платете я до ${c.payBy}. Ако дотогава не получим плащане или вест от вас, ще преразгледаме сметката и може да предадем вземането на агенция за събиране на вземания.`,
        `Много бихме предпочели да решим въпроса заедно: ако нещо не е наред или имате нужда от разсрочено плащане, моля, пишете ни.`,
        `Благодарим ви.`,
      ],
      showInvoice: true,
    }),
  },
};

// Notes to the owner are in English: the owner's language is not known yet.
const ownerTemplates: Record<string, Template> = {
  owner_check_in: (c) => ({
    subject: `Time for a personal check-in: ${c.clientName}, invoice ${c.number}`,
    paragraphs: [
      `Invoice ${c.number} to ${c.clientName} for ${c.amountDue} is ${days(c.daysOverdue, 'day', 'days')} past its due date of ${c.dueDate}, and the automatic reminders have not been answered.`,
      `A short personal call or email ("is everything all right?") often helps more than another reminder. Record what you hear as a promise to pay, a pause, or a note.`,
    ],
    showInvoice: false,
  }),
  owner_collections_review: (c) => ({
    subject: `Your decision needed: invoice ${c.number} to ${c.clientName}`,
    paragraphs: [
      `Invoice ${c.number} to ${c.clientName} for ${c.amountDue} is ${days(c.daysOverdue, 'day', 'days')} past due, after every reminder and a final notice.`,
      `It now waits for your decision: write it off, extend the due date, or record that you handed it to an agency. Dunwell contacts no third party on its own.`,
    ],
    showInvoice: false,
  }),
};

export const PHRASES: Record<Locale, Phrases> = { en, bg };

export function clientMessage(template: string, context: MessageContext, tone: Tone): MessageText {
  const build = clientTemplates[context.locale][template];
  if (!build) throw new Error(`unknown client email template "${template}"`);
  const message = build(context, tone);
  return { ...message, subject: tidy(message.subject), paragraphs: message.paragraphs.map(tidy) };
}

export function ownerMessage(template: string, context: MessageContext): MessageText {
  const build = ownerTemplates[template];
  if (!build) throw new Error(`unknown owner email template "${template}"`);
  return build(context, 'firm');
}

/**
 * A task the workflow opened with its own words (a client's question, a broken promise, a failed
 * payment): its title is the subject, its detail (which names the client and what is due) the body.
 */
export function ownerTaskMessage(task: { title: string; detail: string }): MessageText {
  return { subject: task.title, paragraphs: task.detail.split(/\n{2,}/), showInvoice: false };
}

export const LOCALES: readonly Locale[] = ['en', 'bg'];
export const CLIENT_TEMPLATES = Object.keys(clientTemplates.en);
export const OWNER_TEMPLATES = Object.keys(ownerTemplates);

/** Asking the client to agree extra scope in writing before it is billed (habit 8). */
export function changeOrderMessage(
  context: MessageContext,
  order: { description: string; reason: string; lines: { description: string; amount: string }[]; total: string; newTotal: string },
  link: string,
): MessageText {
  const lines = order.lines.map((l) => `- ${l.description}: ${l.amount}`).join('\n');
  const message: MessageText =
    context.locale === 'bg'
      ? {
          subject: `Моля, прегледайте допълнителна работа по фактура ${context.number}: ${order.description}`,
          paragraphs: [
            `Здравейте, ${context.clientName},`,
            `Преди да я включим във фактурата, бихме искали писменото ви съгласие за допълнителна работа по фактура ${context.number}: ${order.description}.`,
            `Защо: ${order.reason}`,
            lines,
            `Тази промяна е на стойност ${order.total}. С нея фактурата става ${order.newTotal}.`,
            `Моля, одобрете или откажете тук: ${link}`,
            `Благодарим ви.`,
          ],
          showInvoice: false,
        }
      : {
          subject: `Please review extra work on invoice ${context.number}: ${order.description}`,
          paragraphs: [
            `Hello ${context.clientName},`,
            `Before we bill it, we would like your written approval for extra work on invoice ${context.number}: ${order.description}.`,
            `Why: ${order.reason}`,
            lines,
            `This change comes to ${order.total}. With it, the invoice would come to ${order.newTotal}.`,
            `Please approve or decline it here: ${link}`,
            `Thank you.`,
          ],
          showInvoice: false,
        };
  return { ...message, subject: tidy(message.subject), paragraphs: message.paragraphs.map(tidy) };
}
