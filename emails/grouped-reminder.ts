// One reminder for several invoices of the same client: each invoice with where it stands and
// what is due, the firmest tone among them, one link to pay them all. Friendly, never a threat.
import type { Tone } from '../domain/types';
import type { Locale } from './context';
import { escapeHtml, headerSafe, type RenderedEmail } from './render';

export interface GroupedItem {
  number: string;
  /** "due today", "3 days overdue", "due on 5 January 2027", in the client's language. */
  standing: string;
  amountDue: string;
  pageUrl: string | null;
}

export interface GroupedFacts {
  locale: Locale;
  clientName: string;
  issuerName: string;
  tone: Tone;
  items: GroupedItem[];
  total: string;
  /** The statement page, where all of them can be paid at once; the invoices' pages otherwise. */
  payAllUrl: string | null;
}

type Words = {
  subject(n: number, issuer: string, tone: Tone): string;
  opening(name: string): string;
  lead(n: number, tone: Tone): string;
  total(total: string): string;
  payAll: string;
  view: string;
  thanks: string;
  standing: { dueToday: string; overdue(days: number): string; dueOn(date: string): string };
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const GROUPED_WORDS: Record<Locale, Words> = {
  en: {
    subject: (n, issuer, tone) => (tone === 'friendly' ? `A reminder about ${n} invoices from ${issuer}` : `${n} invoices from ${issuer} need your attention`),
    opening: (name) => `Hello ${name},`,
    lead: (n, tone) => (tone === 'friendly'
      ? `Here is one note for your ${n} open invoices with us, instead of one email each.`
      : `${n} of your invoices with us are due or past due. Here they are together, so nothing is missed.`),
    total: (total) => `Together: ${total}.`,
    payAll: 'See and pay them all',
    view: 'View',
    thanks: 'If a payment is already on its way, thank you very much, and please ignore this note for it.',
    standing: { dueToday: 'due today', overdue: (d) => `${plural(d, 'day', 'days')} past due`, dueOn: (date) => `due on ${date}` },
  },
  bg: {
    subject: (n, issuer, tone) => (tone === 'friendly' ? `Напомняне за ${n} фактури от ${issuer}` : `${n} фактури от ${issuer} очакват вниманието ви`),
    opening: (name) => `Здравейте, ${name},`,
    lead: (n, tone) => (tone === 'friendly'
      ? `Изпращаме ви едно съобщение за вашите ${n} отворени фактури при нас, вместо по едно за всяка.`
      : `${n} от вашите фактури при нас са с настъпил или изминал падеж. Ето ги заедно, за да не пропуснете някоя.`),
    total: (total) => `Общо: ${total}.`,
    payAll: 'Вижте и платете всички',
    view: 'Преглед',
    thanks: 'Ако плащането вече е на път, много ви благодарим и моля, не обръщайте внимание на това съобщение за него.',
    standing: { dueToday: 'падеж днес', overdue: (d) => `просрочена с ${plural(d, 'ден', 'дни')}`, dueOn: (date) => `падеж ${date}` },
  },
};

export function renderGroupedReminder(f: GroupedFacts): RenderedEmail {
  const w = GROUPED_WORDS[f.locale];
  const lines = f.items.map((i) => `- ${i.number}: ${i.amountDue}, ${i.standing}${i.pageUrl ? ` (${i.pageUrl})` : ''}`);
  const text = [w.opening(f.clientName), '', w.lead(f.items.length, f.tone), '', ...lines, '', w.total(f.total),
    ...(f.payAllUrl ? ['', `${w.payAll}: ${f.payAllUrl}`] : []), '', w.thanks, '', f.issuerName];
  const rows = f.items.map((i) => `<tr><td>${escapeHtml(i.number)}</td><td>${escapeHtml(i.standing)}</td><td align="right">${escapeHtml(i.amountDue)}</td>` +
    `<td>${i.pageUrl ? `<a href="${escapeHtml(i.pageUrl)}">${escapeHtml(w.view)}</a>` : ''}</td></tr>`).join('');
  const html = [
    `<p>${escapeHtml(w.opening(f.clientName))}</p>`, `<p>${escapeHtml(w.lead(f.items.length, f.tone))}</p>`,
    `<table cellpadding="6" style="border-collapse:collapse;width:100%"><tbody>${rows}</tbody></table>`,
    `<p><strong>${escapeHtml(w.total(f.total))}</strong></p>`,
    f.payAllUrl ? `<p><a href="${escapeHtml(f.payAllUrl)}" style="display:inline-block;background:#1f4fd1;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(w.payAll)}</a></p>` : '',
    `<p>${escapeHtml(w.thanks)}</p>`, `<p style="color:#555">${escapeHtml(f.issuerName)}</p>`,
  ];
  return {
    subject: headerSafe(w.subject(f.items.length, f.issuerName, f.tone)),
    text: text.join('\n'),
    html: `<!doctype html><html lang="${f.locale}"><body style="font-family:system-ui,sans-serif;color:#222;max-width:640px">${html.join('\n')}</body></html>`,
  };
}
