// Recurring plans on real Temporal Schedules (dev server): one invoice per period, however often
// the schedule fires; pause, resume, skip, end; a client in collections review pauses its plan.
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { waitFor } from '../support/wait';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

async function newPlan(email: string) {
  const res = await call('POST', '/v1/recurring', {
    invoice: { ...invoiceInput(), policy: 'standard', client: { ...invoiceInput().client, email, timeZone: 'Europe/Sofia' } },
    cadence: { every: 'month', dayOfMonth: 1 },
    startDate: new Date().toISOString().slice(0, 10),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Fires the plan's schedule now and waits for that run to finish. */
async function fire(scheduleId: string) {
  const handle = ctx.client.schedule.getHandle(scheduleId);
  const before = (await handle.describe()).info.numActionsTaken;
  await handle.trigger(ScheduleOverlapPolicy.ALLOW_ALL);
  const run = await waitFor(async () => {
    const info = (await handle.describe()).info;
    return info.numActionsTaken > before && info.recentActions.at(-1);
  }, 15_000, 'the schedule to start a run');
  await ctx.client.workflow.getHandle(run.action.workflow.workflowId, run.action.workflow.firstExecutionRunId).result();
}

const invoicesOf = async (email: string) => (await call('GET', `/v1/invoices?clientEmail=${encodeURIComponent(email)}`)).body.data;

describe('recurring plans', () => {
  it('previews the next dates: the 1st of each month at 09:00 on the client\'s clock', async () => {
    const plan = await newPlan('preview@client.test');
    expect(plan.nextDates.length).toBeGreaterThanOrEqual(3);
    for (const at of plan.nextDates) {
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Sofia', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(at));
      expect(local).toBe('1, 09:00');
    }
  });

  it('issues one invoice per period even when the schedule fires twice', async () => {
    const email = 'monthly@client.test';
    const plan = await newPlan(email);
    await fire(plan.scheduleId);
    await fire(plan.scheduleId);
    const invoices = await invoicesOf(email);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ status: 'open', total: 154_000 });
    const view = (await call('GET', `/v1/recurring/${plan.id}`)).body;
    expect(view.periods).toEqual([{ period: expect.stringMatching(/^\d{4}-\d{2}$/), invoiceId: invoices[0].id, outcome: 'issued' }]);
  });

  it('pauses, resumes, skips the next period, and ends', async () => {
    const email = 'controls@client.test';
    const plan = await newPlan(email);
    const paused = (await call('POST', `/v1/recurring/${plan.id}/pause`, {})).body;
    expect(paused).toMatchObject({ status: 'paused', nextDates: [] });
    expect((await ctx.client.schedule.getHandle(plan.scheduleId).describe()).state.paused).toBe(true);
    expect((await call('POST', `/v1/recurring/${plan.id}/resume`, {})).body.status).toBe('active');
    expect((await call('POST', `/v1/recurring/${plan.id}/skip-next`, {})).body.skipNext).toBe(true);
    await fire(plan.scheduleId);
    expect(await invoicesOf(email)).toHaveLength(0);
    expect((await call('GET', `/v1/recurring/${plan.id}`)).body).toMatchObject({ skipNext: false, periods: [{ outcome: 'skipped' }] });
    const patched = await call('PATCH', `/v1/recurring/${plan.id}`, { termsDays: 14, note: null });
    expect(patched.body.invoice).toMatchObject({ termsDays: 14 });
    expect(patched.body.invoice.note).toBeUndefined();
    const ended = (await call('POST', `/v1/recurring/${plan.id}/end`, {})).body;
    expect(ended.status).toBe('ended');
    await expect(ctx.client.schedule.getHandle(plan.scheduleId).describe()).rejects.toThrow();
    expect((await call('POST', `/v1/recurring/${plan.id}/pause`, {})).status).toBe(409);
  });

  it('pauses a plan whose client is in collections review', async () => {
    const email = 'review@client.test';
    const earlier = (await call('POST', '/v1/invoices', { ...invoiceInput(), client: { ...invoiceInput().client, email } })).body;
    // Let its workflow settle (it records the stage after sending), then stand in for 45 days of ladder.
    await waitFor(async () => (await call('GET', `/v1/invoices/${earlier.id}`)).body.timeline.some((e: { kind: string }) => e.kind === 'sent'), 15_000, 'the earlier invoice sent');
    await ctx.orm.em.fork().getConnection().execute(`update invoice set stage = 'collections_review' where id = ?`, [earlier.id]);
    const plan = await newPlan(email);
    await fire(plan.scheduleId);
    expect(await invoicesOf(email)).toHaveLength(1); // only the earlier one
    expect((await call('GET', `/v1/recurring/${plan.id}`)).body.status).toBe('paused');
    expect((await ctx.client.schedule.getHandle(plan.scheduleId).describe()).state.paused).toBe(true);
  });

  it('validates the cadence and dates, naming the field', async () => {
    const res = await call('POST', '/v1/recurring', { invoice: invoiceInput(), cadence: { every: 'month', dayOfMonth: 31 }, startDate: '2026-12-01', endDate: '2026-11-01' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['cadence.dayOfMonth', 'endDate']);
  });
});
