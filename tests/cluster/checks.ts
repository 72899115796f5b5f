// What every cluster test asserts once its traffic is done: each invoice settled with API,
// workflow, row and ledger in agreement (the random tester's agreement check), one ledger row
// each, every email sent at most once and recorded as sent, gapless distinct numbers, and no answer but 2xx or "try again".
import type { WebhookReceiver } from '../support/webhook-receiver';
import type { Client } from '@temporalio/client';
import { expect } from 'vitest';
import type { Orm } from '../../db/orm';
import { TEST_API_KEY } from '../support/api';
import { agreementProblems, observeInvoice } from '../support/agreement';
import type { FakeResend } from '../support/fake-resend';
import { waitFor } from '../support/wait';
import type { Issued, Traffic } from './traffic';

export async function expectSettledOnce(deps: { apiUrl: string; client: Client; orm: Orm; resend: FakeResend }, t: Traffic): Promise<void> {
  expect(t.refusals).toEqual([]);
  expect([...t.statuses.keys()].filter((s) => s >= 500 && s !== 502 && s !== 503)).toEqual([]);
  const agreement = {
    call: async (method: string, path: string) => {
      const r = await fetch(`${deps.apiUrl}${path}`, { method, headers: { authorization: `Bearer ${TEST_API_KEY}` } });
      const text = await r.text();
      return { status: r.status, text, body: r.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
    },
    client: deps.client,
    db: deps.orm.em.fork().getConnection(),
  };
  for (const inv of t.issued) {
    await waitFor(async () => {
      const problems = agreementProblems(await observeInvoice(agreement, inv.id, inv.workflowId), { status: 'paid', amountPaid: inv.total, amountDue: 0 });
      if (problems.length) throw new Error(`${inv.number}: ${problems.join('; ')}`);
      return true;
    }, 120_000, `${inv.number} settled in agreement`);
  }
  const ids = t.issued.map((i) => i.id);
  const rows = await deps.orm.em.fork().getConnection().execute<{ invoice_id: string; n: string }[]>(
    `select invoice_id, count(*) as n from payment where invoice_id in (${ids.map(() => '?').join(', ')}) group by invoice_id`, ids);
  expect(rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
  expect(rows).toHaveLength(ids.length);
  // Each email went out once: at most one delivery per invoice (its invoice email; the ladder's
  // first reminder is weeks away, and an invoice paid before its email's turn is not sent at all),
  // and the fake Resend got exactly what the email table records as sent.
  const delivered = (inv: Issued) => deps.resend.deliveries.filter((d) => d.subject.includes(inv.number));
  expect(t.issued.filter((i) => delivered(i).length > 1).map((i) => i.number)).toEqual([]);
  const keys = new Set(t.issued.map((i) => `${i.workflowId}:invoice`));
  const sent = () => deps.resend.deliveries.map((d) => d.idempotencyKey).filter((k) => keys.has(k!)).sort();
  const recorded = async () => (await deps.orm.em.fork().getConnection().execute<{ idempotency_key: string }[]>(
    `select idempotency_key from email_message where invoice_id in (${ids.map(() => '?').join(', ')})`, ids)).map((r) => r.idempotency_key).sort();
  // An email Resend took from a worker killed before it heard back is recorded by the activity's
  // retry, which comes only after the attempt's one-minute timeout: wait for it, then compare.
  await waitFor(async () => JSON.stringify(await recorded()) === JSON.stringify(sent()) || undefined, 150_000, 'the email log matching what Resend delivered').catch(() => undefined);
  expect(await recorded()).toEqual(sent());
  expect(new Set(t.issued.map((i) => i.number)).size).toBe(t.issued.length);
}

/**
 * Every event of these invoices reached the business's endpoint, signed, at least once, and in
 * the order the log holds them per invoice (first arrivals: a crash may repeat a delivery).
 */
export async function expectEventsDelivered(deps: { apiUrl: string }, t: Traffic, receiver: WebhookReceiver): Promise<void> {
  const logs = new Map<string, string[]>();
  for (const invoice of t.issued) {
    const r = await fetch(`${deps.apiUrl}/v1/events?invoiceId=${invoice.id}&limit=100`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    const body = (await r.json()) as { data: { id: string }[] };
    logs.set(invoice.id, body.data.map((e) => e.id).reverse());
  }
  const expected = [...logs.values()].flat();
  await waitFor(() => expected.every((id) => receiver.accepted.some((a) => a.webhookId === id)) || undefined, 180_000,
    `every event delivered (${receiver.accepted.length} accepted of ${expected.length})`);
  expect(receiver.refused).toEqual([]);
  for (const [invoiceId, ids] of logs) {
    const arrived = [...new Set(receiver.accepted.filter((a) => a.invoiceId === invoiceId).map((a) => a.webhookId))];
    expect(arrived, `the events of ${invoiceId} in order`).toEqual(ids);
  }
}
