// The client's statement page: every open invoice, the total and one way to pay it all, their
// credit notes and credit. Server-rendered like the invoice page (its styles, its copy buttons),
// readable on a phone, no third-party anything (not even a favicon request that would 404).
import QRCode from 'qrcode';
import type { StatementDocument } from '../../documents/statement-document';
import { escapeHtml as e } from '../../emails/render';
import { PAGE_TEXT } from './page-text';

const qr = (text: string) => QRCode.toString(text, { type: 'svg', margin: 1, width: 160, errorCorrectionLevel: 'M' });

/** `invoicePages`: each open invoice's own page, by invoice id, where the client has a link. */
export async function renderStatementPage(d: StatementDocument, token: string, invoicePages: Map<string, string>): Promise<string> {
  const w = d.words;
  const l = d.labels;
  const t = PAGE_TEXT[d.locale];
  const copyable = (label: string, value: string) =>
    `<div class="copy"><span class="label">${e(label)}</span> <code>${e(value)}</code> <button type="button" data-copy="${e(value)}" aria-label="${e(t.copy)}: ${e(label)}">${e(t.copy)}</button></div>`;

  const totals = d.totals.map((x) => `<p class="due"><span>${e(w.totalDue)}</span> <strong>${e(x.amountDue)}</strong></p>${x.credit ? `<p>${e(w.yourCredit)}: <strong>${e(x.credit)}</strong></p>` : ''}`).join('');
  const rows = d.invoices.map((i) => {
    const page = invoicePages.get(i.id);
    const number = page ? `<a href="/i/${e(page)}">${e(i.number)}</a>` : e(i.number);
    return `<tr><td>${number}<span class="phone">${e(l.due)}: ${e(i.due)}</span><span class="standing${i.overdue ? ' overdue' : ''}">${e(i.standing)}</span></td><td>${e(i.issued)}</td><td>${e(i.due)}</td>` +
      `<td class="num">${e(i.total)}</td><td class="num">${e(i.paid)}</td><td class="num"><strong>${e(i.amountDue)}</strong></td></tr>`;
  }).join('');
  const invoices = d.invoices.length
    ? `<table class="statement"><thead><tr><th scope="col">${e(w.invoice)}</th><th scope="col">${e(l.issued)}</th><th scope="col">${e(l.due)}</th>` +
      `<th scope="col" class="num">${e(l.total)}</th><th scope="col" class="num">${e(w.paid)}</th><th scope="col" class="num">${e(l.amountDue)}</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p class="flash ok">${e(w.nothingDue)}</p>`;

  const ways: string[] = [];
  for (const p of d.bank ? d.payments : []) {
    const b = d.bank!;
    const code = p.epcQr ? await qr(p.epcQr) : '';
    ways.push(`<section class="way"><h3>${e(l.bankTransfer)} ${e(b.accountName)}</h3>` +
      [b.iban && copyable('IBAN', b.iban), b.bic && copyable('BIC', b.bic), b.accountNumber && copyable(d.documentWords.account, b.accountNumber), b.routingNumber && copyable(d.documentWords.routing, b.routingNumber)].filter(Boolean).join('') +
      copyable(w.transferAmount, p.amount) + copyable(d.documentWords.paymentReference, p.reference) + `<p>${e(w.payAllHelp)}</p>` +
      (code ? `<figure class="qr">${code}<figcaption>${e(t.scan)}</figcaption></figure>` : '') + '</section>');
  }

  const creditNotes = d.creditNotes.length
    ? `<section class="credit-notes"><h2>${e(w.creditNotes)}</h2><ul>${d.creditNotes.map((n) => `<li>${e(n.number)} (${e(n.issued)}), ${e(w.invoice)} ${e(n.invoiceNumber)}: ${e(n.total)}. ${e(n.reason)}</li>`).join('')}</ul></section>`
    : '';
  const credits = d.credits.length
    ? `<section class="credits"><h2>${e(w.credits)}</h2><ul>${d.credits.map((c) => `<li>${e(c.amount)}${c.from ? `: ${e(c.from)}` : ''}</li>`).join('')}</ul><p>${e(w.creditsHelp)}</p></section>`
    : '';

  return `<!doctype html>
<html lang="${d.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><link rel="icon" href="data:,"><title>${e(w.title)} · ${e(d.issuer.name)}</title><link rel="stylesheet" href="/i/assets/page.css"><link rel="stylesheet" href="/s/assets/statement.css"></head>
<body><main>
<header><p class="from">${e(t.from)} ${e(d.issuer.name)}</p><h1>${e(w.title)}</h1><p>${e(d.client.name)} · ${e(w.asOf(d.asOf))}</p>${totals}<p>${e(w.intro)}</p></header>
<section><h2>${e(w.openInvoices)}</h2>${invoices}</section>
${ways.length ? `<section><h2>${e(w.payAll)}</h2>${ways.join('')}</section>` : ''}
${creditNotes}${credits}
<section class="parties"><div><h2>${e(d.issuer.name)}</h2><p>${e(l.taxNumber)}: ${e(d.issuer.taxId)}<br>${e(d.issuer.address)}<br>${e(d.issuer.email)}<br>${e(d.issuer.phone)}</p></div>
<div><h2>${e(l.billedTo)}</h2><p>${e(d.client.name)}<br>${e(d.client.address)}${d.client.taxId ? `<br>${e(l.taxNumber)}: ${e(d.client.taxId)}` : ''}</p></div></section>
<p><a class="button secondary" href="/s/${token}/pdf" download="statement.pdf">${e(t.download)}</a></p>
</main><script src="/i/assets/page.js" defer></script></body></html>`;
}

/** Beside the invoice page's styles. On a phone the table keeps two columns: the invoice (its due date under it) and what it owes. */
export const STATEMENT_CSS = `.statement td{vertical-align:top}.statement td:first-child a,.statement .num{white-space:nowrap}
.standing{display:block;font-size:.9rem;color:#444}.standing.overdue{color:#8a1c1c;font-weight:600}.statement .phone{display:none}.way p{margin:.4rem 0}
@media (max-width:560px){.statement :is(th,td):not(:first-child):not(:last-child){display:none}.statement .phone{display:block}}`;
