// A client cannot hold the reminders off by promising again and again, or far ahead: past the
// policy's limits the promise is not taken, the page asks them to talk to the owner, and the
// owner gets a task. A date the owner agrees with the client is always taken.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../domain/dates';
import { OwnerTask } from '../../db/entities';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';

const ctx = useE2E();
const call = (...args: Parameters<typeof ctx.api.call>) => ctx.api.call(...args);
const today = () => new Date().toISOString().slice(0, 10);
const promise = (url: string, date: string) =>
  fetch(`${url}/promise`, { method: 'POST', body: `date=${date}`, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } });

beforeAll(async () => {
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

async function newInvoice() {
  const res = await call('POST', '/v1/invoices', { ...invoiceInput(), policy: 'standard', termsDays: 60, client: { ...invoiceInput().client, email: `p-${randomBytes(4).toString('hex')}@client.test` } });
  expect(res.status).toBe(201);
  return res.body as { id: string; hostedUrl: string };
}

const tasks = (invoiceId: string) => ctx.orm.em.fork().find(OwnerTask, { invoiceId, kind: 'promise_limit' });
const promised = async (id: string) => (await call('GET', `/v1/invoices/${id}/schedule`)).body.promise?.date ?? null;

describe('promises to pay have limits', () => {
  it('a third promise from the client is not taken: the page asks them to talk to the owner, who gets a task', async () => {
    const inv = await newInvoice();
    expect((await promise(inv.hostedUrl, addDays(today(), 5))).headers.get('location')).toMatch(/sent=promise$/);
    expect((await promise(inv.hostedUrl, addDays(today(), 7))).headers.get('location')).toMatch(/sent=promise$/);
    const third = await promise(inv.hostedUrl, addDays(today(), 9));
    expect(third.status).toBe(303);
    expect(third.headers.get('location')).toMatch(/sent=promise_owner$/);
    const page = await (await fetch(new URL(third.headers.get('location')!, inv.hostedUrl))).text();
    expect(page).toContain('agree this date with you in person');
    expect(await promised(inv.id)).toBe(addDays(today(), 7));
    expect((await tasks(inv.id)).map((t) => t.title)).toEqual([expect.stringContaining('Agree a payment date')]);
    // The owner, having talked to the client, records the date: taken.
    const owner = await call('POST', `/v1/invoices/${inv.id}/promise`, { date: addDays(today(), 9), note: 'agreed on the phone' });
    expect(owner.status).toBe(200);
    expect(await promised(inv.id)).toBe(addDays(today(), 9));
  });

  it('a date further ahead than the policy allows goes to the owner too', async () => {
    const inv = await newInvoice();
    const res = await promise(inv.hostedUrl, addDays(today(), 45));
    expect(res.headers.get('location')).toMatch(/sent=promise_owner$/);
    expect(await promised(inv.id)).toBeNull();
    expect(await tasks(inv.id)).toHaveLength(1);
  });
});
