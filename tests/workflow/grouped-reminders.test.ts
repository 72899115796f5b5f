// Grouped reminders (issue 15): a client's reminder steps of one day go out as one email, through
// the client's own workflow; each invoice keeps its ladder and its timeline says what carried it.
import { describe, expect, it } from 'vitest';
import { Payment, TimelineEvent } from '../../db/entities';
import { payClient } from '../../services/client-payments';
import { invoiceStateQuery } from '../../workflows/messages';
import { issueInvoice, mailsTo, useTimeSkipping } from '../support/time-skipping';
import { waitFor } from '../support/wait';

const ctx = useTimeSkipping();

describe('grouped reminders', () => {
  it('three invoices whose steps fall on one day: one email that day listing all three', async () => {
    const email = `group-${Date.now()}@acme.test`;
    const issued = [];
    for (const amount of [10_000, 20_000, 30_000]) {
      issued.push(await issueInvoice(ctx, { client: { email } as never, lines: [{ description: 'Work', quantity: 1, unitAmount: amount, taxRate: 20 }] }));
    }
    // The three invoices themselves.
    await waitFor(() => (mailsTo(ctx, email).length === 3 ? true : undefined), 30_000, 'the three invoice emails');
    // Past the heads-up (3 days before the due date, 30 days after issue, Monday if a weekend) and its send window.
    await ctx.env.sleep('28 days');
    const reminders = await waitFor(() => {
      const later = mailsTo(ctx, email).slice(3);
      return later.length > 0 ? later : undefined;
    }, 30_000, 'the grouped reminder');
    await ctx.env.sleep('1 hour');
    const after = mailsTo(ctx, email).slice(3);
    expect(after, after.map((m) => m.subject).join(' | ')).toHaveLength(1);
    expect(reminders[0].subject).toContain('3 invoices');
    for (const { invoice } of issued) expect(reminders[0].text).toContain(invoice.number);
    // One link pays them all: the client's statement page.
    expect(reminders[0].text).toMatch(/See and pay them all: http:\/\/127\.0\.0\.1\/s\/\S+/);

    // Each invoice moved on its own ladder, and its timeline names the email that carried its step.
    for (const { invoice, handle } of issued) {
      expect((await handle.query(invoiceStateQuery)).stage).toBe('heads_up');
      const lines = await waitFor(async () => {
        const found = await ctx.orm.em.fork().find(TimelineEvent, { invoiceId: invoice.id, kind: 'reminder_sent' });
        return found.length ? found : undefined;
      }, 30_000, `${invoice.number}'s timeline line`);
      expect(lines[0].message).toMatch(/Reminder sent in one email with the client's 2 other open invoices \(client-reminder:[0-9a-f]+\)/);
    }

    // One transfer for all three settles all three, each by its own workflow, with three ledger rows.
    const total = issued.reduce((sum, { invoice }) => sum + invoice.total, 0);
    const split = await payClient({ orm: ctx.orm, temporal: ctx.env.client }, email, { amount: total, currency: 'EUR', method: 'bank_transfer', reference: 'all three' }, 'pay-all-1');
    expect(split.parts.map((p) => p.outcome)).toEqual(['applied', 'applied', 'applied']);
    for (const { invoice, handle } of issued) {
      expect((await handle.query(invoiceStateQuery)).status).toBe('paid');
      expect(await ctx.orm.em.fork().count(Payment, { invoiceId: invoice.id })).toBe(1);
    }
  }, 120_000);

  it("one invoice's reminder is its own email, as before", async () => {
    const { invoice } = await issueInvoice(ctx, {});
    await ctx.env.sleep('28 days');
    const mails = await waitFor(() => (mailsTo(ctx, invoice.clientEmail).length >= 2 ? mailsTo(ctx, invoice.clientEmail) : undefined), 30_000, 'the heads-up');
    expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining(`Invoice ${invoice.number} from`), expect.stringContaining('A friendly heads-up')]);
  }, 120_000);
});
