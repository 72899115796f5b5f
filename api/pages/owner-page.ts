// The owner's page for one task (/o/<token>): the invoice, what the task says (a client's words
// among it), the invoice's history, and the decision as forms that post back. Server-rendered,
// every value escaped, readable on a phone, no script. The forms carry the API's own fields.
import type { Invoice, OwnerTask, TimelineEvent } from '../../db/entities';
import { amountDueOf } from '../../db/entities';
import { formatLongDate } from '../../domain/dates';
import { formatMoney } from '../../domain/money';
import type { Locale } from '../../emails/context';
import { escapeHtml as e } from '../../emails/render';
import { kindName, OWNER_TEXT, type OwnerWords } from './owner-text';

export interface OwnerPageState {
  flash?: { kind: 'ok' | 'error'; text: string };
  /** What the owner typed, given back after a refusal so nothing is lost. */
  form?: Record<string, string>;
}

const INTL: Record<Locale, string> = { en: 'en-GB', bg: 'bg-BG' };
/** Kinds where the client is waiting for an answer: the form starts at "answered, resume". */
const ANSWER_KINDS = new Set(['client_question', 'dispute']);

function shell(locale: Locale, title: string, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><link rel="icon" href="data:,"><title>${e(title)}</title><link rel="stylesheet" href="/i/assets/page.css"><link rel="stylesheet" href="/o/assets/owner.css"></head>
<body><main>${body}</main></body></html>`;
}

/** The page a bad or expired link gets: the same for every such link, so it tells nothing about any task. */
export function renderLinkProblem(locale: Locale, problem: 'expired' | 'invalid'): string {
  const t = OWNER_TEXT[locale];
  const [title, text] = problem === 'expired' ? [t.expiredTitle, t.expired] : [t.invalidTitle, t.invalid];
  return shell(locale, title, `<header><h1>${e(title)}</h1><p>${e(text)}</p></header>`);
}

const field = (id: string, label: string, input: string, help?: string) =>
  `<label for="${id}">${e(label)}</label>${help ? `<p class="help" id="${id}-help">${e(help)}</p>` : ''}${input}`;

function completionForm(t: OwnerWords, task: OwnerTask, action: string, form: Record<string, string>): string {
  const answering = ANSWER_KINDS.has(task.kind);
  const chosen = form.outcome ?? (answering ? 'resume' : '');
  const choices = (['promise', 'pause', 'resume', 'note'] as const).map((o) =>
    `<label class="choice"><input type="radio" name="outcome" value="${o}"${chosen === o ? ' checked' : ''} required> <span><strong>${e(t.outcomes[o])}</strong><br><small>${e(t.outcomeHelp[o])}</small></span></label>`).join('');
  const note = answering
    ? field('note', t.answer, `<textarea id="note" name="note" rows="5" maxlength="2000" aria-describedby="note-help">${e(form.note ?? '')}</textarea>`, t.answerHelp)
    : field('note', t.note, `<textarea id="note" name="note" rows="4" maxlength="2000">${e(form.note ?? '')}</textarea>`);
  return `<form method="post" action="${action}"><fieldset class="choices"><legend>${e(t.outcomeLegend)}</legend>${choices}</fieldset>` +
    field('promiseDate', t.promiseDate, `<input id="promiseDate" name="promiseDate" type="date" value="${e(form.promiseDate ?? '')}">`) + note +
    `<button type="submit">${e(t.record)}</button></form>`;
}

function decisionForms(t: OwnerWords, action: string, form: Record<string, string>): string {
  const was = (d: string, name: string) => (form.decision === d ? e(form[name] ?? '') : '');
  const one = (d: 'write_off' | 'extend' | 'agency', fields: string) =>
    `<form method="post" action="${action}" class="decision"><h3>${e(t.decisions[d])}</h3><p class="help">${e(t.decisionHelp[d])}</p>` +
    `<input type="hidden" name="decision" value="${d}">${fields}<button type="submit">${e(t.decisions[d])}</button></form>`;
  return one('write_off', field('wo-reason', t.reason, `<textarea id="wo-reason" name="reason" rows="2" maxlength="500" required>${was('write_off', 'reason')}</textarea>`)) +
    one('extend', field('ex-date', t.newDueDate, `<input id="ex-date" name="newDueDate" type="date" required value="${was('extend', 'newDueDate')}">`) +
      field('ex-reason', t.reasonOptional, `<textarea id="ex-reason" name="reason" rows="2" maxlength="500">${was('extend', 'reason')}</textarea>`)) +
    one('agency', field('ag-name', t.agency, `<input id="ag-name" name="agency" maxlength="200" required value="${was('agency', 'agency')}">`) +
      field('ag-reason', t.reasonOptional, `<textarea id="ag-reason" name="reason" rows="2" maxlength="500">${was('agency', 'reason')}</textarea>`));
}

export function renderOwnerPage(view: { task: OwnerTask; invoice: Invoice; timeline: TimelineEvent[] }, token: string, locale: Locale, state: OwnerPageState = {}): string {
  const { task, invoice, timeline } = view;
  const t = OWNER_TEXT[locale];
  const intl = INTL[locale];
  const money = (amount: number) => formatMoney(amount, invoice.currency, intl);
  const date = (iso: string) => formatLongDate(iso.slice(0, 10), intl);
  const lang = `lang=${locale}`;
  const other: Locale = locale === 'en' ? 'bg' : 'en';
  const c = invoice.client;
  const form = state.form ?? {};

  const flash = state.flash ? `<p class="flash ${state.flash.kind}" role="${state.flash.kind === 'error' ? 'alert' : 'status'}">${e(state.flash.text)}</p>` : '';
  const decision = task.status === 'done'
    ? `<p class="status status-paid" role="status">${e(t.done)}: ${e(task.outcome ?? '')}${task.completedAt ? ` · ${e(t.doneAt)} ${e(date(task.completedAt.toISOString()))}` : ''}</p>`
    : task.kind === 'collections_review'
    ? decisionForms(t, `/o/${token}/decide?${lang}`, form)
    : completionForm(t, task, `/o/${token}/complete?${lang}`, form);
  const history = timeline.length
    ? `<ol class="timeline">${timeline.map((x) => `<li><time datetime="${e(x.at.toISOString())}">${e(date(x.at.toISOString()))}</time> ${e(x.message)}</li>`).join('')}</ol>`
    : `<p>${e(t.noHistory)}</p>`;
  const mailto = `mailto:${encodeURIComponent(c.email).replace(/%40/g, '@')}?subject=${encodeURIComponent(`${t.invoice} ${invoice.number}`)}`;

  return shell(locale, `${kindName(t, task.kind)} · ${invoice.number}`, `
<p class="lang"><a href="/o/${token}?lang=${other}" hreflang="${other}">${e(t.language)}</a></p>
<header><p class="from">${e(t.title)} · ${e(invoice.issuerSnapshot.name)}</p><h1>${e(kindName(t, task.kind))}</h1><p class="task-title">${e(task.title)}</p>${flash}</header>
<section class="facts"><h2>${e(t.invoice)} ${e(invoice.number)}</h2><dl>
<dt>${e(t.client)}</dt><dd>${e(c.name)}<br><a href="${e(mailto)}">${e(c.email)}</a><br>${c.phone ? `<a href="tel:${e(c.phone.replace(/[^+\d]/g, ''))}">${e(c.phone)}</a>` : e(t.noPhone)}</dd>
<dt>${e(t.amountDue)}</dt><dd><strong>${e(money(amountDueOf(invoice)))}</strong> / ${e(t.total)} ${e(money(invoice.total))}</dd>
<dt>${e(t.dueDate)}</dt><dd>${e(date(invoice.dueDate))}</dd><dt>${e(t.issued)}</dt><dd>${e(date(invoice.issueDate))}</dd>
<dt>${e(t.stage)}</dt><dd><span class="status">${e(t.statuses[invoice.status])}</span> ${e(t.stages[invoice.stage])}</dd></dl>
<p><a class="button secondary" href="${e(mailto)}">${e(t.writeToClient)}</a></p></section>
<section><h2>${e(t.whatHappened)}</h2><p class="detail">${e(task.detail)}</p></section>
<section><h2>${e(t.decideHeading)}</h2>${decision}</section>
<section><h2>${e(t.history)}</h2>${history}</section>`);
}

export const OWNER_CSS = `.lang{text-align:right;margin:0 0 .5rem}.task-title{color:#444}.detail{white-space:pre-wrap;overflow-wrap:anywhere}
.facts dl{display:grid;grid-template-columns:minmax(7rem,auto) 1fr;gap:.3rem 1rem;margin:0}.facts dd{margin:0;overflow-wrap:anywhere}
fieldset{border:0;padding:0;margin:0 0 .5rem}legend{font-weight:600;margin-bottom:.3rem}.choice{display:flex;gap:.6rem;align-items:flex-start;font-weight:400;margin:.4rem 0}
.choice input{width:auto;margin:.3rem 0 0;min-width:20px;min-height:20px}.help{color:#444;margin:.1rem 0 .3rem;font-size:.95rem}
.decision{border-top:1px solid #ddd;padding-top:.6rem;margin-top:.6rem}h2+.decision{border-top:0;margin-top:0;padding-top:0}
.timeline{padding-left:1.2rem;margin:0}.timeline li{margin:.3rem 0;overflow-wrap:anywhere}.timeline time{color:#444;margin-right:.4rem}
@media (max-width:560px){.facts dl{grid-template-columns:1fr}.facts dt{margin-top:.4rem}}`;
