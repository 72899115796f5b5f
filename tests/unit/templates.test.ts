// The tone check: every template in every locale and tone is polite, plain about dates, money
// and fees, free of jargon, never threatening, and mentions collections only in the final notice.
import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../db/entities';
import { computeTotals } from '../../domain/money';
import { messageContext } from '../../emails/context';
import { renderEmail } from '../../emails/render';
import { CLIENT_TEMPLATES, clientMessage, LOCALES, OWNER_TEMPLATES, ownerMessage } from '../../emails/templates';
import { BUILTIN_POLICIES } from '../../domain/policies';
import type { Tone } from '../../domain/types';
import { ISSUER, invoiceInput } from '../support/fixtures';

function invoiceFor(locale: 'en' | 'bg', terms: Invoice['terms'] = {}): Invoice {
  const input = invoiceInput();
  const totals = computeTotals(input.lines);
  return {
    id: '00000000-0000-4000-8000-000000000001', number: 'INV-2026-0007', currency: 'EUR', termsDays: 30,
    issueDate: '2026-11-28', dueDate: '2026-12-28', subtotal: totals.subtotal, taxTotal: totals.taxTotal, total: totals.total,
    status: 'open', amountPaid: 0, adjustmentsTotal: 0, discountTotal: 0, changesTotal: 0, lines: totals.lines, client: { ...input.client, locale, timeZone: 'UTC' }, poNumber: input.poNumber,
    note: input.note, issuerSnapshot: { ...ISSUER }, terms,
  } as unknown as Invoice;
}

const WORDS = {
  en: { please: /please/i, thanks: /thank/i, jargon: /\bnet\s?\d+\b|due on receipt|\bEOM\b|\b2\/10\b/i, threat: /\b(sue|lawsuit|court|legal action|lawyer|attorney|bailiff|or else|blacklist)\b/i, collections: /collection|agency|legal/i, dueDate: '28 December 2026' },
  bg: { please: /моля/i, thanks: /благодар/i, jargon: /нето\s?\d+|при получаване/i, threat: /(^|[^а-я])(съд|съдебн[а-я]*|адвокат[а-я]*|съдия-изпълнител[а-я]*|черен списък)(?=[^а-я]|$)/i, collections: /агенция|събиране на вземания/i, dueDate: '28 декември 2026' },
} as const;

// Every (template, tone) pair the ladders can produce, plus the invoice itself.
const pairs = [
  { template: 'invoice', tone: 'friendly' as Tone },
  ...Object.values(BUILTIN_POLICIES).flatMap((p) => p.steps.filter((s) => s.action === 'email_client').map((s) => ({ template: s.template, tone: s.tone }))),
].filter((p, i, all) => all.findIndex((q) => q.template === p.template && q.tone === p.tone) === i);

const cases = LOCALES.flatMap((locale) => pairs.map((p) => ({ ...p, locale, name: `${locale} ${p.template}/${p.tone}` })));

describe('client emails', () => {
  it('cover every template the ladders use', () => {
    expect(new Set(pairs.map((p) => p.template))).toEqual(new Set(CLIENT_TEMPLATES));
  });

  it.each(cases)('$name is polite, clear, free of jargon and threats', ({ template, tone, locale }) => {
    const invoice = invoiceFor(locale);
    const context = messageContext(invoice, new Date('2027-01-04T12:00:00Z'));
    const email = renderEmail(invoice, context, clientMessage(template, context, tone));
    const all = `${email.subject}\n${email.text}`;
    const w = WORDS[locale];
    expect(all).toMatch(w.please);
    expect(all).toMatch(w.thanks);
    expect(all).toContain('INV-2026-0007');
    expect(all).toContain(w.dueDate);
    expect(all).toMatch(/1\s?540,00\s?€|€1,540\.00/);
    expect(all).not.toMatch(w.jargon);
    expect(all).not.toMatch(w.threat);
    expect(w.collections.test(all), 'only the final notice mentions collections').toBe(template === 'final_notice');
    expect(email.text).toContain('BG80BNBG96611020345678');
    expect(email.html).toContain(`lang="${locale}"`);
  });

  it.each(LOCALES)('%s: the invoice carries every field habit 2 requires and plain-language terms', (locale) => {
    const invoice = invoiceFor(locale);
    const context = messageContext(invoice, new Date('2026-11-28T12:00:00Z'));
    const { text } = renderEmail(invoice, context, clientMessage('invoice', context, 'friendly'));
    for (const field of [ISSUER.name, ISSUER.taxId, ISSUER.address, ISSUER.email, ISSUER.phone, 'INV-2026-0007', 'Brand identity', 'PO-7781']) {
      expect(text).toContain(field);
    }
    expect(text).toContain(locale === 'en' ? 'within 30 days (by 28 December 2026)' : 'в срок от 30 дни (до 28 декември 2026 г.)');
  });

  it.each(LOCALES)('%s: states the early-payment offer before its deadline and not after', (locale) => {
    const invoice = invoiceFor(locale, { earlyPayment: { percent: 2, withinDays: 10 } });
    const before = messageContext(invoice, new Date('2026-12-08T12:00:00Z'));
    const after = messageContext(invoice, new Date('2026-12-09T12:00:00Z'));
    const offer = locale === 'en' ? /save 2% \(€30\.80\)/ : /спестявате 2% \(30,80\s?€\)/;
    expect(renderEmail(invoice, before, clientMessage('invoice', before, 'friendly')).text).toMatch(offer);
    expect(renderEmail(invoice, after, clientMessage('reminder_before_due', after, 'friendly')).text).not.toMatch(offer);
  });

  it.each(LOCALES)('%s: states late-fee terms plainly in every message when they are on', (locale) => {
    const invoice = invoiceFor(locale, { lateFees: { graceDays: 7, fixedAmount: 2_500, annualRatePercent: 8, capAmount: 10_000 } });
    for (const { template, tone } of pairs) {
      const context = messageContext(invoice, new Date('2026-12-01T12:00:00Z'));
      const { text } = renderEmail(invoice, context, clientMessage(template, context, tone));
      expect(text).toMatch(locale === 'en' ? /Late payment: 7 days after the due date, a one-off fee of €25\.00 and simple interest of 8% a year/ : /При забавено плащане: 7 дни след падежа/);
      expect(text).not.toMatch(WORDS[locale].threat);
    }
  });

  it('escapes what the user typed in the HTML version', () => {
    const sneaky = { ...invoiceFor('en'), note: '<script>alert(1)</script>' } as Invoice;
    const context = messageContext(sneaky, new Date('2026-11-28T12:00:00Z'));
    const { html } = renderEmail(sneaky, context, clientMessage('invoice', context, 'friendly'));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('owner notes', () => {
  it.each(OWNER_TEMPLATES)('%s names the invoice and threatens no one', (template) => {
    const invoice = invoiceFor('en');
    const context = messageContext(invoice, new Date('2027-01-20T12:00:00Z'));
    const { text } = renderEmail(invoice, context, ownerMessage(template, context));
    expect(text).toContain('INV-2026-0007');
    expect(text).not.toMatch(WORDS.en.threat);
  });
});
