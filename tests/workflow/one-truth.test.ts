// The workflow owns an invoice's state; PostgreSQL follows. A write PostgreSQL refuses for its data
// is not retried forever: the workflow keeps serving, the owner gets a task, a metric counts it,
// and the auditor restores the record from the workflow.
import { describe, expect, it } from 'vitest';
import { Invoice, OwnerTask, Payment, TimelineEvent } from '../../db/entities';
import { auditInvoices } from '../../services/auditor';
import { metrics } from '../../observability/metrics';
import { invoiceStateQuery, pauseRemindersUpdate, recordPaymentUpdate, resumeRemindersUpdate } from '../../workflows/messages';
import { issueInvoice, payment, useTimeSkipping } from '../support/time-skipping';
import { waitFor } from '../support/wait';

const ctx = useTimeSkipping();

async function record(invoiceId: string) {
  const em = ctx.orm.em.fork();
  const row = await em.findOneOrFail(Invoice, { id: invoiceId });
  const ledger = (await em.find(Payment, { invoiceId })).reduce((sum, p) => sum + p.amount, 0);
  return { row, ledger };
}

const counted = async (write: string) => (await metrics.unstorableWrites.get()).values.find((v) => v.labels.write === write)?.value ?? 0;

describe('one truth per invoice', () => {
  it('a write PostgreSQL refuses (NUL in a client question) is not retried; the invoice still settles and agrees', async () => {
    const { invoice, handle } = await issueInvoice(ctx);
    const before = await counted('projection');
    // Straight to the workflow, past the API's validation: as a bug or a new field might.
    await handle.executeUpdate(pauseRemindersUpdate, { args: [{ source: 'client', message: 'Hello\u0000world', autoResumeDays: 0 }] });
    expect(await counted('projection')).toBe(before + 1);
    const tasks = await ctx.orm.em.fork().find(OwnerTask, { invoiceId: invoice.id });
    expect(tasks.map((t) => t.kind).sort()).toEqual(['client_question', 'record_failed']);
    expect(tasks.find((t) => t.kind === 'client_question')!.detail).toContain('could not be stored');

    // The workflow keeps serving: later writes go through at once, not behind a retry loop.
    await handle.executeUpdate(resumeRemindersUpdate, { args: [{ note: 'answered' }] });
    const settled = await handle.executeUpdate(recordPaymentUpdate, { args: [payment('bank:nul-1', invoice.total)] });
    expect(settled).toMatchObject({ status: 'paid', amountDue: 0, amountPaid: invoice.total });
    const { row, ledger } = await record(invoice.id);
    expect(row).toMatchObject({ status: 'paid', stage: 'paid', amountPaid: invoice.total, projectedSeq: settled.seq });
    expect(ledger).toBe(invoice.total);
  });

  it('the auditor finds a record that drifted and rewrites it from the workflow', async () => {
    const { invoice, handle } = await issueInvoice(ctx);
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('bank:drift-1', 5_000)] });
    const truth = await handle.query(invoiceStateQuery);
    // A lost ledger row and a row that says something else: as a bug or a hand edit would leave them.
    const conn = ctx.orm.em.fork().getConnection();
    await conn.execute(`delete from payment where invoice_id = ?`, [invoice.id]);
    await conn.execute(`update invoice set amount_paid = 0, status = 'paid', stage = 'paid' where id = ?`, [invoice.id]);
    const repairs = (await metrics.projectionRepairs.get()).values[0]?.value ?? 0;

    const report = await auditInvoices({ orm: ctx.orm, temporal: ctx.env.client }, { invoiceIds: [invoice.id] });
    expect(report.repaired).toEqual([expect.objectContaining({ invoiceId: invoice.id, differences: expect.arrayContaining([expect.stringMatching(/^amountPaid/), expect.stringMatching(/^ledger rows missing: bank:drift-1/)]) })]);
    expect((await metrics.projectionRepairs.get()).values[0]?.value).toBe(repairs + 1);
    const { row, ledger } = await record(invoice.id);
    expect(row).toMatchObject({ status: 'open', stage: truth.stage, amountPaid: 5_000 });
    expect(ledger).toBe(5_000);
    // Nothing left to repair on a second pass.
    expect((await auditInvoices({ orm: ctx.orm, temporal: ctx.env.client }, { invoiceIds: [invoice.id] })).repaired).toEqual([]);
  });

  it('a projected write is idempotent and an older one never overwrites a newer', async () => {
    const { invoice, handle } = await issueInvoice(ctx);
    // The invoice email and its "sent" line first: on a busy machine they could land between the
    // writes below and move the sequence on.
    await waitFor(async () => ((await ctx.orm.em.fork().count(TimelineEvent, { invoiceId: invoice.id, kind: 'sent' })) ? true : undefined), 30_000, 'the invoice sent');
    await handle.executeUpdate(recordPaymentUpdate, { args: [payment('bank:seq-1', 1_000)] });
    const later = await handle.executeUpdate(recordPaymentUpdate, { args: [payment('bank:seq-2', 2_000)] });
    const { writeProjection } = await import('../../activities/records');
    // Replay the first payment's projection (seq lower) and the second's again.
    const stale = { invoiceId: invoice.id, seq: later.seq - 1, row: { status: 'open' as const, stage: 'issued' as const, dueDate: invoice.dueDate, amountPaid: 1_000, adjustmentsTotal: 0, discountTotal: 0, changesTotal: 0, creditNotesTotal: 0 }, clientEmail: invoice.clientEmail, currency: 'EUR', timeline: [], ledger: [{ key: 'bank:seq-1', kind: 'payment' as const, amount: 1_000, currency: 'EUR', method: 'bank_transfer', reference: null, receivedAt: new Date().toISOString() }], adjustments: [], credits: [], changeOrders: [] };
    await ctx.orm.em.fork().transactional((tx) => writeProjection(tx, stale));
    await ctx.orm.em.fork().transactional((tx) => writeProjection(tx, { ...stale, seq: later.seq, row: { ...stale.row, amountPaid: 3_000 } }));
    const { row, ledger } = await record(invoice.id);
    expect(row.amountPaid).toBe(3_000);
    expect(row.projectedSeq).toBe(later.seq);
    expect(ledger).toBe(3_000);
    const lines = await ctx.orm.em.fork().count(TimelineEvent, { invoiceId: invoice.id, kind: 'payment' });
    expect(lines).toBe(2);
  });
});
