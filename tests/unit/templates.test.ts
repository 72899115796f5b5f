// The tone check: every message is polite, plain about dates and money, and never threatens.
import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../db/entities';
import { messageContext } from '../../emails/context';
import { renderEmail } from '../../emails/render';
import { CLIENT_TEMPLATES, clientMessage, OWNER_TEMPLATES, ownerMessage } from '../../emails/templates';
import { computeTotals } from '../../domain/money';
import { STANDARD_LADDER } from '../../workflows/ladder';
import { ISSUER, invoiceInput } from '../support/fixtures';

const input = invoiceInput();
const totals = computeTotals(input.lines);
const invoice = {
  id: '00000000-0000-4000-8000-000000000001', number: 'INV-2026-0007', currency: 'EUR', termsDays: 30,
  issueDate: '2026-11-28', dueDate: '2026-12-28', subtotal: totals.subtotal, taxTotal: totals.taxTotal, total: totals.total,
  amountPaid: 0, lines: totals.lines, client: { ...input.client, locale: 'en', timeZone: 'UTC' }, poNumber: input.poNumber, note: input.note,
  issuerSnapshot: { ...ISSUER },
} as unknown as Invoice;

const JARGON = /\bnet\s?\d+\b|due on receipt|\bEOM\b/i;
const THREATS = /\b(sue|lawsuit|court|legal action|lawyer|attorney|bailiff|consequences will|or else|blacklist)\b/i;

const rendered = [
  ...CLIENT_TEMPLATES.flatMap((t) => STANDARD_LADDER.filter((s) => s.template === t || t === 'invoice').slice(0, 1).map((s) => ({ t, tone: t === 'invoice' ? 'friendly' as const : s.tone }))),
  { t: 'reminder_overdue', tone: 'nudge' as const },
  { t: 'reminder_overdue', tone: 'firm' as const },
].map(({ t, tone }) => {
  const context = messageContext(invoice, '2027-01-04');
  return { template: `${t}/${tone}`, email: renderEmail(invoice, context, clientMessage(t, context, tone)) };
});

describe('client emails', () => {
  it.each(rendered)('$template is polite, clear and free of jargon and threats', ({ email }) => {
    const all = `${email.subject}\n${email.text}`;
    expect(all).toMatch(/please/i);
    expect(all).toMatch(/thank/i);
    expect(all).toContain('INV-2026-0007');
    expect(all).toContain('28 December 2026');
    expect(all).toMatch(/€\d/);
    expect(all).not.toMatch(JARGON);
    expect(all).not.toMatch(THREATS);
    expect(email.html).toContain('BG80BNBG96611020345678');
    expect(email.text).toContain('BG80BNBG96611020345678');
  });

  it('the invoice carries every field habit 2 requires', () => {
    const { text } = rendered.find((r) => r.template.startsWith('invoice/'))!.email;
    for (const field of [ISSUER.name, ISSUER.taxId, ISSUER.address, ISSUER.email, ISSUER.phone, 'INV-2026-0007', 'Brand identity', 'Total: €1,540.00', 'within 30 days (by 28 December 2026)', 'PO number: PO-7781']) {
      expect(text).toContain(field);
    }
  });

  it('only the final notice mentions collections, and as a fact, not a threat', () => {
    for (const { template, email } of rendered) {
      expect(/collection/i.test(email.text), template).toBe(template.startsWith('final_notice'));
    }
  });

  it('escapes what the user typed in the HTML version', () => {
    const sneaky = { ...invoice, note: '<script>alert(1)</script>' } as Invoice;
    const context = messageContext(sneaky, '2026-11-28');
    const { html } = renderEmail(sneaky, context, clientMessage('invoice', context, 'friendly'));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('owner notes', () => {
  it.each(OWNER_TEMPLATES)('%s asks the owner, and says no one is contacted automatically where it matters', (template) => {
    const context = messageContext(invoice, '2027-01-20');
    const { text } = renderEmail(invoice, context, ownerMessage(template, context));
    expect(text).toContain('INV-2026-0007');
    expect(text).not.toMatch(THREATS);
  });
});
