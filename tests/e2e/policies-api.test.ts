// Policies, per-client settings, the schedule and the conversation with the client, over HTTP
// on the Temporal dev server.
import { beforeAll, describe, expect, it } from 'vitest';
import { Invoice, TimelineEvent } from '../../db/entities';
import { addDays } from '../../domain/dates';
import { NEW_PROGRESS, pastAtStart, planSchedule } from '../../domain/ladder';
import { BUILTIN_POLICIES } from '../../domain/policies';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { waitFor } from '../support/wait';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);
const create = async (overrides: Record<string, unknown> = {}, client: Record<string, unknown> = {}) => {
  const res = await call('POST', '/v1/invoices', { ...invoiceInput(), ...overrides, client: { ...invoiceInput().client, ...client } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

describe('policies', () => {
  it('lists the three named policies', async () => {
    const res = await call('GET', '/v1/policies');
    expect(res.body.data.map((p: { name: string }) => p.name)).toEqual(['gentle', 'standard', 'firm']);
  });

  it('takes an owner\'s own policy and refuses one that breaks the rules', async () => {
    const steps = [
      { offsetDays: -2, action: 'email_client', tone: 'friendly' },
      { offsetDays: 2, action: 'email_client', tone: 'nudge' },
      { offsetDays: 10, action: 'owner_task', tone: 'firm' },
      { offsetDays: 20, action: 'email_client', tone: 'final' },
      { offsetDays: 35, action: 'collections_review', tone: 'final' },
    ];
    const created = await call('PUT', '/v1/policies/studio-way', { description: 'Our way', steps, sendAt: '11:30', businessHours: { start: '08:00', end: '16:00' } });
    expect(created.status).toBe(201);
    expect(created.body.steps.map((s: { id: string }) => s.id)).toEqual(['before_2', 'after_2', 'after_10', 'after_20', 'after_35']);

    const gentler = await call('PUT', '/v1/policies/bad', { steps: [{ offsetDays: 1, action: 'email_client', tone: 'firm' }, { offsetDays: 5, action: 'email_client', tone: 'friendly' }] });
    expect(gentler.status).toBe(400);
    expect(gentler.body.error.fields).toEqual([{ field: 'steps.1.tone', message: 'a step may not be gentler than the one before it' }]);
    const early = await call('PUT', '/v1/policies/bad', { steps: [{ offsetDays: 50, action: 'collections_review', tone: 'final' }, { offsetDays: 60, action: 'email_client', tone: 'final' }] });
    expect(early.body.error.fields.map((f: { field: string }) => f.field)).toContain('steps.0.action');
    expect((await call('PUT', '/v1/policies/standard', { steps })).status).toBe(409);
    expect((await call('PUT', '/v1/policies/BAD NAME', { steps })).status).toBe(400);

    const invoice = await create({ policy: 'studio-way' }, { timeZone: 'America/New_York' });
    expect(invoice.policy).toEqual({ name: 'studio-way', reason: 'chosen for this invoice' });
    const schedule = await call('GET', `/v1/invoices/${invoice.id}/schedule`);
    expect(schedule.body.upcoming.map((s: { stepId: string }) => s.stepId)).toEqual(['before_2', 'after_2', 'after_10', 'after_20', 'after_35']);
    for (const s of schedule.body.upcoming) expect(s.localTime).toMatch(/11:30 \(America\/New_York\)$/);

    // Changing the policy later does not touch the invoice already running it.
    await call('PUT', '/v1/policies/studio-way', { steps: steps.slice(1) });
    const again = await call('GET', `/v1/invoices/${invoice.id}/schedule`);
    expect(again.body.upcoming).toHaveLength(5);
    expect((await call('POST', '/v1/invoices', { ...invoiceInput(), policy: 'no-such-policy' })).body.error.fields[0].field).toBe('policy');
  });
});

describe('the schedule endpoint', () => {
  it.each(['gentle', 'standard', 'firm'] as const)('shows the exact dates of the %s policy, from the same engine the workflow runs', async (name) => {
    const invoice = await create({ policy: name }, { timeZone: 'Asia/Tokyo' });
    const res = await call('GET', `/v1/invoices/${invoice.id}/schedule`);
    const facts = { dueDate: invoice.dueDate, timeZone: 'Asia/Tokyo' };
    const policy = BUILTIN_POLICIES[name];
    const expected = planSchedule(policy, facts, { ...NEW_PROGRESS, done: pastAtStart(policy, facts, new Date(invoice.createdAt)) }, new Date());
    expect(res.body).toMatchObject({ policy: { name }, state: 'running', timeZone: 'Asia/Tokyo' });
    expect(res.body.upcoming.map((s: { stepId: string; at: string }) => [s.stepId, s.at])).toEqual(expected.upcoming.map((u) => [u.step.id, u.at]));
    for (const s of res.body.upcoming) {
      expect(s.localTime).toMatch(/^(Monday|Tuesday|Wednesday|Thursday|Friday), .* 10:00 \(Asia\/Tokyo\)$/);
    }
  });
});

describe('automatic choice', () => {
  it('gives a new client the gentle ladder and says why', async () => {
    const invoice = await create({}, { email: 'new@client.test' });
    expect(invoice.policy).toEqual({ name: 'gentle', reason: 'new client: no earlier invoices' });
  });

  it('gives a habitually late client the firm ladder, and a punctual one the standard', async () => {
    const late = 'late@client.test';
    const punctual = 'punctual@client.test';
    for (const email of [late, late, punctual, punctual]) await create({}, { email });
    // Their history: two invoices settled 12 days after the due date, two settled on time. Written
    // over the rows once each invoice's email is out, or its "sent" projection would write them back.
    const em = ctx.orm.em.fork();
    const rows = await em.find(Invoice, { clientEmail: { $in: [late, punctual] } });
    for (const invoice of rows) {
      await waitFor(async () => ((await ctx.orm.em.fork().count(TimelineEvent, { invoiceId: invoice.id, kind: 'sent' })) ? true : undefined), 30_000, `${invoice.number} sent`);
    }
    for (const invoice of rows) {
      const lateBy = invoice.clientEmail === late ? 12 : 0;
      await em.getConnection().execute(`update invoice set status = 'paid', paid_at = ?::date + interval '1 day' * ? where id = ?`, [invoice.dueDate, lateBy, invoice.id]);
    }
    expect((await create({}, { email: late })).policy).toEqual({ name: 'firm', reason: '2 of the last 2 invoices were paid more than 7 days late' });
    expect((await create({}, { email: punctual })).policy).toMatchObject({ name: 'standard' });
  });

  it('uses the policy and payment day set for a client', async () => {
    const email = 'monthly@client.test';
    const res = await call('PUT', `/v1/clients/${email}`, { policy: 'firm', paymentDay: 1 });
    expect(res.body).toEqual({ email, policy: 'firm', paymentDay: 1, eInvoiceFormat: null });
    const invoice = await create({ termsDays: 30 }, { email });
    expect(invoice.policy).toEqual({ name: 'firm', reason: 'set for this client' });
    expect(invoice.dueDate.slice(8)).toBe('01'); // "we pay on the 1st"
    expect(invoice.dueDate >= addDays(invoice.issueDate, 30)).toBe(true);
    expect(invoice.paymentTerms).toContain(`within ${invoice.termsDays} days`);
    expect((await call('PUT', `/v1/clients/${email}`, { paymentDay: 31 })).status).toBe(400);
  });
});

describe('the conversation with the client', () => {
  it('pauses on a question, hands the owner a task, resumes, and records a promise from the task', async () => {
    const invoice = await create({ policy: 'standard' });
    const paused = await call('POST', `/v1/invoices/${invoice.id}/pause`, { source: 'client', message: 'Can we pay half now and half next month?' });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ stage: 'paused', nextStep: null });
    expect((await call('GET', `/v1/invoices/${invoice.id}/schedule`)).body).toMatchObject({ state: 'paused', pause: { reason: 'Can we pay half now and half next month?' } });
    expect((await call('POST', `/v1/invoices/${invoice.id}/pause`, { message: 'again' })).status).toBe(409);

    const tasks = await call('GET', '/v1/tasks');
    const question = tasks.body.data.find((t: { invoiceId: string; kind: string }) => t.invoiceId === invoice.id && t.kind === 'client_question');
    expect(question.detail).toContain('half now');

    const resumed = await call('POST', `/v1/invoices/${invoice.id}/resume`, {});
    expect(resumed.body.stage).toBe('issued');
    expect((await call('GET', `/v1/invoices/${invoice.id}/schedule`)).body.state).toBe('running');

    const promiseDate = addDays(invoice.issueDate, 40);
    const done = await call('POST', `/v1/tasks/${question.id}/complete`, { outcome: 'promise', promiseDate, note: 'Agreed on the phone' });
    expect(done.body).toMatchObject({ status: 'done', outcome: 'promise: Agreed on the phone' });
    const schedule = await call('GET', `/v1/invoices/${invoice.id}/schedule`);
    expect(schedule.body).toMatchObject({ state: 'promised', promise: { date: promiseDate } });
    expect((await call('GET', `/v1/invoices/${invoice.id}`)).body.stage).toBe('promised');
    expect((await call('POST', `/v1/tasks/${question.id}/complete`, { outcome: 'note' })).status).toBe(409);
  });

  it('refuses a promise in the past and bad input, naming the field', async () => {
    const invoice = await create({ policy: 'standard' });
    const past = await call('POST', `/v1/invoices/${invoice.id}/promise`, { date: '2020-01-01' });
    expect(past.status).toBe(409);
    expect(past.body.error.message).toMatch(/must not be in the past/);
    expect((await call('POST', `/v1/invoices/${invoice.id}/promise`, { date: 'soon' })).body.error.fields[0].field).toBe('date');
    expect((await call('POST', `/v1/invoices/${invoice.id}/pause`, {})).body.error.fields[0].field).toBe('message');
    expect((await call('POST', `/v1/invoices/${invoice.id}/resume`, {})).status).toBe(409);
  });
});

describe('payment terms on the invoice', () => {
  it('states the early-payment offer and late-fee terms, and validates them', async () => {
    const invoice = await create({ earlyPayment: { percent: 2, withinDays: 10 }, lateFees: { graceDays: 7, fixedAmount: 2_500 } });
    expect(invoice.terms).toEqual({ earlyPayment: { percent: 2, withinDays: 10 }, lateFees: { graceDays: 7, fixedAmount: 2_500 } });
    expect(invoice.earlyPayment).toMatchObject({ deadline: addDays(invoice.issueDate, 10), discount: Math.round(invoice.total * 0.02), stands: true });
    const bad = await call('POST', '/v1/invoices', { ...invoiceInput(), earlyPayment: { percent: 0, withinDays: 10 }, lateFees: { graceDays: 3 } });
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['earlyPayment.percent', 'lateFees']);
  });
});
