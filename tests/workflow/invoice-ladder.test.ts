// The invoice workflow on the time-skipping test server: weeks pass in seconds, with the real
// activities writing to PostgreSQL and sending through the resend SDK to a local fake of Resend.
import { describe, expect, it } from 'vitest';
import { Invoice, OwnerTask, Payment } from '../../db/entities';
import type { InvoiceOutcome } from '../../workflows/invoice';
import { decideCollectionsUpdate, invoiceStateQuery, recordPaymentUpdate, voidInvoiceUpdate } from '../../workflows/messages';
import { issueInvoice, mailsTo as mailsToIn, payment, useTimeSkipping } from '../support/time-skipping';

const ctx = useTimeSkipping();
const issue = () => issueInvoice(ctx, { policy: 'standard' });
const mailsTo = (address: string) => mailsToIn(ctx, address);

describe('invoice workflow ladder', () => {
  it('an invoice paid before its due date gets no reminder', async () => {
    const { invoice, handle } = await issue();
    await ctx.env.sleep('10 days');
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('bank:1', invoice.total)] });
    const outcome: InvoiceOutcome = await handle.result();
    await ctx.env.sleep('60 days');

    expect(outcome).toEqual({ status: 'paid', stage: 'paid', amountPaid: invoice.total });
    expect(mailsTo(invoice.clientEmail).map((m) => m.subject)).toEqual([expect.stringContaining(`Invoice ${invoice.number}`)]);
    const stored = await ctx.orm.em.fork().findOneOrFail(Invoice, { id: invoice.id });
    expect(stored).toMatchObject({ status: 'paid', amountPaid: invoice.total });
  });

  it('an invoice paid after the second reminder gets exactly two', async () => {
    const { invoice, handle } = await issue();
    await ctx.env.sleep('31 days'); // past the heads-up (-3) and the due-date note (0), before +3
    expect(mailsTo(invoice.clientEmail)).toHaveLength(3);
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('bank:2', invoice.total)] });
    await handle.result();
    await ctx.env.sleep('60 days');

    const subjects = mailsTo(invoice.clientEmail).map((m) => m.subject);
    expect(subjects).toEqual([
      expect.stringContaining(`Invoice ${invoice.number} from`),
      expect.stringContaining('A friendly heads-up'),
      expect.stringContaining('is due today'),
    ]);
  });

  it('an invoice never paid walks the whole ladder into collections review, and a person decides', async () => {
    const { invoice, handle } = await issue();
    await ctx.env.sleep('80 days'); // due at +30, collections review at due + 45

    const state = await handle.query(invoiceStateQuery);
    expect(state).toMatchObject({ status: 'open', stage: 'collections_review', nextStep: null });
    const subjects = mailsTo(invoice.clientEmail).map((m) => m.subject);
    expect(subjects).toEqual([
      expect.stringContaining(`Invoice ${invoice.number} from`),
      expect.stringContaining('A friendly heads-up'),
      expect.stringContaining('is due today'),
      expect.stringContaining('Reminder: invoice'),
      expect.stringContaining('days past due'),
      expect.stringContaining('Final notice'),
    ]);
    // The owner, never a third party, hears about the check-in and the review.
    const ownerMails = ctx.resend.deliveries.filter((d) => d.to.includes('billing@ivanova.studio') && d.subject.includes(invoice.number));
    expect(ownerMails.map((m) => m.subject)).toEqual([
      expect.stringContaining('personal check-in'),
      expect.stringContaining('Your decision needed'),
    ]);
    // The check-in note carries what the owner needs for a call: the phone and the history so far.
    expect(ownerMails[0].text).toContain('Client phone: +44 20 7946 0000');
    expect(ownerMails[0].text).toMatch(/History:\n- \d{4}-\d{2}-\d{2}: Invoice sent to/);
    const tasks = await ctx.orm.em.fork().find(OwnerTask, { invoiceId: invoice.id }, { orderBy: { createdAt: 'asc' } });
    expect(tasks.map((t) => t.kind)).toEqual(['owner_task', 'collections_review']);

    // Nothing more happens on its own while the review waits.
    await ctx.env.sleep('90 days');
    expect(mailsTo(invoice.clientEmail)).toHaveLength(6);

    await handle.executeUpdate(decideCollectionsUpdate, { args: [{ decision: 'write_off', reason: 'Client went out of business' }] });
    expect(await handle.result()).toMatchObject({ status: 'uncollectible', stage: 'written_off' });
  });

  it('counts the same payment once however often it is delivered', async () => {
    const { invoice, handle } = await issue();
    for (let i = 0; i < 3; i++) {
      await handle.executeUpdate(recordPaymentUpdate, { args: [payment('stripe:pi_same', 10_000)] });
    }
    const state = await handle.query(invoiceStateQuery);
    expect(state.amountPaid).toBe(10_000);
    expect(state.amountDue).toBe(invoice.total - 10_000);
    const ledger = await ctx.orm.em.fork().find(Payment, { invoiceId: invoice.id });
    expect(ledger.map((p) => p.amount)).toEqual([10_000]);
    await handle.executeUpdate(voidInvoiceUpdate, { args: [{ reason: 'test cleanup' }] });
  });

  it('voiding stops everything', async () => {
    const { invoice, handle } = await issue();
    await ctx.env.sleep('5 days');
    await handle.executeUpdate(voidInvoiceUpdate, { args: [{ reason: 'Issued by mistake' }] });
    expect(await handle.result()).toMatchObject({ status: 'void', stage: 'void' });
    await ctx.env.sleep('80 days');
    expect(mailsTo(invoice.clientEmail)).toHaveLength(1);
    expect(await ctx.orm.em.fork().findOneOrFail(Invoice, { id: invoice.id })).toMatchObject({ status: 'void' });
  });

  it('rejects a payment in another currency or of a non-positive amount', async () => {
    const { handle } = await issue();
    await expect(handle.executeUpdate(recordPaymentUpdate, { args: [{ ...payment('x:1', 100), currency: 'USD' }] })).rejects.toThrow();
    await expect(handle.executeUpdate(recordPaymentUpdate, { args: [payment('x:2', 0)] })).rejects.toThrow();
    expect((await handle.query(invoiceStateQuery)).amountPaid).toBe(0);
    await handle.executeUpdate(voidInvoiceUpdate, { args: [{}] });
  });
});
