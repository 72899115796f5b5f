// The client's page for one invoice: server-rendered HTML, readable on a phone, usable without
// JavaScript (forms post back), no third-party scripts, styles or fonts.
import QRCode from 'qrcode';
import type { ChangeOrder, CreditNote, Invoice } from '../../db/entities';
import { E_INVOICE_FORMAT_NAMES, E_INVOICE_FORMATS } from '../../domain/e-invoice';
import { invoiceDocument } from '../../documents/invoice-document';
import { escapeHtml as e } from '../../emails/render';
import { PAGE_TEXT } from './page-text';

const qr = (text: string) => QRCode.toString(text, { type: 'svg', margin: 1, width: 160, errorCorrectionLevel: 'M' });

export interface PageState {
  flash?: { kind: 'ok' | 'error'; text: string };
}

export async function renderInvoicePage(invoice: Invoice, token: string, state: PageState = {}, changeOrders: ChangeOrder[] = [], creditNotes: CreditNote[] = []): Promise<string> {
  const d = invoiceDocument(invoice, changeOrders);
  const l = d.labels;
  const t = PAGE_TEXT[d.context.locale];
  const open = invoice.status === 'open';
  // The ways to pay come from the document model, as the PDF's do: one rule for both.
  const pay = d.payment;
  /** `copied`: what the button copies when it differs from what is shown (a reference without its spaces). */
  const copyable = (label: string, value: string, copied = value) =>
    `<div class="copy"><span class="label">${e(label)}</span> <code>${e(value)}</code> <button type="button" data-copy="${e(copied)}" aria-label="${e(t.copy)}: ${e(label)}">${e(t.copy)}</button></div>`;

  const ways: string[] = [];
  if (pay?.cardUrl) ways.push(`<section class="way"><h3>${e(t.cardPay)}</h3><p><a class="button" href="${e(pay.cardUrl)}" rel="noopener noreferrer">${e(t.cardPay)}: ${e(d.amountDue)}</a></p></section>`);
  if (pay?.bank) {
    const b = pay.bank;
    const code = pay.epcQr ? await qr(pay.epcQr) : '';
    ways.push(`<section class="way"><h3>${e(l.bankTransfer)} ${e(b.accountName)}</h3>` +
      [b.iban && copyable('IBAN', b.iban), b.bic && copyable('BIC', b.bic), b.accountNumber && copyable('Account', b.accountNumber), b.routingNumber && copyable('Routing', b.routingNumber)].filter(Boolean).join('') +
      copyable(l.amountDue, d.amountDue) + copyable(l.reference, pay.reference, pay.creditorReference) +
      (code ? `<figure class="qr">${code}<figcaption>${e(t.scan)}</figcaption></figure>` : '') + '</section>');
  }
  if (pay?.crypto) {
    const c = pay.crypto;
    ways.push(`<section class="way"><h3>${e(c.asset)}${c.network ? ` (${e(c.network)})` : ''}</h3>${copyable(c.asset, c.address)}<p>${e(t.cryptoAmount)}: <strong>${e(d.amountDue)}</strong></p>` +
      `<figure class="qr">${await qr(c.address)}<figcaption>${e(t.scan)}</figcaption></figure></section>`);
  }

  const rows = d.lines.map((x) => `<tr><td>${e(x.description)}</td><td class="num">${e(x.quantity)}</td><td class="num">${e(x.unitPrice)}</td><td class="num">${e(x.taxRate)}</td><td class="num">${e(x.amount)}</td></tr>`).join('');
  const flash = state.flash ? `<p class="flash ${state.flash.kind}" role="status">${e(state.flash.text)}</p>` : '';
  const conversation = open
    ? `<section class="talk"><form method="post" action="/i/${token}/question"><h2>${e(t.questionHeading)}</h2><p>${e(t.questionHelp)}</p>` +
      `<label for="message">${e(t.yourMessage)}</label><textarea id="message" name="message" rows="4" required maxlength="2000"></textarea><button type="submit">${e(t.send)}</button></form>` +
      `<form method="post" action="/i/${token}/promise"><h2>${e(t.promiseHeading)}</h2><p>${e(t.promiseHelp)}</p>` +
      `<label for="date">${e(t.date)}</label><input id="date" name="date" type="date" required><button type="submit">${e(t.confirm)}</button></form></section>`
    : '';

  return `<!doctype html>
<html lang="${d.context.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><link rel="icon" href="data:,"><title>${e(l.invoice)} ${e(d.number)} · ${e(d.issuer.name)}</title><link rel="stylesheet" href="/i/assets/page.css"></head>
<body><main>
<header><p class="from">${e(t.from)} ${e(d.issuer.name)}</p><h1>${e(l.invoice)} ${e(d.number)}</h1>
<p class="status status-${invoice.status}">${e(t[`status_${invoice.status}`])}</p>${flash}
<p class="due"><span>${e(l.amountDue)}</span> <strong>${e(d.amountDue)}</strong></p>
${open ? `<p>${e(d.terms.charAt(0).toUpperCase() + d.terms.slice(1))}.</p>` : ''}
${d.discount ? `<p class="offer">${e(d.discount)}</p>` : ''}${d.lateFees ? `<p class="fees">${e(d.lateFees)}</p>` : ''}</header>
${ways.length ? `<section><h2>${e(t.payHeading)}</h2>${ways.join('')}</section>` : ''}
<section class="parties"><div><h2>${e(d.issuer.name)}</h2><p>${e(l.taxNumber)}: ${e(d.issuer.taxId)}<br>${e(d.issuer.address)}<br>${e(d.issuer.email)}<br>${e(d.issuer.phone)}</p></div>
<div><h2>${e(l.billedTo)}</h2><p>${e(d.client.name)}<br>${e(d.client.address)}${d.client.taxId ? `<br>${e(l.taxNumber)}: ${e(d.client.taxId)}` : ''}${d.poNumber ? `<br>${e(l.poNumber)}: ${e(d.poNumber)}` : ''}</p></div></section>
<section><table><caption>${e(l.issued)} ${e(d.context.issueDate)} · ${e(l.due)} ${e(d.context.dueDate)}</caption>
<thead><tr><th scope="col">${e(l.item)}</th><th scope="col" class="num">${e(l.qty)}</th><th scope="col" class="num">${e(l.unitPrice)}</th><th scope="col" class="num">${e(l.tax)}</th><th scope="col" class="num">${e(l.amount)}</th></tr></thead>
<tbody>${rows}</tbody></table>
${d.approvedChanges.map((c) => `<table class="changes"><caption>${e(l.changeOrder)}: ${e(c.description)}</caption><tbody>${c.lines.map((x) => `<tr><td>${e(x.description)}</td><td class="num">${e(x.quantity)}</td><td class="num">${e(x.unitPrice)}</td><td class="num">${e(x.taxRate)}</td><td class="num">${e(x.amount)}</td></tr>`).join('')}</tbody></table>`).join('')}
${d.pendingChanges.map((c) => `<p class="offer"><a href="/c/${e(c.token)}">${e(c.description)} (${e(c.total)})</a>: ${e(t.awaitingApproval)}</p>`).join('')}
<dl class="totals"><dt>${e(l.subtotal)}</dt><dd>${e(d.subtotal)}</dd><dt>${e(l.tax)}</dt><dd>${e(d.tax)}</dd><dt>${e(l.total)}</dt><dd>${e(d.total)}</dd>${d.changesTotal ? `<dt>${e(l.changeOrders)}</dt><dd>${e(d.changesTotal)}</dd>` : ''}${d.adjustments ? `<dt>±</dt><dd>${e(d.adjustments)}</dd>` : ''}${d.paid ? `<dt>${e(l.paidSoFar)}</dt><dd>${e(d.paid)}</dd>` : ''}<dt>${e(l.amountDue)}</dt><dd><strong>${e(d.amountDue)}</strong></dd></dl>
${d.vatBreakdown.length ? `<table class="vat"><caption>${e(d.words.vatBreakdown)}</caption><thead><tr><th scope="col">${e(d.words.vatCategory)}</th><th scope="col" class="num">${e(d.words.taxableAmount)}</th><th scope="col" class="num">${e(d.words.vat)}</th></tr></thead><tbody>${d.vatBreakdown.map((r) => `<tr><td>${e(r.label)}</td><td class="num">${e(r.taxable)}</td><td class="num">${e(r.tax)}</td></tr>`).join('')}</tbody></table>` : ''}
${d.supply ? `<p>${e(d.words.supplyDate)}: ${e(d.supply)}</p>` : ''}</section>
${d.note ? `<section class="note"><h2>${e(t.note)}</h2><p>${e(d.note)}</p></section>` : ''}
<p><a class="button secondary" href="/i/${token}/pdf" download="${e(d.number)}.pdf">${e(t.download)}</a></p>
<p class="einvoice">${e(t.eInvoice)}: ${E_INVOICE_FORMATS.map((f) => `<a href="/i/${token}/e-invoice?format=${f}">${e(E_INVOICE_FORMAT_NAMES[f])}</a>`).join(' · ')}</p>
${creditNotes.length ? `<section class="credit-notes"><h2>${e(t.creditNotes)}</h2><ul>${creditNotes.map((n) => `<li><a href="/i/${token}/credit-notes/${e(n.id)}/pdf">${e(n.number)}</a>: ${e(d.context.money(n.total))}, ${e(n.reason)}</li>`).join('')}</ul></section>` : ''}
${conversation}
</main><script src="/i/assets/page.js" defer></script></body></html>`;
}

export const PAGE_CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f6f7f9}
main{max-width:760px;margin:0 auto;padding:1rem}header,section{background:#fff;border-radius:8px;padding:1rem;margin:0 0 1rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.15rem}h3{font-size:1rem;margin:.2rem 0}.from{color:#444;margin:0}
.status{display:inline-block;padding:.2rem .6rem;border-radius:99px;background:#fff4d6;color:#5c4300;font-weight:600}.status-paid{background:#dff5e3;color:#0b4f1c}
.due{font-size:1.3rem}.offer{background:#eaf2ff;padding:.5rem;border-radius:6px}.fees{color:#333}.flash{padding:.6rem;border-radius:6px}.flash.ok{background:#dff5e3}.flash.error{background:#fde2e2}
table{width:100%;border-collapse:collapse}caption{text-align:left;color:#444;padding-bottom:.4rem}th,td{padding:.4rem;border-bottom:1px solid #ddd;text-align:left}.num{text-align:right}
.vat{margin-top:1rem}.totals{display:grid;grid-template-columns:1fr auto;gap:.2rem 1rem;margin-top:1rem}.totals dd{margin:0;text-align:right}
.parties{display:grid;grid-template-columns:1fr 1fr;gap:1rem}@media (max-width:560px){.parties{grid-template-columns:1fr}th:nth-child(3),td:nth-child(3),th:nth-child(4),td:nth-child(4){display:none}}
.copy{margin:.3rem 0;word-break:break-all}.copy .label{color:#444}code{background:#f0f0f0;padding:.1rem .3rem;border-radius:4px}
button,.button{display:inline-block;font:inherit;padding:.5rem .9rem;border-radius:6px;border:0;background:#1f4fd1;color:#fff;text-decoration:none;cursor:pointer;min-height:44px}
.button.secondary{background:#fff;color:#1f4fd1;border:2px solid #1f4fd1}.copy button{padding:.2rem .6rem;min-height:32px;background:#3b3b3b}
button:focus-visible,a:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
label{display:block;font-weight:600;margin:.5rem 0 .2rem}textarea,input{width:100%;font:inherit;padding:.5rem;border:1px solid #767676;border-radius:6px;margin-bottom:.5rem}
.talk form{margin-bottom:1.5rem}.qr svg{width:160px;height:160px}.qr figcaption{color:#444;font-size:.9rem}`;

export const PAGE_JS = `document.addEventListener('click',function(e){var b=e.target.closest('[data-copy]');if(!b)return;
navigator.clipboard&&navigator.clipboard.writeText(b.getAttribute('data-copy')).then(function(){var t=b.textContent;b.textContent='\\u2713';setTimeout(function(){b.textContent=t},1500)})});`;
