// Turns a message into the HTML and plain-text bodies of one email. Pure: no I/O.
import { formatLongDate } from '../domain/dates';
import { formatMoney } from '../domain/money';
import type { Invoice } from '../db/entities';
import type { MessageContext } from './context';
import type { MessageText } from './templates';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

function waysToPay(invoice: Invoice, context: MessageContext): string[] {
  const p = invoice.issuerSnapshot.paymentInstructions ?? {};
  const ways: string[] = [];
  if (p.cardPaymentUrl) ways.push(`Card: ${p.cardPaymentUrl}`);
  if (p.bankTransfer) {
    const b = p.bankTransfer;
    const account = [b.iban && `IBAN ${b.iban}`, b.bic && `BIC ${b.bic}`, b.accountNumber && `account ${b.accountNumber}`,
      b.routingNumber && `routing ${b.routingNumber}`, b.bankName].filter(Boolean).join(', ');
    ways.push(`Bank transfer to ${b.accountName}${account ? ` (${account})` : ''}, reference ${invoice.number}`);
  }
  if (p.crypto) ways.push(`${p.crypto.asset}${p.crypto.network ? ` on ${p.crypto.network}` : ''}: ${p.crypto.address} (${context.amountDue})`);
  if (ways.length === 0) ways.push(`Reply to this email and we will tell you how to pay.`);
  return ways;
}

function issuerLines(invoice: Invoice): string[] {
  const i = invoice.issuerSnapshot;
  return [i.name, `Tax number: ${i.taxId}`, i.address, i.email, i.phone];
}

function clientLines(invoice: Invoice): string[] {
  const c = invoice.client;
  return [c.name, c.address, c.taxId ? `Tax number: ${c.taxId}` : '', invoice.poNumber ? `PO number: ${invoice.poNumber}` : ''].filter(Boolean);
}

export function renderEmail(invoice: Invoice, context: MessageContext, message: MessageText): RenderedEmail {
  const money = (amount: number) => formatMoney(amount, invoice.currency, context.locale);
  const text: string[] = [...message.paragraphs, ''];
  const html: string[] = message.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`);

  if (message.showInvoice) {
    text.push(`Invoice ${invoice.number}`, `Issued: ${formatLongDate(invoice.issueDate, context.locale)}    Due: ${context.dueDate}`, '');
    for (const line of invoice.lines) {
      text.push(`- ${line.description}: ${line.quantity} × ${money(line.unitAmount)} = ${money(line.amount)}${line.taxRate ? ` (+${line.taxRate}% tax ${money(line.taxAmount)})` : ''}`);
    }
    text.push('', `Subtotal: ${money(invoice.subtotal)}`, `Tax: ${money(invoice.taxTotal)}`, `Total: ${context.total}`);
    if (context.amountPaid) text.push(`Paid so far: ${context.amountPaid}`);
    text.push(`Amount due: ${context.amountDue}`, `Please pay ${context.terms}.`, '', 'How to pay:');
    text.push(...waysToPay(invoice, context).map((w) => `- ${w}`));
    if (invoice.note) text.push('', invoice.note);
    text.push('', 'Billed to:', ...clientLines(invoice));

    const rows = invoice.lines
      .map((l) => `<tr><td>${escapeHtml(l.description)}</td><td align="right">${l.quantity}</td><td align="right">${escapeHtml(money(l.unitAmount))}</td><td align="right">${l.taxRate ?? 0}%</td><td align="right">${escapeHtml(money(l.amount))}</td></tr>`)
      .join('');
    html.push(
      `<h2 style="font-size:18px">Invoice ${escapeHtml(invoice.number)}</h2>`,
      `<p>Issued ${escapeHtml(formatLongDate(invoice.issueDate, context.locale))} · <strong>Due ${escapeHtml(context.dueDate)}</strong></p>`,
      `<table cellpadding="6" style="border-collapse:collapse;width:100%"><thead><tr><th align="left">Item</th><th align="right">Qty</th><th align="right">Unit price</th><th align="right">Tax</th><th align="right">Amount</th></tr></thead><tbody>${rows}</tbody></table>`,
      `<p>Subtotal ${escapeHtml(money(invoice.subtotal))}<br>Tax ${escapeHtml(money(invoice.taxTotal))}<br><strong>Total ${escapeHtml(context.total)}</strong>` +
        `${context.amountPaid ? `<br>Paid so far ${escapeHtml(context.amountPaid)}` : ''}<br><strong>Amount due ${escapeHtml(context.amountDue)}</strong></p>`,
      `<p>Please pay ${escapeHtml(context.terms)}.</p>`,
      `<h3 style="font-size:16px">How to pay</h3><ul>${waysToPay(invoice, context).map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`,
      invoice.note ? `<p><em>${escapeHtml(invoice.note)}</em></p>` : '',
      `<p><strong>Billed to</strong><br>${clientLines(invoice).map(escapeHtml).join('<br>')}</p>`,
    );
  }

  text.push('', 'With thanks,', ...issuerLines(invoice));
  html.push(`<p style="color:#555">With thanks,<br>${issuerLines(invoice).map(escapeHtml).join('<br>')}</p>`);
  return {
    subject: message.subject,
    text: text.join('\n'),
    html: `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;color:#222;max-width:640px">${html.join('\n')}</body></html>`,
  };
}
