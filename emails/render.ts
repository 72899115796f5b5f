// Turns a message into the HTML and plain-text bodies of one email. Pure: no I/O.
import type { Invoice } from '../db/entities';
import { numberFormat } from '../domain/intl';
import type { MessageContext } from './context';
import { PHRASES, type MessageText, type Phrases } from './templates';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

function waysToPay(invoice: Invoice, context: MessageContext, l: Phrases['labels']): string[] {
  const p = invoice.issuerSnapshot.paymentInstructions ?? {};
  const ways: string[] = [];
  if (p.cardPaymentUrl) ways.push(`${l.card}: ${p.cardPaymentUrl}`);
  if (p.bankTransfer) {
    const b = p.bankTransfer;
    const account = [b.iban && `IBAN ${b.iban}`, b.bic && `BIC ${b.bic}`, b.accountNumber && `account ${b.accountNumber}`,
      b.routingNumber && `routing ${b.routingNumber}`, b.bankName].filter(Boolean).join(', ');
    ways.push(`${l.bankTransfer} ${b.accountName}${account ? ` (${account})` : ''}, ${l.reference} ${invoice.number}`);
  }
  if (p.crypto) ways.push(`${p.crypto.asset}${p.crypto.network ? ` (${p.crypto.network})` : ''}: ${p.crypto.address} (${context.amountDue})`);
  if (ways.length === 0) ways.push(l.replyToPay);
  return ways;
}

function issuerLines(invoice: Invoice, l: Phrases['labels']): string[] {
  const i = invoice.issuerSnapshot;
  return [i.name, `${l.taxNumber}: ${i.taxId}`, i.address, i.email, i.phone];
}

function clientLines(invoice: Invoice, l: Phrases['labels']): string[] {
  const c = invoice.client;
  return [c.name, c.address, c.taxId ? `${l.taxNumber}: ${c.taxId}` : '', invoice.poNumber ? `${l.poNumber}: ${invoice.poNumber}` : ''].filter(Boolean);
}

export function renderEmail(invoice: Invoice, context: MessageContext, message: MessageText, pageUrl?: string | null): RenderedEmail {
  const phrases = PHRASES[context.locale];
  const l = phrases.labels;
  const money = context.money;
  const quantity = (q: number) => numberFormat(context.intl, { maximumFractionDigits: 3 }).format(q);
  const text: string[] = [...message.paragraphs, ''];
  const html: string[] = message.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);

  if (message.action) {
    const { label, url, note } = message.action;
    text.push(`${label}: ${url}`, ...(note ? [note] : []), '');
    html.push(`<p><a href="${escapeHtml(url)}" style="display:inline-block;background:#1f4fd1;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(label)}</a>${note ? `<br><small>${escapeHtml(note)}</small>` : ''}</p>`);
  }
  for (const p of message.appendix ?? []) {
    text.push(p, '');
    html.push(`<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  }
  if (message.showInvoice && pageUrl) {
    text.push(`${l.viewOnline}: ${pageUrl}`, '');
    html.push(`<p><a href="${escapeHtml(pageUrl)}" style="display:inline-block;background:#1f4fd1;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(l.viewOnline)}</a></p>`);
  }
  if (message.showInvoice) {
    // Offers and fees are stated in every message while they apply: never a surprise.
    const notices = [phrases.discount(context), phrases.lateFees(context), phrases.feesCharged(context)].filter((n): n is string => !!n);
    text.push(...notices, ...(notices.length ? [''] : []));
    html.push(...notices.map((n) => `<p style="background:#f3f7ff;padding:8px">${escapeHtml(n)}</p>`));

    text.push(`${l.invoice} ${invoice.number}`, `${l.issued}: ${context.issueDate}    ${l.due}: ${context.dueDate}`, '');
    for (const line of invoice.lines) {
      text.push(`- ${line.description}: ${quantity(line.quantity)} × ${money(line.unitAmount)} = ${money(line.amount)}${line.taxRate ? ` (+${line.taxRate}% ${l.tax} ${money(line.taxAmount)})` : ''}`);
    }
    text.push('', `${l.subtotal}: ${money(invoice.subtotal)}`, `${l.tax}: ${money(invoice.taxTotal)}`, `${l.total}: ${context.total}`);
    if (context.amountPaid) text.push(`${l.paidSoFar}: ${context.amountPaid}`);
    text.push(`${l.amountDue}: ${context.amountDue}`, '', `${l.howToPay}:`);
    text.push(...waysToPay(invoice, context, l).map((w) => `- ${w}`));
    if (invoice.note) text.push('', invoice.note);
    text.push('', `${l.billedTo}:`, ...clientLines(invoice, l));

    const rows = invoice.lines
      .map((line) => `<tr><td>${escapeHtml(line.description)}</td><td align="right">${quantity(line.quantity)}</td><td align="right">${escapeHtml(money(line.unitAmount))}</td><td align="right">${line.taxRate ?? 0}%</td><td align="right">${escapeHtml(money(line.amount))}</td></tr>`)
      .join('');
    html.push(
      `<h2 style="font-size:18px">${l.invoice} ${escapeHtml(invoice.number)}</h2>`,
      `<p>${l.issued} ${escapeHtml(context.issueDate)} · <strong>${l.due} ${escapeHtml(context.dueDate)}</strong></p>`,
      `<table cellpadding="6" style="border-collapse:collapse;width:100%"><thead><tr><th align="left">${l.item}</th><th align="right">${l.qty}</th><th align="right">${l.unitPrice}</th><th align="right">${l.tax}</th><th align="right">${l.amount}</th></tr></thead><tbody>${rows}</tbody></table>`,
      `<p>${l.subtotal} ${escapeHtml(money(invoice.subtotal))}<br>${l.tax} ${escapeHtml(money(invoice.taxTotal))}<br><strong>${l.total} ${escapeHtml(context.total)}</strong>` +
        `${context.amountPaid ? `<br>${l.paidSoFar} ${escapeHtml(context.amountPaid)}` : ''}<br><strong>${l.amountDue} ${escapeHtml(context.amountDue)}</strong></p>`,
      `<h3 style="font-size:16px">${l.howToPay}</h3><ul>${waysToPay(invoice, context, l).map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`,
      invoice.note ? `<p><em>${escapeHtml(invoice.note)}</em></p>` : '',
      `<p><strong>${l.billedTo}</strong><br>${clientLines(invoice, l).map(escapeHtml).join('<br>')}</p>`,
    );
  }

  text.push('', l.withThanks, ...issuerLines(invoice, l));
  html.push(`<p style="color:#555">${l.withThanks}<br>${issuerLines(invoice, l).map(escapeHtml).join('<br>')}</p>`);
  return {
    subject: headerSafe(message.subject),
    text: text.join('\n'),
    html: `<!doctype html><html lang="${context.locale}"><body style="font-family:system-ui,sans-serif;color:#222;max-width:640px">${html.join('\n')}</body></html>`,
  };
}

/**
 * A subject as it may go into a mail header: line breaks, tabs and other control characters
 * become one space (a CR/LF would start a header of its own). Names are validated on the way in
 * (domain/text.ts); this holds for any stored text that got past that.
 */
export function headerSafe(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}
