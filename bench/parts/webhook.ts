// Webhook → paid: a Stripe-signed payment_intent.succeeded posted, then GET until the invoice
// reads `paid`, one after another on invoices idle on their timers. Dunwell records a payment as
// a workflow update, so the bare baseline is an update round trip (executeUpdate until its result)
// on an idle bare workflow that the update completes; no polling on the bare side.
import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import Stripe from 'stripe';
import { BARE_QUEUE, STRIPE_SECRET, type Knobs } from '../config';
import { payUpdate, type paymentUpdateWorkflow } from '../workflows';
import { load, percentile } from '../stats';
import { ratio, type Figure } from '../table';
import type { Target } from '../target';

async function dunwellLatencies(t: Target, n: number): Promise<number[]> {
  const fresh: { id: string; total: number }[] = [];
  await load(8, Infinity, async (i) => void fresh.push(await t.createInvoice(i)), n);
  await t.settle();
  const latencies: number[] = [];
  for (const created of fresh) {
    const payload = JSON.stringify({ id: `evt_${randomBytes(8).toString('hex')}`, object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000), data: { object: { id: `pi_${randomBytes(8).toString('hex')}`, amount: created.total, amount_received: created.total, currency: 'eur', metadata: { invoice_id: created.id } } } });
    const started = performance.now();
    const hook = await fetch(`${t.apiUrl}/v1/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_SECRET }) }, body: payload });
    if (!hook.ok) throw new Error(`webhook failed: ${hook.status} ${await hook.text()}`);
    for (;;) {
      const state = (await (await fetch(`${t.apiUrl}/v1/invoices/${created.id}`, { headers: t.headers })).json()) as { status: string };
      if (state.status === 'paid') break;
    }
    latencies.push(performance.now() - started);
  }
  return latencies;
}

async function bareLatencies(t: Target, n: number): Promise<number[]> {
  const run = randomBytes(4).toString('hex');
  const handles: WorkflowHandle<typeof paymentUpdateWorkflow>[] = [];
  await load(8, Infinity, async (i) => void handles.push(await t.client.workflow.start<typeof paymentUpdateWorkflow>('paymentUpdateWorkflow', { taskQueue: BARE_QUEUE, workflowId: `pay-${run}-${i}` })), n);
  // Idle before the first update, as an invoice is when its payment arrives: each has run its
  // first workflow task (started, task scheduled, started, completed).
  for (const handle of handles) {
    while (((await handle.describe()).historyLength ?? 0) < 4) await new Promise((r) => setTimeout(r, 100));
  }
  const latencies: number[] = [];
  for (const handle of handles) {
    const started = performance.now();
    await handle.executeUpdate(payUpdate, { args: [100_000] });
    latencies.push(performance.now() - started);
    await handle.result();
  }
  return latencies;
}

export async function webhookPart(t: Target, k: Knobs, out: Figure[]): Promise<void> {
  const dunwell = await dunwellLatencies(t, k.webhooks);
  const bare = await bareLatencies(t, k.webhooks);
  const [p50, p99, b50, b99] = [percentile(dunwell, 50), percentile(dunwell, 99), percentile(bare, 50), percentile(bare, 99)];
  out.push({ measure: `signed webhook → paid visible (${k.webhooks} one after another), p50 ms; bare: update round trip`, dunwell: p50.toFixed(1), bare: b50.toFixed(1), ratio: ratio(p50, b50) });
  out.push({ measure: '… webhook → paid visible, p99 ms', dunwell: p99.toFixed(1), bare: b99.toFixed(1), ratio: ratio(p99, b99), goal: '≤ 100 ms and ≤ 1.5× bare', met: p99 <= 100 && p99 / b99 <= 1.5 });
}
